package payload_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ldfallback/ldfallback/bench/generate/payloadgen"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/internal/fdv2doc"
	"github.com/ldfallback/ldfallback/payload"
)

// answers is what a user sees of a resolution: each flag's answer and the
// sentence that explains it.
func answers(r *fallback.Result) []string {
	var out []string
	for _, a := range r.Answers {
		// encoding/json sorts object members; ldvalue's JSONString does not.
		v, err := json.Marshal(a.Value.AsArbitraryValue())
		if err != nil {
			panic(err)
		}
		out = append(out, fmt.Sprintf("%s has=%v value=%s var=%d reason=%s deleted=%v path=%v: %s",
			a.Key, a.HasValue, v, a.Variation, a.Reason, a.Deleted, a.Path, a.Detail()))
	}
	return out
}

// TestFDv2ResolvesLikeLatestAll is the differential test of issue 12's
// "Newer payloads": the same flags, written as latest-all and as an FDv2
// poll document (built by fdv2doc from the latest-all bytes, not copied by
// hand), resolve to the same answers with the same reasons, by every entry
// point (Parse, ParseLean, ParseLeanFile).
func TestFDv2ResolvesLikeLatestAll(t *testing.T) {
	docs := map[string][]byte{}
	demo, err := os.ReadFile(filepath.Join("..", "testdata", "demo", "flags.json"))
	if err != nil {
		t.Fatal(err)
	}
	docs["demo"] = demo
	action, err := os.ReadFile(filepath.Join("..", "testdata", "action", "repo", "payload.json"))
	if err != nil {
		t.Fatal(err)
	}
	docs["action"] = action
	// What the fixtures above lack: a deleted flag a prerequisite names, a
	// "key" field that differs from the map key, a flag named "events",
	// escaped surrogate pairs, a segment match.
	docs["edges"] = []byte(`{"flags":{
		"gone":{"key":"gone","deleted":true,"version":3},
		"needs-gone":{"key":"needs-gone","on":true,"prerequisites":[{"key":"gone","variation":0}],"fallthrough":{"variation":0},"offVariation":1,"variations":[true,false]},
		"renamed":{"key":"other","on":false,"offVariation":0,"variations":["\ud83d\ude00","b"]},
		"events":{"key":"events","on":true,"fallthrough":{"variation":1},"variations":[1,2]},
		"seg":{"key":"seg","on":true,"rules":[{"clauses":[{"attribute":"key","op":"segmentMatch","values":["beta"]}],"variation":0}],"fallthrough":{"variation":1},"offVariation":1,"variations":["in","out"]}},
		"segments":{"beta":{"key":"beta","included":["u1"],"version":2}}}`)
	for seed := uint64(1); seed <= 8; seed++ {
		docs[fmt.Sprintf("random-%d", seed)] = payloadgen.Random(seed, payloadgen.RandomOptions{Flags: 60}).JSON()
	}
	docs["realistic"] = payloadgen.Realistic(300, 7).JSON()
	for name, latestAll := range docs {
		t.Run(name, func(t *testing.T) {
			v2, err := fdv2doc.FromLatestAll(latestAll, fdv2doc.Options{})
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			file := filepath.Join(dir, "fdv2.json")
			if err := os.WriteFile(file, v2, 0o644); err != nil {
				t.Fatal(err)
			}
			want, err := payload.Parse(latestAll, "latest-all")
			if err != nil {
				t.Fatal(err)
			}
			if want.Shape != payload.ShapeLatestAll || len(want.Flags)+len(want.Deleted) == 0 {
				t.Fatalf("fixture: shape %s, %d flags", want.Shape, len(want.Flags))
			}
			wantAnswers := answers(fallback.Resolve(want))
			full, err := payload.Parse(v2, "fdv2")
			if err != nil {
				t.Fatal(err)
			}
			lean, err := payload.ParseLean(v2, "fdv2")
			if err != nil {
				t.Fatal(err)
			}
			streamed, err := payload.ParseLeanFile(file, "fdv2")
			if err != nil {
				t.Fatal(err)
			}
			// What a --jq program is shown: the same flags, back in latest-all.
			back, err := payload.LatestAllOf(v2, "fdv2")
			if err != nil {
				t.Fatal(err)
			}
			rewritten, err := payload.Parse(back, "rewritten")
			if err != nil {
				t.Fatalf("LatestAllOf wrote what Parse refuses: %v\n%s", err, back)
			}
			if rewritten.Shape != payload.ShapeLatestAll {
				t.Errorf("LatestAllOf: shape %s", rewritten.Shape)
			}
			for what, p := range map[string]*payload.Payload{"Parse": full, "ParseLean": lean, "ParseLeanFile": streamed, "LatestAllOf": rewritten} {
				if p.Shape != payload.ShapeFDv2 && what != "LatestAllOf" {
					t.Errorf("%s: shape %s, want fdv2", what, p.Shape)
				}
				if d := cmp.Diff(wantAnswers, answers(fallback.Resolve(p))); d != "" {
					t.Errorf("%s: FDv2 answers differ from latest-all (-latest-all +fdv2):\n%s", what, d)
				}
				if d := cmp.Diff(want.Warnings, p.Warnings); d != "" {
					t.Errorf("%s: warnings differ (-latest-all +fdv2):\n%s", what, d)
				}
			}
			if len(full.Segments) != len(want.Segments) {
				t.Errorf("Parse: %d segments, latest-all has %d", len(full.Segments), len(want.Segments))
			}
		})
	}
}
