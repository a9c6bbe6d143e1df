package payload

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestParseShapes(t *testing.T) {
	cases := []struct {
		name  string
		doc   string
		shape Shape
		flags string // sorted keys
		segs  string
	}{
		{"latest-all", `{"flags":{"a":{"key":"a","on":true}},"segments":{"s":{"key":"s"}}}`, ShapeLatestAll, "a", "s"},
		{"segments first", `{"segments":{},"flags":{"a":{}}}`, ShapeLatestAll, "a", ""},
		{"null flags", `{"flags":null}`, ShapeLatestAll, "", ""},
		{"file data source flagValues", `{"flagValues":{"v":"x"},"flags":{"a":{}}}`, ShapeLatestAll, "a v", ""},
		{"unknown top-level field ignored", `{"flags":{"a":{}},"$schema":"x","extra":[1,2]}`, ShapeLatestAll, "a", ""},
		{"bare flag map", `{"a":{"key":"a","on":true},"b":{"key":"b"}}`, ShapeFlagMap, "a b", ""},
		{"empty object", `{}`, ShapeFlagMap, "", ""},
		{"bare map with a flag named flags", `{"flags":{"key":"flags","on":true,"variations":[true]}}`, ShapeFlagMap, "flags", ""},
		{"deleted flags and segments dropped", `{"flags":{"a":{"deleted":true},"b":{}},"segments":{"s":{"deleted":true}}}`, ShapeLatestAll, "b", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Parse([]byte(c.doc), "x")
			if err != nil {
				t.Fatal(err)
			}
			if p.Shape != c.shape {
				t.Errorf("shape %s, want %s", p.Shape, c.shape)
			}
			if got := strings.Join(p.Keys(), " "); got != c.flags {
				t.Errorf("flags %q, want %q", got, c.flags)
			}
			var segs []string
			for k := range p.Segments {
				segs = append(segs, k)
			}
			if got := strings.Join(segs, " "); got != c.segs {
				t.Errorf("segments %q, want %q", got, c.segs)
			}
		})
	}
}

func TestParseModel(t *testing.T) {
	p, err := Parse([]byte(`{"flags":{
		"map-key":{"key":"other-key","on":true,"unknownField":{"nested":[1]},"variations":[1,2.5,"s",{"o":null}],
		           "fallthrough":{"rollout":{"kind":"experiment","variations":[{"variation":1,"weight":100000}]}}},
		"minimal":{}},
		"flagValues":{"fv":{"x":1}}}`), "x")
	if err != nil {
		t.Fatal(err)
	}
	f := p.Flags["map-key"]
	if f == nil || f.Key != "map-key" {
		t.Fatalf("the map key must be the flag key: %+v", f)
	}
	if len(f.Variations) != 4 || f.Variations[1].Float64Value() != 2.5 || !f.Fallthrough.Rollout.IsExperiment() {
		t.Errorf("model not decoded: %+v", f)
	}
	m := p.Flags["minimal"]
	if m.On || m.OffVariation.IsDefined() || len(m.Variations) != 0 || m.Fallthrough.Variation.IsDefined() {
		t.Errorf("missing fields must take the SDK defaults: %+v", m)
	}
	fv := p.Flags["fv"]
	if fv.On || fv.OffVariation.OrElse(-1) != 0 || fv.Variations[0].GetByKey("x").IntValue() != 1 {
		t.Errorf("flagValues must become an off single-variation flag: %+v", fv)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ name, doc, want string }{
		{"empty", ``, "src: payload is not a JSON object"},
		{"array", `[1]`, "src: payload is not a JSON object: expected object, got array at byte 0"},
		{"truncated", `{"flags":{"a":{"on":tr`, "src: flags.a: invalid JSON"},
		{"wrong type in a flag", `{"flags":{"ok":{},"my-flag":{"on":"yes"}}}`, "src: flags.my-flag: expected boolean, got string at byte"},
		{"wrong type in a bare map", `{"my-flag":{"variations":{}}}`, "src: my-flag: expected array or null, got object"},
		{"flags not an object", `{"flags":[1]}`, "src: expected object or null, got array"},
		{"segment", `{"segments":{"s":{"included":"x"}}}`, "src: segments.s: expected array or null, got string"},
		{"trailing data", `{"flags":{}} x`, "src: invalid JSON at byte"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.doc), "src")
			var ie *InputError
			if !errors.As(err, &ie) || ie.ExitCode() != 2 {
				t.Fatalf("want *InputError, got %T %v", err, err)
			}
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error %q, want prefix %q", err, c.want)
			}
		})
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestLoad(t *testing.T) {
	f, err := os.Open("../testdata/demo/flags.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := Load(f, "demo")
	if err != nil || len(p.Flags) < 30 {
		t.Fatalf("%v, %d flags", err, len(p.Flags))
	}
	if _, err := Load(failingReader{}, "stdin"); err == nil || !strings.Contains(err.Error(), "stdin: cannot read payload: disk on fire") {
		t.Errorf("got %v", err)
	}
}

func FuzzParse(f *testing.F) {
	if demo, err := os.ReadFile("../testdata/demo/flags.json"); err == nil {
		f.Add(demo)
	}
	for _, s := range []string{`{}`, `{"flags":{"a":{}}}`, `{"a":{"key":"a"}}`, `{"flagValues":{"x":[1]}}`, `{"flags":{"key":"flags"}}`, `[`, `{"flags":{"a":{"on":null}}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(data, "fuzz")
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || !strings.HasPrefix(err.Error(), "fuzz: ") {
				t.Fatalf("error %T %v is not an InputError naming the source", err, err)
			}
			return
		}
		for k, fl := range p.Flags {
			if fl == nil || fl.Key != k || fl.Deleted {
				t.Fatalf("flag %q: %+v", k, fl)
			}
		}
	})
}
