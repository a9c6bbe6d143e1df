package payload

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ldfallback/ldfallback/bench/generate/payloadgen"
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
		{"empty object", `{}`, ShapeLatestAll, "", ""},
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
		{"wrong type in a bare map", `{"my-flag":{"key":"my-flag","variations":{}}}`, "src: my-flag: expected array or null, got object"},
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
			if fl == nil || fl.Key != k || (fl.Deleted && p.Loader != LoaderFile) {
				t.Fatalf("flag %q: %+v", k, fl)
			}
		}
	})
}

// leanJSON renders a payload's flags for comparison: object keys in any
// order compare equal once decoded into any.
func leanJSON(t testing.TB, p *Payload) any {
	t.Helper()
	m := map[string]any{}
	for k, f := range p.Flags {
		b, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		m[k] = v
	}
	return map[string]any{"shape": string(p.Shape), "flags": m, "segments": len(p.Segments), "loader": string(p.Loader),
		"deleted": sortedKeys(p.Deleted), "keyFields": fmt.Sprint(p.KeyFields), "warnings": fmt.Sprint(p.Warnings)}
}

// checkLeanAgrees asserts that the lean reader accepts exactly what the full
// parser accepts and keeps the same resolver-relevant model as trimming the
// full parse.
func checkLeanAgrees(t testing.TB, data []byte) {
	t.Helper()
	full, errFull := Parse(data, "x")
	stripped := stripBOM(data)
	var lean *Payload
	errLean := checkDepth(stripped, "x")
	if errLean == nil {
		shape, loader := detectShape(stripped)
		lean, errLean = parseAs(stripped, "x", shape, loader, true)
	}
	if (errFull == nil) != (errLean == nil) {
		t.Fatalf("full parse error %v, lean reader error %v", errFull, errLean)
	}
	if errLean == nil {
		fixSurrogates(stripped, lean)
	}
	if errFull != nil {
		_, err := ParseLean(data, "x")
		if err == nil || err.Error() != errFull.Error() {
			t.Fatalf("ParseLean error %v, want Parse's %v", err, errFull)
		}
		return
	}
	if d := cmp.Diff(leanJSON(t, trimPayload(full)), leanJSON(t, lean)); d != "" {
		t.Fatalf("lean model differs from the trimmed full model (-full +lean):\n%s", d)
	}
	// ParseLean itself (the streaming scanner and the fast reader first).
	got, err := ParseLean(data, "x")
	if err != nil {
		t.Fatalf("ParseLean: %v, Parse accepts", err)
	}
	if d := cmp.Diff(leanJSON(t, trimPayload(full)), leanJSON(t, got)); d != "" {
		t.Fatalf("ParseLean differs from the trimmed full model (-full +ParseLean):\n%s", d)
	}
}

func TestParseLeanAgrees(t *testing.T) {
	docs := map[string][]byte{
		"every field": []byte(`{"flags":{"f":{"key":"f","version":3,"on":true,"salt":"s","trackEvents":true,"trackEventsFallthrough":false,
			"debugEventsUntilDate":null,"deleted":false,"excludeFromSummaries":true,"samplingRatio":2,"migration":{"checkRatio":3},
			"clientSide":true,"clientSideAvailability":{"usingEnvironmentId":true,"usingMobileKey":false},
			"prerequisites":[{"key":"g","variation":1}],
			"targets":[{"values":["a","b"],"variation":0},{"values":[],"variation":1}],
			"contextTargets":[{"contextKind":"user","values":[],"variation":0},{"contextKind":"org","values":["o"],"variation":1}],
			"rules":[{"id":"r1","clauses":[{"contextKind":"user","attribute":"country","op":"in","values":["FR",1,{"x":[null]}],"negate":true}],"variation":1,"trackEvents":true},
			         {"id":"r2","clauses":[],"rollout":{"kind":"experiment","contextKind":"user","bucketBy":"key","seed":7,
			          "variations":[{"variation":0,"weight":60000,"untracked":true},{"variation":1,"weight":40000}]}}],
			"fallthrough":{"rollout":{"variations":[{"variation":0,"weight":100000}],"bucketBy":null,"seed":null}},
			"offVariation":1,"variations":[true,false,{"a":[1,2]}]},
			"g":{"deleted":true},"h":{"variations":null,"rules":null,"targets":null,"offVariation":null}},
			"segments":{"s":{"key":"s","included":["a"]}},"flagValues":{"fv":"x"}}`),
		"repeated fields add up": []byte(`{"a":{"key":"a","targets":[{"values":["x"]}],"targets":[{"values":[]}],"variations":[1],"variations":[2]}}`),
		"bare map named flags":   []byte(`{"flags":{"key":"flags","on":true,"variations":[true]}}`),
	}
	if demo, err := os.ReadFile("../testdata/demo/flags.json"); err == nil {
		docs["demo"] = demo
	} else {
		t.Fatal(err)
	}
	for seed := uint64(0); seed < 20; seed++ {
		docs[fmt.Sprintf("random %d", seed)] = payloadgen.Random(seed, payloadgen.RandomOptions{Flags: 30}).JSON()
	}
	docs["realistic"] = payloadgen.Realistic(300, 3).JSON()
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) { checkLeanAgrees(t, doc) })
	}
	// Wrong types in fields the lean reader does not keep are still errors.
	for _, doc := range []string{
		`{"a":{"salt":1}}`, `{"a":{"version":"1"}}`, `{"a":{"clientSideAvailability":{"usingMobileKey":1}}}`,
		`{"a":{"rules":[{"id":1}]}}`, `{"a":{"rules":[{"clauses":[{"attribute":[]}]}]}}`, `{"a":{"rules":[{"clauses":[{"attribute":{}}]}]}}`,
		`{"a":{"rules":[{"clauses":[{"values":{}}]}]}}`, `{"a":{"rules":[{"clauses":[{"negate":"no"}]}]}}`,
		`{"a":{"targets":[{"values":[1]}]}}`, `{"a":{"fallthrough":{"rollout":{"bucketBy":3}}}}`, `{"a":{"fallthrough":{"rollout":{"seed":"x"}}}}`,
		`{"a":{"fallthrough":{"rollout":{"variations":null}}}}`, `{"a":{"migration":{"checkRatio":"x"}}}`, `{"a":{"debugEventsUntilDate":"x"}}`,
		`{"a":{"rules":[{"clauses":[{"attribute":null}]}]}}`, `{"a":{"fallthrough":{"rollout":null}}}`,
	} {
		t.Run(doc, func(t *testing.T) { checkLeanAgrees(t, []byte(doc)) })
	}
}

func FuzzParseLean(f *testing.F) {
	if demo, err := os.ReadFile("../testdata/demo/flags.json"); err == nil {
		f.Add(demo)
	}
	f.Add(payloadgen.Random(1, payloadgen.RandomOptions{Flags: 5}).JSON())
	for _, s := range []string{`{}`, `{"flags":{"a":{"rules":[{"clauses":[{"attribute":null,"values":[1]}]}]}}}`, `{"a":{"key":"a","targets":[{"values":["x"]}]}}`,
		`{"flagValues":{"x":[1]}}`, `{"flags":{"key":"flags"}}`, `[`, `{"a":{"variations":["\ud83d\ude00"]}}`, `{"a":{"fallthrough":{"rollout":{"bucketBy":[]}}}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkLeanAgrees(t, data) })
}

func TestHasSurrogateEscape(t *testing.T) {
	for doc, want := range map[string]bool{
		`"\ud83d\ude00"`: true, `"\uD83D\uDE00"`: true, `"\uDBFF\uDFFF"`: true, `"\udc00"`: false, `"\u00e9"`: false,
		`"\ud7ff"`: false, `"\u"`: false, `"\ud8`: false, `"\\ud83d"`: true, // false positive: costs a re-decode only
		`"plain"`: false, `"\u0041\uD800"`: true,
	} {
		if got := hasSurrogateEscape([]byte(doc)); got != want {
			t.Errorf("%s: %v, want %v", doc, got, want)
		}
	}
}

// TestParseSurrogatePairs: jreader decodes each half of an escaped surrogate
// pair into U+FFFD; the variations must hold the real character.
func TestParseSurrogatePairs(t *testing.T) {
	doc := `{"flags":{"a":{"variations":["x\ud83d\ude00y",{"\ud83d\ude00":[1,"\uD83D\uDE00"]},true],"variations":["\ud83d\ude00"]},
		"b":{"variations":["\ud83d\ude00"]}},"flagValues":{"c":"\ud83d\ude00"}}`
	for name, parse := range map[string]func([]byte, string) (*Payload, error){"full": Parse, "lean": ParseLean} {
		p, err := parse([]byte(doc), "x")
		if err != nil {
			t.Fatal(err)
		}
		// "a" repeats "variations" (ldmodel appends: 4 values, encoding/json
		// keeps the last): left as jreader read it rather than guessed.
		if got := p.Flags["a"].Variations[0].StringValue(); got != "x\ufffd\ufffdy" {
			t.Errorf("%s: a: %q", name, got)
		}
		if got := p.Flags["b"].Variations[0].StringValue(); got != "😀" {
			t.Errorf("%s: b: %q", name, got)
		}
		if got := p.Flags["c"].Variations[0].StringValue(); got != "😀" {
			t.Errorf("%s: c: %q", name, got)
		}
	}
}
