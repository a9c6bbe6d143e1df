package restapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	evaluation "github.com/launchdarkly/go-server-sdk-evaluation/v3"
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"

	"github.com/ldfallback/ldfallback/bench/generate/payloadgen"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/payload"
)

const testToken = "api-0123456789abcdef-secret-token"

type logs struct {
	mu    sync.Mutex
	lines []string
}

func (l *logs) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

func load(t *testing.T, f *fakeLD, base string, envs ...string) (*Result, *logs, error) {
	t.Helper()
	lg := &logs{}
	res, err := Load(context.Background(), Options{
		Token: f.token, Project: f.project, Environments: envs, BaseURI: base,
		Timeout: 20 * time.Second, Retries: 2, MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Second,
		Logf: lg.logf,
	})
	return res, lg, err
}

// flipped is doc with every flag's "on" inverted: a second environment of
// the same flags (same variations), with prerequisites failing and passing
// elsewhere.
func flipped(t *testing.T, doc []byte) []byte {
	var m map[string]any
	d := json.NewDecoder(bytes.NewReader(doc))
	d.UseNumber()
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	for _, f := range m["flags"].(map[string]any) {
		fm := f.(map[string]any)
		on, _ := fm["on"].(bool)
		fm["on"] = !on
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// differentialDocs are latest-all documents covering every reason and
// shape: the demo environment and random payloads of the generator the
// resolver's own differential tests use.
func differentialDocs(t *testing.T) map[string][]byte {
	docs := map[string][]byte{}
	demo, err := os.ReadFile("../../testdata/demo/flags.json")
	if err != nil {
		t.Fatal(err)
	}
	docs["demo"] = demo
	for seed := uint64(1); seed <= 12; seed++ {
		docs[fmt.Sprintf("random-%d", seed)] = payloadgen.Random(seed, payloadgen.RandomOptions{Flags: 30}).JSON()
	}
	return docs
}

// TestDifferentialLatestAll: the same flags, written in the REST API's shape
// and served paged by a loopback REST API, resolve to exactly the answers,
// reasons, details, prerequisite paths and warnings of the latest-all
// document, in two environments.
func TestDifferentialLatestAll(t *testing.T) {
	for name, doc := range differentialDocs(t) {
		t.Run(name, func(t *testing.T) {
			envDocs := map[string][]byte{"production": doc, "staging": flipped(t, doc)}
			flags, segs := toREST(t, envDocs)
			f := &fakeLD{t: t, token: testToken, project: "p", flags: flags, segments: segs, pageMax: 7}
			s := f.start()
			res, _, err := load(t, f, s.URL, "production", "staging")
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Envs) != 2 {
				t.Fatalf("got %d environments", len(res.Envs))
			}
			for _, env := range res.Envs {
				want, err := payload.ParseLean(envDocs[env.Key], "latest-all")
				if err != nil {
					t.Fatal(err)
				}
				compareAnswers(t, env.Key, fallback.Resolve(want), fallback.Resolve(env.Payload))
			}
		})
	}
}

func compareAnswers(t *testing.T, env string, want, got *fallback.Result) {
	t.Helper()
	type ans struct {
		Key, Value, Reason, Detail, Warning string
		Path                                []fallback.PrereqStep
	}
	flat := func(r *fallback.Result) map[string]ans {
		m := map[string]ans{}
		for _, a := range r.Answers {
			if a.Deleted {
				// The REST API does not list deleted flags; the SDK payload's
				// tombstone is absent to the evaluator either way.
				continue
			}
			v := "none"
			if a.HasValue {
				v = string(fallback.ValueJSON(a.Value))
			}
			m[a.Key] = ans{a.Key, v, string(a.Reason), a.Detail(), a.Warning, a.Path}
		}
		return m
	}
	w, g := flat(want), flat(got)
	if len(w) != len(g) {
		t.Errorf("%s: %d answers from latest-all, %d from the REST API", env, len(w), len(g))
	}
	for k, wa := range w {
		if ga, ok := g[k]; !ok {
			t.Errorf("%s: %s missing from the REST result", env, k)
		} else if !reflect.DeepEqual(wa, ga) {
			t.Errorf("%s: %s\n latest-all: %+v\n REST:       %+v", env, k, wa, ga)
		}
	}
}

// TestDifferentialEvaluator: LaunchDarkly's own evaluator gives every
// context the same result (value, variation, reason) on the flags mapped
// from the REST shape as on the latest-all originals, segments included.
func TestDifferentialEvaluator(t *testing.T) {
	ctxs := testContexts()
	for name, doc := range differentialDocs(t) {
		t.Run(name, func(t *testing.T) {
			flags, segs := toREST(t, map[string][]byte{"production": doc})
			var live []restFlag
			b, _ := json.Marshal(map[string]any{"items": flags})
			p, err := decodeFlagPage(b)
			if err != nil {
				t.Fatal(err)
			}
			live = p.Items
			sdk, refs, _, err := envFlags(live, "production", "p")
			if err != nil {
				t.Fatal(err)
			}
			sp, _ := json.Marshal(map[string]any{"items": segs["production"]})
			spage, err := decodeSegmentPage(sp)
			if err != nil {
				t.Fatal(err)
			}
			sdkSegs := map[string]sdkSegment{}
			for i := range spage.Items {
				if refs[spage.Items[i].Key] {
					sdkSegs[spage.Items[i].Key] = segment(&spage.Items[i])
				}
			}
			mapped, err := latestAll(sdk, sdkSegs)
			if err != nil {
				t.Fatal(err)
			}
			want, err := payload.Parse(doc, "latest-all")
			if err != nil {
				t.Fatal(err)
			}
			got, err := payload.Parse(mapped, "rest")
			if err != nil {
				t.Fatal(err)
			}
			evW := evaluation.NewEvaluator(provider{want})
			evG := evaluation.NewEvaluator(provider{got})
			for _, key := range want.Keys() {
				gf, ok := got.Flags[key]
				if !ok {
					t.Errorf("%s missing", key)
					continue
				}
				for _, c := range ctxs {
					dw := evW.Evaluate(want.Flags[key], c, nil).Detail
					dg := evG.Evaluate(gf, c, nil).Detail
					if !dw.Value.Equal(dg.Value) || dw.VariationIndex != dg.VariationIndex || dw.Reason.String() != dg.Reason.String() || dw.Reason.IsInExperiment() != dg.Reason.IsInExperiment() {
						t.Errorf("%s for %s: latest-all %v %v %v, REST %v %v %v", key, c.Key(), dw.Value, dw.VariationIndex, dw.Reason, dg.Value, dg.VariationIndex, dg.Reason)
						break
					}
				}
			}
		})
	}
}

type provider struct{ p *payload.Payload }

func (d provider) GetFeatureFlag(key string) *ldmodel.FeatureFlag { return d.p.Flags[key] }
func (d provider) GetSegment(key string) *ldmodel.Segment         { return d.p.Segments[key] }

func testContexts() []ldcontext.Context {
	var out []ldcontext.Context
	for i := 0; i < 40; i++ {
		key := payloadgen.UserKey(i % (payloadgen.UserPool + 3))
		if i >= 20 {
			key = fmt.Sprintf("anon-%d", i)
		}
		b := ldcontext.NewBuilder(key).
			SetString("country", payloadgen.Countries[i%len(payloadgen.Countries)]).
			SetString("plan", payloadgen.Plans[i%len(payloadgen.Plans)]).
			SetString("email", key+"@example.com")
		u := b.Build()
		out = append(out, u)
		if i%3 == 0 {
			out = append(out, ldcontext.NewMulti(u, ldcontext.NewBuilder(payloadgen.Orgs[i%len(payloadgen.Orgs)]).Kind("org").Build()))
		}
	}
	for _, k := range []string{"user-1042", "user-5001", "qa-alice", "svc-payments", "user-9"} {
		out = append(out, ldcontext.NewBuilder(k).Build())
		out = append(out, ldcontext.NewMulti(ldcontext.NewBuilder(k).Build(), ldcontext.NewBuilder("acme-corp").Kind("organization").SetString("tier", "gold").Build()))
	}
	return out
}
