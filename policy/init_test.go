package policy

import (
	"bytes"
	"fmt"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/ldfallback/ldfallback/bench/generate/payloadgen"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/internal/golden"
	"github.com/ldfallback/ldfallback/payload"
)

func TestInitYAMLGolden(t *testing.T) {
	p := demo(t)
	out := InitYAML(fallback.Resolve(p), p, "testdata/demo/flags.json")
	golden.Check(t, "testdata/init_demo.yaml", out)
	if !bytes.Equal(out, InitYAML(fallback.Resolve(p), p, "testdata/demo/flags.json")) {
		t.Error("not deterministic")
	}
}

// roundTrip parses InitYAML's output as a config section and requires that
// it decides, for every flag, exactly today's safest fallback, with the
// flag's version recorded: adopting the starting policy changes nothing.
func roundTrip(t *testing.T, p *payload.Payload) {
	t.Helper()
	res := fallback.Resolve(p)
	out := InitYAML(res, p, "x")
	if bytes.IndexFunc(out, func(r rune) bool { return r > 0x7e || (r < 0x20 && r != '\n') }) >= 0 {
		t.Fatalf("output is not printable ASCII:\n%s", out)
	}
	var doc struct {
		Policy Policy `yaml:"policy"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(out))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	ds, warnings, err := doc.Policy.Decide(Input{Result: res, Payload: p})
	if err != nil || len(warnings) > 0 {
		t.Fatalf("%v %q", err, warnings)
	}
	live := 0
	for _, d := range ds.List {
		if d.Safest.Deleted {
			if d.Matched() {
				t.Errorf("%q: a deleted flag has an entry", d.Key)
			}
			continue
		}
		live++
		if !d.Matched() || d.Differs() || d.Version == nil || *d.Version != p.Flags[d.Key].Version {
			t.Errorf("%q: %s %s (safest %s), rule %q, version %v", d.Key, d.Strategy, d.Value.JSONString(), d.Safest.Value.JSONString(), d.Rule, d.Version)
		}
	}
	if len(doc.Policy.Flags) != live {
		t.Errorf("%d entries for %d live flags", len(doc.Policy.Flags), live)
	}
}

func TestInitRoundTrip(t *testing.T) {
	roundTrip(t, demo(t))
	for seed := 0; seed < 10; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			p, err := payload.ParseLean(payloadgen.Random(uint64(seed), payloadgen.RandomOptions{Flags: 40}).JSON(), "random")
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, p)
		})
	}
}

// TestInitHostile: keys and values from the payload cannot add a line, a
// field or a comment to the YAML.
func TestInitHostile(t *testing.T) {
	data := []byte(`{"flags":{
		"a\nrationale: injected\n#": {"key":"a\nrationale: injected\n#","on":false,"offVariation":0,"variations":["x\n  strategy: dynamic\u202e"],"fallthrough":{"variation":0},"version":1},
		"\"quoted\": [x]  # c": {"key":"\"quoted\": [x]  # c","on":true,"offVariation":0,"variations":[true,false],"fallthrough":{"variation":0},"version":2},
		"日本-\u00e9-\ud83d\ude00": {"key":"日本-\u00e9-\ud83d\ude00","on":true,"offVariation":1,"variations":[true,false],"fallthrough":{"variation":0},"version":3}
	}}`)
	p, err := payload.ParseLean(data, "hostile")
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, p)
}

func TestInitEmpty(t *testing.T) {
	p, err := payload.ParseLean([]byte(`{"flags":{}}`), "empty")
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, p)
	if !bytes.HasSuffix(InitYAML(fallback.Resolve(p), p, "x"), []byte("  flags: {}\n")) {
		t.Error("an empty payload gives an empty flags mapping")
	}
}
