package policy

import (
	"fmt"
	"os"
	"testing"

	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	evaluation "github.com/launchdarkly/go-server-sdk-evaluation/v3"
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"

	"github.com/ldfallback/ldfallback/bench/generate/payloadgen"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/payload"
)

type provider struct{ p *payload.Payload }

func (d provider) GetFeatureFlag(key string) *ldmodel.FeatureFlag { return d.p.Flags[key] }
func (d provider) GetSegment(key string) *ldmodel.Segment         { return d.p.Segments[key] }

// checkStrategiesAgainstEvaluator holds fail-closed and fail-open to their
// definitions, with LaunchDarkly's evaluator as the judge:
//   - fail-closed is what the SDK serves every context when the flag is
//     turned off; when the decision has no value, the SDK serves the code's
//     default (no off variation);
//   - a multivariate flag's fail-open value is what the SDK serves, with the
//     flag on, to a context that no target or rule matches and that passes
//     the prerequisites: the flag with its targets, rules and prerequisites
//     removed.
//
// The decisions come from the lean parse (as the CLI decides), the
// evaluation from the full parse.
func checkStrategiesAgainstEvaluator(t *testing.T, data []byte) (closed, open int) {
	t.Helper()
	full, err := payload.Parse(data, "oracle")
	if err != nil {
		t.Fatal(err)
	}
	lean, err := payload.ParseLean(data, "oracle")
	if err != nil {
		t.Fatal(err)
	}
	res := fallback.Resolve(lean)
	ev := evaluation.NewEvaluator(provider{full})
	ctx := ldcontext.New("anyone")
	for _, s := range []Strategy{FailClosed, FailOpen} {
		pol := &Policy{Rules: []Rule{{Match: "*", Entry: Entry{Strategy: s, Label: "policy.rules[0]"}}}}
		ds, _, err := pol.Decide(Input{Result: res, Payload: lean})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds.List {
			f := full.Flags[d.Key]
			if f == nil {
				continue // deleted
			}
			if lean.Flags[d.Key].Version != f.Version {
				t.Fatalf("%s: lean version %d, full %d", d.Key, lean.Flags[d.Key].Version, f.Version)
			}
			c := *f
			switch s {
			case FailClosed:
				c.On = false
			case FailOpen:
				if KindOf(f) == KindBoolean || d.Problem != "" {
					continue
				}
				c.On, c.Prerequisites, c.Targets, c.ContextTargets, c.Rules = true, nil, nil, nil, nil
			}
			got := ev.Evaluate(&c, ctx, nil).Detail
			switch {
			case d.HasValue && (!got.VariationIndex.IsDefined() || !got.Value.Equal(d.Value)):
				t.Errorf("%s %s: decision %s, evaluator serves %s (%v)", d.Key, s, d.Value.JSONString(), got.Value.JSONString(), got.Reason)
			case !d.HasValue && got.VariationIndex.IsDefined():
				t.Errorf("%s %s: no value (%s), evaluator serves %s", d.Key, s, d.Reason, got.Value.JSONString())
			case s == FailClosed:
				closed++
			default:
				open++
			}
		}
	}
	return closed, open
}

func TestStrategiesOracle(t *testing.T) {
	data, err := os.ReadFile("../testdata/demo/flags.json")
	if err != nil {
		t.Fatal(err)
	}
	closed, open := checkStrategiesAgainstEvaluator(t, data)
	seeds := 20
	if testing.Short() {
		seeds = 4
	}
	for seed := 0; seed < seeds; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			c, o := checkStrategiesAgainstEvaluator(t, payloadgen.Random(uint64(seed), payloadgen.RandomOptions{Flags: 40}).JSON())
			closed, open = closed+c, open+o
		})
	}
	t.Logf("fail-closed confirmed on %d flags, multivariate fail-open on %d", closed, open)
	if closed == 0 || open == 0 {
		t.Errorf("the oracle confirmed nothing (closed %d, open %d)", closed, open)
	}
}
