package payload

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// parseAll parses doc by every entry point (Parse, ParseLean, ParseLeanFile)
// and fails unless they agree on the flags read; it returns Parse's payload.
func parseAll(t *testing.T, doc []byte) (*Payload, error) {
	t.Helper()
	p, err := Parse(doc, "x")
	lean, errLean := ParseLean(doc, "x")
	path := filepath.Join(t.TempDir(), "p.json")
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	file, errFile := ParseLeanFile(path, "x")
	if fmt.Sprint(err) != fmt.Sprint(errLean) || fmt.Sprint(err) != fmt.Sprint(errFile) {
		t.Fatalf("errors differ: Parse %v, ParseLean %v, ParseLeanFile %v", err, errLean, errFile)
	}
	if err != nil {
		return nil, err
	}
	for _, q := range []*Payload{lean, file} {
		if !slices.Equal(p.Keys(), q.Keys()) || p.Shape != q.Shape || p.Loader != q.Loader || fmt.Sprint(p.Warnings) != fmt.Sprint(q.Warnings) {
			t.Fatalf("entry points differ: %v %s %s %q vs %v %s %s %q", p.Keys(), p.Shape, p.Loader, p.Warnings, q.Keys(), q.Shape, q.Loader, q.Warnings)
		}
	}
	return p, nil
}

// TestParseShapeWholeDocument: issue 10 §6. The shape used to be guessed
// from the first member name only.
func TestParseShapeWholeDocument(t *testing.T) {
	flag := func(k string) string {
		return `{"key":"` + k + `","on":false,"offVariation":0,"variations":[true,false]}`
	}
	cases := []struct {
		name, doc string
		shape     Shape
		flags     string
	}{
		{"$meta first", `{"$meta":{"version":3},"flags":{"a":` + flag("a") + `},"segments":{}}`, ShapeLatestAll, "a"},
		{"etag first", `{"etag":"\"abc\"","flags":{"a":` + flag("a") + `}}`, ShapeLatestAll, "a"},
		{"bare map, first flag named flagValues", `{"flagValues":` + flag("flagValues") + `,"b":` + flag("b") + `}`, ShapeFlagMap, "b flagValues"},
		{"bare map, first flag named flags", `{"flags":` + flag("flags") + `,"segments":` + flag("segments") + `}`, ShapeFlagMap, "flags segments"},
		{"bare map, flag named flags later", `{"a":` + flag("a") + `,"flags":` + flag("flags") + `}`, ShapeFlagMap, "a flags"},
		{"latest-all with a flag named key", `{"flags":{"key":` + flag("key") + `}}`, ShapeLatestAll, "key"},
		{"latest-all with flags named on and variations", `{"flags":{"on":` + flag("on") + `,"variations":` + flag("variations") + `}}`, ShapeLatestAll, "on variations"},
		{"unknown members around", `{"x":1,"flags":{"a":` + flag("a") + `},"y":[{"key":"y"}],"z":{"key":"z","on":true}}`, ShapeLatestAll, "a"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := parseAll(t, []byte(c.doc))
			if err != nil {
				t.Fatal(err)
			}
			if p.Shape != c.shape || strings.Join(p.Keys(), " ") != c.flags {
				t.Errorf("got %s %q, want %s %q", p.Shape, strings.Join(p.Keys(), " "), c.shape, c.flags)
			}
		})
	}
	// No "flags" member at all: nothing read, and said.
	p, err := parseAll(t, []byte(`{"$meta":{},"data":{"a":`+flag("a")+`}}`))
	if err != nil || len(p.Flags) != 0 || !strings.Contains(fmt.Sprint(p.Warnings), `no "flags" member`) {
		t.Errorf("got %v %v %q", err, p, p.Warnings)
	}
}

// TestParseBOM: issue 8 — a BOM used to give "unexpected character at byte 0".
func TestParseBOM(t *testing.T) {
	for _, doc := range []string{"\xef\xbb\xbf" + `{"flags":{"a":{"key":"a"}}}`, "\xef\xbb\xbf" + `{"a":{"key":"a"}}`} {
		p, err := parseAll(t, []byte(doc))
		if err != nil || strings.Join(p.Keys(), " ") != "a" {
			t.Errorf("%q: %v %v", doc, err, p)
		}
	}
}

// TestParseDepth: issue 8 — 2,000,000 levels overflowed the stack (the
// process died); now one InputError from every entry point.
func TestParseDepth(t *testing.T) {
	deep := func(n int, where string) []byte {
		v := strings.Repeat("[", n) + strings.Repeat("]", n)
		switch where {
		case "variation":
			return []byte(`{"flags":{"a":{"key":"a","variations":[` + v + `]}}}`)
		case "unknown":
			return []byte(`{"x":` + v + `,"flags":{}}`)
		case "bare":
			return []byte(`{"a":{"key":"a","variations":[` + v + `]}}`)
		}
		return []byte(`{"flagValues":{"a":` + v + `}}`)
	}
	for _, where := range []string{"variation", "unknown", "bare", "flagValues"} {
		_, err := parseAll(t, deep(2_000_000, where))
		var ie *InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), "nested deeper than 9000 levels") {
			t.Errorf("%s: got %v", where, err)
		}
		// Just under the limit is read.
		if _, err := parseAll(t, deep(MaxDepth-5, where)); err != nil {
			t.Errorf("%s at %d levels: %v", where, MaxDepth-5, err)
		}
	}
}

// TestParseWarnings: issue 8 (duplicate keys, key field ≠ map key) and
// issue 10 §7 (the loaders' differences).
func TestParseWarnings(t *testing.T) {
	f := func(k string, extra string) string {
		return `{"key":"` + k + `","on":false,"offVariation":0,"variations":[1]` + extra + `}`
	}
	cases := []struct {
		name, doc, flags, deleted string
		loader                    Loader
		warn                      string
	}{
		{"duplicate key", `{"flags":{"a":` + f("a", "") + `,"a":` + f("a", "") + `}}`, "a", "", LoaderPolling, `1 flag key appears more than once in the payload ("a")`},
		{"key field differs", `{"flags":{"a":` + f("b", "") + `,"c":{"on":false}}}`, "a c", "", LoaderPolling, `2 flags have a "key" field different from their map key ("a", "c"; e.g. "a" has key "b")`},
		{"deleted, polling", `{"flags":{"a":` + f("a", `,"deleted":true`) + `,"b":` + f("b", "") + `}}`, "b", "a", LoaderPolling, ""},
		{"deleted, file loader", `{"flags":{"a":` + f("a", `,"deleted":true`) + `},"flagValues":{"v":1}}`, "a v", "", LoaderFile, `1 flag is marked "deleted": true ("a"): this is the SDK's file data source format`},
		{"two flags members, polling", `{"flags":{"a":` + f("a", "") + `},"flags":{"b":` + f("b", "") + `}}`, "b", "", LoaderPolling, `2 "flags" members: only the last is read`},
		{"two flags members, file loader", `{"flags":{"a":` + f("a", "") + `},"flagValues":{},"flags":{"b":` + f("b", "") + `}}`, "a b", "", LoaderFile, `2 "flags" members: the SDK's file data source (this format) merges them`},
		{"tombstone then flag", `{"flags":{"a":` + f("a", `,"deleted":true`) + `,"a":` + f("a", "") + `}}`, "a", "", LoaderPolling, "appears more than once"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := parseAll(t, []byte(c.doc))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(p.Keys(), " "); got != c.flags || strings.Join(sortedKeys(p.Deleted), " ") != c.deleted || p.Loader != c.loader {
				t.Errorf("flags %q deleted %q loader %s, want %q %q %s", got, sortedKeys(p.Deleted), p.Loader, c.flags, c.deleted, c.loader)
			}
			w := strings.Join(p.Warnings, "\n")
			if (c.warn == "") != (w == "") || !strings.Contains(w, c.warn) {
				t.Errorf("warnings %q, want %q", w, c.warn)
			}
		})
	}
	p, _ := Parse([]byte(`{"flags":{"a":`+f("b", "")+`}}`), "x")
	if p.KeyField("a") != "b" || p.Flags["a"].Key != "a" {
		t.Errorf("KeyField %q, Key %q", p.KeyField("a"), p.Flags["a"].Key)
	}
}

// FuzzPayloadShape builds a latest-all document and a bare flag map from
// the same flags, with the members in random order, unknown members added
// (in latest-all only: in a bare map every member is a flag) and flags
// renamed to the reserved names, and checks that every entry point reads
// exactly those flags.
func FuzzPayloadShape(f *testing.F) {
	for i := uint64(0); i < 8; i++ {
		f.Add(i, uint8(i))
	}
	names := []string{"flags", "segments", "flagValues", "key", "on", "variations", "$meta", "etag", "a", "b", "c"}
	unknown := []string{`1`, `"s"`, `null`, `[{"key":"x"}]`, `{"version":3}`, `{"key":"k","on":true,"variations":[1]}`, `{"flags":{}}`}
	f.Fuzz(func(t *testing.T, seed uint64, n uint8) {
		r := rand.New(rand.NewPCG(seed, uint64(n)))
		count := 1 + int(n)%6
		var keys []string
		seen := map[string]bool{}
		for len(keys) < count {
			k := names[r.IntN(len(names))]
			if r.IntN(3) == 0 {
				k = fmt.Sprintf("f%d", r.IntN(100))
			}
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
		flagJSON := func(k string) string {
			// Every real flag has its "key"; the rest is optional.
			parts := []string{`"on":` + fmt.Sprint(r.IntN(2) == 0), `"variations":[1,2]`, `"offVariation":0`, `"salt":"x"`, `"zz":{"on":1}`}
			r.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
			parts = append(parts[:r.IntN(len(parts)+1)], `"key":"`+k+`"`)
			r.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
			return "{" + strings.Join(parts, ",") + "}"
		}
		var members []string
		for _, k := range keys {
			members = append(members, fmt.Sprintf("%q:%s", k, flagJSON(k)))
		}
		bare := "{" + strings.Join(members, ",") + "}"
		top := []string{`"flags":{` + strings.Join(members, ",") + `}`, `"segments":{}`}
		for i := r.IntN(3); i > 0; i-- {
			top = append(top, fmt.Sprintf("%q:%s", []string{"$meta", "etag", "x", "version"}[r.IntN(4)], unknown[r.IntN(len(unknown))]))
		}
		r.Shuffle(len(top), func(i, j int) { top[i], top[j] = top[j], top[i] })
		latest := "{" + strings.Join(top, ",") + "}"
		slices.Sort(keys)
		for _, c := range []struct {
			doc   string
			shape Shape
		}{{bare, ShapeFlagMap}, {latest, ShapeLatestAll}} {
			p, err := parseAll(t, []byte(c.doc))
			if err != nil {
				t.Fatalf("%s: %v", c.doc, err)
			}
			if !slices.Equal(p.Keys(), keys) || p.Shape != c.shape {
				t.Fatalf("%s:\nread %s %v, want %s %v", c.doc, p.Shape, p.Keys(), c.shape, keys)
			}
		}
	})
}
