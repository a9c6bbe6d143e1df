package fallback

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/ldfallback/ldfallback/bench/generate/payloadgen"
	"github.com/ldfallback/ldfallback/payload"
)

// FuzzResolve parses arbitrary bytes and resolves whatever parses (lean and
// full parses must agree): no panic,
// no hang, and the config is always valid JSON holding only answers with values.
func FuzzResolve(f *testing.F) {
	if demo, err := os.ReadFile("../testdata/demo/flags.json"); err == nil {
		f.Add(demo)
	}
	f.Add(payloadgen.Random(1, payloadgen.RandomOptions{Flags: 8}).JSON())
	f.Add(payloadgen.Diamond(3).JSON())
	f.Add([]byte(`{"a":{"on":true,"prerequisites":[{"key":"a","variation":0}],"fallthrough":{"rollout":{"variations":[{"variation":3,"weight":-5}]}},"variations":[1]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := payload.ParseLean(data, "fuzz")
		if err != nil {
			return
		}
		checkLeanResolvesLikeFull(t, data, p)
		r := Resolve(p)
		// One answer per flag, and one per deleted flag (fallback-served).
		if len(r.Answers) != len(p.Flags)+len(p.Deleted) {
			t.Fatalf("%d answers for %d flags and %d deleted", len(r.Answers), len(p.Flags), len(p.Deleted))
		}
		cfg, left := r.Config()
		var m map[string]json.RawMessage
		if err := json.Unmarshal(cfg, &m); err != nil {
			t.Fatalf("config is not JSON: %v\n%s", err, cfg)
		}
		if len(m)+len(left) != len(r.Answers) {
			t.Fatalf("config has %d keys, %d left out, %d answers", len(m), len(left), len(r.Answers))
		}
		for _, a := range r.Answers {
			if a.Reason == "" || a.Detail() == "" {
				t.Fatalf("%s: empty reason or detail", a.Key)
			}
		}
	})
}
