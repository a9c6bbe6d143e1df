package scanner

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/languages"
)

// FuzzExtract feeds random and mutated fixture bytes to every language's
// extractor: it must never panic or hang (a parse is bounded by a deadline),
// and searching around the pre-filter hits must find what the whole tree has.
func FuzzExtract(f *testing.F) {
	all := languages.All()
	files, _ := filepath.Glob("../testdata/scan/*/*/*")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if l := languages.ByExtension(p); l != nil {
			for i, x := range all {
				if x == l {
					f.Add(uint8(i), data)
				}
			}
		}
	}
	f.Add(uint8(0), []byte("\xff\x00(((\"\\u{zz}"))
	cfg, err := config.Parse([]byte("wrappers:\n  - methods: [isEnabled]\n    key: 0\ndefinitions:\n  - keyProperty: flag\n    fallbackProperty: defaultValue\n"))
	if err != nil {
		f.Fatal(err)
	}
	matchers := fuzzMatchers(f, all, cfg)
	s := testScanner(f)
	f.Fuzz(func(t *testing.T, li uint8, src []byte) {
		m := matchers[int(li)%len(all)]
		e := newExtractor()
		defer e.close()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		out, err := e.extract(ctx, m, "f", src, true)
		if err != nil {
			return
		}
		for _, c := range out.calls {
			if c.Line < 1 || c.Column < 1 {
				t.Fatalf("bad position %+v", c)
			}
			if c.FallbackSpan.End > len(src) || c.FallbackSpan.Start > c.FallbackSpan.End {
				t.Fatalf("bad span %+v", c.FallbackSpan)
			}
		}
		// Queries limited to the pre-filter hits find what the whole tree has.
		if d := hitsDiff(t, s, e, m, src); d != "" {
			t.Fatal(d)
		}
	})
}

func TestUnquote(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		raw      bool
	}{
		{`"a\nb"`, "a\nb", false},
		{`'it\'s'`, "it's", false},
		{"`raw\\n`", `raw\n`, true},
		{`r"\d"`, `\d`, false},
		{`@"C:\x"""`, `C:\x"`, false},
		{`"\u00e9\x41"`, "éA", false},
		{`"\u{1F600}"`, "😀", false},
		{`'''tri'''`, "tri", false},
		{`"""tri"""`, "tri", false},
	} {
		got, ok := unquote(tc.in, tc.raw)
		if !ok || got != tc.want {
			t.Errorf("unquote(%s) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	for _, bad := range []string{`f"x{y}"`, `$"a{b}"`, `abc`} {
		if _, ok := unquote(bad, false); ok {
			t.Errorf("unquote(%s) accepted", bad)
		}
	}
}

func TestNumber(t *testing.T) {
	for in, want := range map[string]string{"1_000": "1000", "0x10": "16", "1.50": "1.5", "10L": "10", "2.5f": "2.5", "1e3": "1000", "0.5m": "0.5"} {
		got, _, ok := number(in, false)
		if !ok || string(got) != want {
			t.Errorf("number(%s) = %s, %v; want %s", in, got, ok, want)
		}
	}
}

// FuzzConstructions runs the wrapper pass's search for constructions
// (`new Gate(k)`, `[Gate(k)]`, `Gate(k)`) of a field wrapper over arbitrary
// source in every language: no panic, positions inside the file, and a key
// only from a string literal or a name to resolve.
func FuzzConstructions(f *testing.F) {
	all := languages.All()
	files, _ := filepath.Glob("../testdata/scan/wrap-fields/*/*")
	more, _ := filepath.Glob("../testdata/scan/wrap-fields/*/*/*")
	for _, p := range append(files, more...) {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		for i, x := range all {
			if x == languages.ByExtension(p) {
				f.Add(uint8(i), data)
			}
		}
	}
	f.Add(uint8(0), []byte("[Gate(\"a\", Order = 1)] new Gate(\"b\") Gate(k)"))
	matchers := fuzzMatchers(f, all, nil)
	w := &Wrapper{Name: "GateAttribute", Alias: "Gate", Constructs: true, Field: "_key",
		KeyParam: &Param{Index: 0, Name: "key"}, Positional: 1, Required: 1, Fallback: []byte("false"), Type: TypeBool}
	names := map[string][]*Wrapper{"GateAttribute": {w}, "Gate": {w}}
	f.Fuzz(func(t *testing.T, li uint8, src []byte) {
		m := matchers[int(li)%len(all)]
		e := newExtractor()
		defer e.close()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		calls, _, _, err := e.wrapperCalls(ctx, m, "f", src, nil, names, nil)
		if err != nil {
			return
		}
		for _, c := range calls {
			if c.Line < 1 || c.Column < 1 || c.Via == nil || c.Via.Name != "GateAttribute" {
				t.Fatalf("bad call %+v", c)
			}
			if c.Key != nil && c.KeyExpr != "" {
				t.Fatalf("a key and an expression: %+v", c)
			}
		}
	})
}

// fuzzMatchers builds every language's matcher once, by its index in all
// (the fuzz inputs name a language by that index).
func fuzzMatchers(f *testing.F, all []*languages.Language, cfg *config.Config) map[int]*matcher {
	matchers := map[int]*matcher{}
	for i, l := range all {
		m, err := newMatcher(l, cfg)
		if err != nil {
			f.Fatal(err)
		}
		matchers[i] = m
	}
	return matchers
}
