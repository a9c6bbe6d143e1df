package fallback

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
	evaluation "github.com/launchdarkly/go-server-sdk-evaluation/v3"
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldbuilders"
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"

	"github.com/ldfallback/ldfallback/payload"
)

// rareKeys are context keys whose rollout bucket is one of the two highest
// the evaluator can compute, for a flag whose "key" field is the map key
// below and whose salt is "salt": {bucket exactly 1.0 (about 2^-25 of
// keys), bucket 1-2^-24 (0.99999994)}. They were found by brute force over
// "k0", "k1", … with the evaluator's hash (sha1 of "<flag key>.salt.<context
// key>", the first 15 hex digits, float32(h)/float32(2^60-1));
// TestRareKeys re-checks each with the real evaluator, so a wrong entry
// fails rather than weakens the tests.
var rareKeys = map[string][2]string{
	"rare": {"k24962414", "k13810861"},
	"f0":   {"k80718032", "k1775165"},
	"f1":   {"k44005342", "k652931"},
	"f2":   {"k2173949", "k1895277"},
	"f3":   {"k31288263", "k19714525"},
	"f4":   {"k20043839", "k20293324"},
	"f5":   {"k36867569", "k35824283"},
	"f6":   {"k22923820", "k19724718"},
	"f7":   {"k49380799", "k34733364"},
	"f8":   {"k35373282", "k17183828"},
	"f9":   {"k5857989", "k25741501"},
	"f10":  {"k4293752", "k33007689"},
	"f11":  {"k9350167", "k281512"},
	"":     {"k19619131", "k3904661"},
}

// faithful is the payload as the SDK's store holds it: each flag under its
// map key, with its own "key" field (the evaluator hashes rollouts and
// checks prerequisite cycles by the field).
type faithful struct {
	flags    map[string]*ldmodel.FeatureFlag
	segments map[string]*ldmodel.Segment
}

func newFaithful(p *payload.Payload) faithful {
	f := faithful{flags: map[string]*ldmodel.FeatureFlag{}, segments: p.Segments}
	for k, fl := range p.Flags {
		c := *fl
		c.Key = p.KeyField(k)
		f.flags[k] = &c
	}
	return f
}

func (f faithful) GetFeatureFlag(key string) *ldmodel.FeatureFlag { return f.flags[key] }
func (f faithful) GetSegment(key string) *ldmodel.Segment         { return f.segments[key] }

// differentialContexts: n ordinary keys and every rare key, each as a user
// (country fr or de; the literal attributes "/" and "/a~2b" hold the key, so
// a rollout bucketing by them hashes as by key) and some as multi-kind.
func differentialContexts(n int) []ldcontext.Context {
	var keys []string
	for i := 0; i < n; i++ {
		keys = append(keys, fmt.Sprintf("k%d", i))
	}
	for _, rk := range rareKeys {
		keys = append(keys, rk[0], rk[1])
	}
	var out []ldcontext.Context
	for i, k := range keys {
		country := []string{"fr", "de"}[i%2]
		u := ldcontext.NewBuilder(k).SetString("country", country).SetString("/", k).SetString("/a~2b", k).Build()
		out = append(out, u)
		if i%3 == 0 {
			out = append(out, ldcontext.NewMulti(u, ldcontext.NewBuilder("o"+k).Kind("org").Build()))
		}
	}
	return out
}

// served is what the evaluator returns for flag key over ctxs: the variation
// indexes, and "code default" when no variation.
func served(ev evaluation.Evaluator, flag *ldmodel.FeatureFlag, ctxs []ldcontext.Context) []string {
	set := map[string]bool{}
	for _, c := range ctxs {
		d := ev.Evaluate(flag, c, nil).Detail
		if d.VariationIndex.IsDefined() {
			set[fmt.Sprint(d.VariationIndex.IntValue())] = true
		} else {
			set["code default"] = true
		}
	}
	return sortedSet(set)
}

// claimed is the resolver's outcome set in the same terms.
func claimed(n node) []string {
	set := map[string]bool{}
	for _, i := range n.out.idx {
		set[fmt.Sprint(i)] = true
	}
	if n.out.null || n.out.abort {
		set["code default"] = true
	}
	return sortedSet(set)
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// differential resolves doc and evaluates every flag with the real
// evaluator over ctxs. It returns, per flag, what each side says; every
// variation the evaluator serves must be claimed by the resolver
// (soundness), checked here.
func differential(t *testing.T, doc string, ctxs []ldcontext.Context) (rs *resolver, sdk map[string][]string) {
	t.Helper()
	full, err := payload.Parse([]byte(doc), "diff")
	if err != nil {
		t.Fatal(err)
	}
	lean, err := payload.ParseLean([]byte(doc), "diff")
	if err != nil {
		t.Fatal(err)
	}
	checkLeanResolvesLikeFull(t, []byte(doc), lean)
	rs = resolve(lean)
	fp := newFaithful(full)
	ev := evaluation.NewEvaluator(fp)
	sdk = map[string][]string{}
	for _, n := range rs.nodes {
		got := served(ev, fp.flags[n.key], ctxs)
		sdk[n.key] = got
		for _, g := range got {
			if !slices.Contains(claimed(n), g) {
				t.Errorf("%s: the evaluator serves %s, the resolver claims only %v\n%s", n.key, g, claimed(n), doc)
			}
		}
	}
	return rs, sdk
}

// TestRareKeys: each rare key lands where its comment says, by the real
// evaluator: a 100%-then-0% rollout serves the 0% entry at bucket 1.0 only,
// and a rollout whose float32 sum is 0.99999994 serves the entry after it
// at that bucket too.
func TestRareKeys(t *testing.T) {
	for field, keys := range rareKeys {
		top := ldbuilders.NewFlagBuilder(field).Salt("salt").On(true).Variations(ldvalue.Int(0), ldvalue.Int(1)).
			Fallthrough(ldbuilders.Rollout(ldbuilders.Bucket(0, 100000), ldbuilders.Bucket(1, 0))).Build()
		// 14285×6 + 14290 = 100000, whose float32 running sum is 0.99999994.
		below := ldbuilders.NewFlagBuilder(field).Salt("salt").On(true).Variations(ldvalue.Int(0), ldvalue.Int(1)).
			Fallthrough(ldbuilders.Rollout(ldbuilders.Bucket(0, 14285), ldbuilders.Bucket(0, 14285), ldbuilders.Bucket(0, 14285),
				ldbuilders.Bucket(0, 14285), ldbuilders.Bucket(0, 14285), ldbuilders.Bucket(0, 14285), ldbuilders.Bucket(0, 14290), ldbuilders.Bucket(1, 0))).Build()
		ev := evaluation.NewEvaluator(faithful{})
		at := func(f *ldmodel.FeatureFlag, key string) int {
			return ev.Evaluate(f, ldcontext.New(key), nil).Detail.VariationIndex.IntValue()
		}
		if at(&top, keys[0]) != 1 || at(&top, keys[1]) != 0 || at(&top, "k1") != 0 {
			t.Errorf("%s: %s is not at bucket 1.0 (or %s is)", field, keys[0], keys[1])
		}
		if at(&below, keys[1]) != 1 || at(&below, "k1") != 0 {
			t.Errorf("%s: %s is not at bucket 0.99999994", field, keys[1])
		}
	}
}

// The designed cases of issue 10, each with what the SDK serves over
// ordinary and rare contexts; the resolver must claim exactly that, and
// answer the policy's answer.
func TestDifferentialCases(t *testing.T) {
	const vars = `"salt":"salt","variations":["v0","v1","v2"],"offVariation":2`
	ro := func(entries string, extra string) string {
		return `"fallthrough":{"rollout":{` + extra + `"variations":[` + entries + `]}}`
	}
	w := func(v int, weight string) string { return fmt.Sprintf(`{"variation":%d,"weight":%s}`, v, weight) }
	seven := strings.Repeat(w(0, "14285")+",", 6) + w(0, "14290")
	cases := []struct {
		name, flags string
		want        map[string]string // flag → the evaluator's outcome set, "0 1" or "code default"
		answer      map[string]string // flag → "value reason"
	}{
		{"§1 invalid bucketBy with a context kind, and its dependant",
			`"rare":{"key":"rare","on":true,` + vars + `,` + ro(w(0, "50000")+","+w(1, "50000"), `"contextKind":"user","bucketBy":"/",`) + `},
			 "dep":{"key":"dep","on":true,"prerequisites":[{"key":"rare","variation":0}],"fallthrough":{"variation":1},` + vars + `}`,
			map[string]string{"rare": "code default", "dep": "2"},
			map[string]string{"rare": `"v2" malformed`, "dep": `"v2" prerequisite-failed`}},
		{"§1 /a~2b too; an experiment ignores bucketBy",
			`"rare":{"key":"rare","on":true,` + vars + `,` + ro(w(0, "100000"), `"contextKind":"user","bucketBy":"/a~2b",`) + `},
			 "exp":{"key":"exp","on":true,` + vars + `,` + ro(w(1, "100000"), `"kind":"experiment","contextKind":"user","bucketBy":"/",`) + `}`,
			map[string]string{"rare": "code default", "exp": "1"},
			map[string]string{"rare": `"v2" malformed`, "exp": `"v1" single-variation`}},
		{"§2 weights of -9e18 do not wrap",
			`"rare":{"key":"rare","on":true,` + vars + `,` + ro(w(1, "-9000000000000000000")+","+w(1, "-9000000000000000000")+","+w(0, "100000"), ``) + `}`,
			map[string]string{"rare": "0"},
			map[string]string{"rare": `"v0" single-variation`}},
		{"§3 100% to A, 0% to B serves B at bucket 1.0, through prerequisites",
			`"rare":{"key":"rare","on":true,` + vars + `,` + ro(w(0, "100000")+","+w(1, "0"), ``) + `},
			 "dep":{"key":"dep","on":true,"prerequisites":[{"key":"rare","variation":0}],"fallthrough":{"variation":0},` + vars + `},
			 "dep2":{"key":"dep2","on":true,"prerequisites":[{"key":"dep","variation":0}],"fallthrough":{"variation":0},` + vars + `}`,
			map[string]string{"rare": "0 1", "dep": "0 2", "dep2": "0 2"},
			map[string]string{"rare": `"v2" rollout`, "dep": `"v2" prerequisite-mixed`, "dep2": `"v2" prerequisite-mixed`}},
		{"§3 a 7-way split adds up to 0.99999994 in float32",
			`"rare":{"key":"rare","on":true,` + vars + `,` + ro(seven+","+w(1, "0"), ``) + `}`,
			map[string]string{"rare": "0 1"},
			map[string]string{"rare": `"v2" rollout`}},
		{"§3 weights above 100000 leave nothing to the last entry",
			`"rare":{"key":"rare","on":true,` + vars + `,` + ro(w(0, "100001")+","+w(1, "0"), ``) + `}`,
			map[string]string{"rare": "0"},
			map[string]string{"rare": `"v0" single-variation`}},
		{"§4 a clause without attribute aborts, its dependant too",
			`"rare":{"key":"rare","on":true,"rules":[{"clauses":[{"op":"in","values":["fr"]}],"variation":1}],"fallthrough":{"variation":0},` + vars + `},
			 "dep":{"key":"dep","on":true,"prerequisites":[{"key":"rare","variation":0}],"fallthrough":{"variation":0},` + vars + `}`,
			map[string]string{"rare": "code default", "dep": "code default"},
			map[string]string{"rare": `"v2" malformed`, "dep": `"v2" malformed`}},
		{"§4 an invalid reference after a matching clause",
			`"rare":{"key":"rare","on":true,"rules":[{"clauses":[{"attribute":"country","op":"in","values":["fr"]},{"contextKind":"user","attribute":"//x","op":"in","values":["x"]}],"variation":1}],"fallthrough":{"variation":0},` + vars + `}`,
			map[string]string{"rare": "0 code default"},
			map[string]string{"rare": `"v2" malformed`}},
		{"§4 without a context kind //x is a plain name",
			`"rare":{"key":"rare","on":true,"rules":[{"clauses":[{"attribute":"//x","op":"in","values":["x"]}],"variation":0}],"fallthrough":{"variation":0},` + vars + `}`,
			map[string]string{"rare": "0"},
			map[string]string{"rare": `"v0" single-variation`}},
		{"§4 two map entries with one key field are a cycle",
			`"a":{"key":"shared","on":true,"prerequisites":[{"key":"b","variation":0}],"fallthrough":{"variation":0},` + vars + `},
			 "b":{"key":"shared","on":true,"fallthrough":{"variation":0},` + vars + `},
			 "c":{"key":"c","on":true,"prerequisites":[{"key":"a","variation":0}],"fallthrough":{"variation":0},` + vars + `}`,
			map[string]string{"a": "code default", "b": "0", "c": "code default"},
			map[string]string{"a": `"v2" prerequisite-cycle`, "b": `"v0" single-variation`, "c": `"v2" prerequisite-cycle`}},
		{"§4 a missing key field is \"\" to the cycle check",
			`"a":{"on":true,"prerequisites":[{"key":"b","variation":0}],"fallthrough":{"variation":0},` + vars + `},
			 "b":{"on":true,"prerequisites":[{"key":"c","variation":0}],"fallthrough":{"variation":0},` + vars + `},
			 "c":{"key":"c","on":true,"fallthrough":{"variation":0},` + vars + `}`,
			map[string]string{"a": "code default", "b": "0", "c": "0"},
			map[string]string{"a": `"v2" prerequisite-cycle`, "b": `"v0" single-variation`, "c": `"v0" single-variation`}},
		{"§4 a flag between two entries with one key field is a cycle only under the first",
			`"a":{"key":"s","on":true,"prerequisites":[{"key":"b","variation":0}],"fallthrough":{"variation":0},` + vars + `},
			 "b":{"key":"b","on":true,"prerequisites":[{"key":"c","variation":0}],"fallthrough":{"variation":0},` + vars + `},
			 "c":{"key":"s","on":true,"fallthrough":{"variation":0},` + vars + `}`,
			map[string]string{"a": "code default", "b": "0", "c": "0"},
			map[string]string{"a": `"v2" prerequisite-cycle`, "b": `"v0" single-variation`, "c": `"v0" single-variation`}},
		{"§4 a memoized flag is not reused under a chain holding a field it reaches",
			`"z":{"key":"s","on":true,"prerequisites":[{"key":"b","variation":0}],"fallthrough":{"variation":0},` + vars + `},
			 "b":{"key":"b","on":true,"prerequisites":[{"key":"c","variation":0}],"fallthrough":{"variation":0},` + vars + `},
			 "c":{"key":"s","on":true,"fallthrough":{"variation":0},` + vars + `},
			 "d":{"key":"d","on":true,"prerequisites":[{"key":"b","variation":0}],"fallthrough":{"variation":1},` + vars + `}`,
			map[string]string{"z": "code default", "b": "0", "c": "0", "d": "1"},
			map[string]string{"z": `"v2" prerequisite-cycle`, "b": `"v0" single-variation`, "c": `"v0" single-variation`, "d": `"v1" single-variation`}},
	}
	ctxs := differentialContexts(400)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := `{"flags":{` + c.flags + `}}`
			rs, sdk := differential(t, doc, ctxs)
			for i, n := range rs.nodes {
				want, ok := c.want[n.key]
				if !ok {
					continue
				}
				if got := strings.Join(sdk[n.key], " "); got != want {
					t.Errorf("%s: the evaluator serves %q, the case says %q (a wrong case)", n.key, got, want)
				}
				if got := strings.Join(claimed(n), " "); got != want {
					t.Errorf("%s: the resolver claims %q, the evaluator serves %q", n.key, got, want)
				}
				a := rs.answers[i]
				got := string(ValueJSON(a.Value)) + " " + string(a.Reason)
				if !a.HasValue {
					got = "none " + string(a.Reason)
				}
				if got != c.answer[n.key] {
					t.Errorf("%s: answer %s, want %s (%s)", n.key, got, c.answer[n.key], a.Detail())
				}
				if strings.Contains(want, "code default") && a.Warning == "" && a.Reason != ReasonPrerequisiteFailed {
					t.Errorf("%s: the SDK returns the code default and there is no warning", n.key)
				}
			}
		})
	}
}

// randomDifferential builds payloads from the pieces of issue 10: rollouts
// with weights that round, overflow or pass 100%, bucketBy with and without
// a context kind, experiments, malformed clauses, prerequisites (cycles
// included) and "key" fields that differ from the map key or collide.
func randomDifferential(seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 99))
	const n = 10
	weights := []string{"0", "100000", "50000", "25000", "14285", "14290", "100001", "-9000000000000000000", "-1"}
	clauses := []string{
		`{"attribute":"country","op":"in","values":["fr"]}`,
		`{"attribute":"country","op":"in","values":["fr"],"negate":true}`,
		`{"contextKind":"user","attribute":"/country","op":"in","values":["de"]}`,
		`{"op":"in","values":["fr"]}`,
		`{"contextKind":"user","attribute":"//x","op":"in","values":["x"]}`,
		`{"attribute":"//x","op":"in","values":["x"]}`,
	}
	vr := func() string {
		if r.IntN(3) == 0 {
			return fmt.Sprintf(`"variation":%d`, r.IntN(3))
		}
		var entries []string
		for i := 1 + r.IntN(4); i > 0; i-- {
			entries = append(entries, fmt.Sprintf(`{"variation":%d,"weight":%s}`, r.IntN(3), weights[r.IntN(len(weights))]))
		}
		extra := ""
		if r.IntN(4) == 0 {
			extra += `"kind":"experiment",`
		}
		if r.IntN(2) == 0 {
			extra += `"contextKind":"user",`
		}
		extra += []string{``, ``, `"bucketBy":"/",`, `"bucketBy":"/a~2b",`}[r.IntN(4)]
		return `"rollout":{` + extra + `"variations":[` + strings.Join(entries, ",") + `]}`
	}
	var flags []string
	for i := 0; i < n; i++ {
		key := fmt.Sprintf("f%d", i)
		field := key
		switch r.IntN(12) {
		case 0:
			field = fmt.Sprintf("f%d", r.IntN(n))
		case 1:
			field = ""
		}
		var parts []string
		if field != "" {
			parts = append(parts, `"key":"`+field+`"`)
		}
		parts = append(parts, fmt.Sprintf(`"on":%v`, r.IntN(6) != 0), `"salt":"salt"`, `"variations":["v0","v1","v2"]`)
		if r.IntN(5) != 0 {
			parts = append(parts, fmt.Sprintf(`"offVariation":%d`, r.IntN(3)))
		}
		if r.IntN(3) == 0 {
			parts = append(parts, fmt.Sprintf(`"prerequisites":[{"key":"f%d","variation":%d}]`, r.IntN(n), r.IntN(3)))
		}
		var rules []string
		for j := r.IntN(3); j > 0; j-- {
			var cs []string
			for k := 1 + r.IntN(2); k > 0; k-- {
				cs = append(cs, clauses[r.IntN(len(clauses))])
			}
			rules = append(rules, `{"clauses":[`+strings.Join(cs, ",")+`],`+vr()+`}`)
		}
		if len(rules) > 0 {
			parts = append(parts, `"rules":[`+strings.Join(rules, ",")+`]`)
		}
		parts = append(parts, `"fallthrough":{`+vr()+`}`)
		flags = append(flags, fmt.Sprintf("%q:{%s}", key, strings.Join(parts, ",")))
	}
	return `{"flags":{` + strings.Join(flags, ",") + `}}`
}

// TestDifferentialRandom: over random payloads of those pieces, everything
// the evaluator serves is claimed (differential checks it), and the answer
// is the evaluator's wherever the evaluator's contexts show the resolver's
// whole set. Where they do not, the resolver claims more (rules are assumed
// able to match, prerequisites are not correlated with the rules that
// follow, and rare buckets exist only for the keys of rareKeys): counted,
// and a wrong answer is still impossible, as a claimed set larger than the
// real one only ever gives the off variation.
func TestDifferentialRandom(t *testing.T) {
	seeds := 40
	if testing.Short() {
		seeds = 8
	}
	ctxs := differentialContexts(400)
	equal, wider := 0, 0
	for seed := 0; seed < seeds; seed++ {
		doc := randomDifferential(uint64(seed))
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rs, sdk := differential(t, doc, ctxs)
			for _, n := range rs.nodes {
				if slices.Equal(claimed(n), sdk[n.key]) {
					equal++
				} else {
					wider++
				}
			}
		})
	}
	t.Logf("%d flags: the resolver's set equals the evaluator's for %d, is wider for %d (clauses and correlation)", equal+wider, equal, wider)
}

// TestDifferentialSegments: issue 10 §4, segments. The evaluator fails a
// flag (MALFORMED_FLAG, the code default, for it and every flag requiring
// it) when a segment match reaches a circular segment reference or a
// weighted segment rule that buckets by an invalid reference; the resolver
// must claim exactly what the evaluator serves.
func TestDifferentialSegments(t *testing.T) {
	const vars = `"salt":"salt","variations":["v0","v1","v2"],"offVariation":2`
	flag := func(key, clauses string) string {
		return `"` + key + `":{"key":"` + key + `","on":true,"rules":[{"clauses":[` + clauses + `],"variation":1}],"fallthrough":{"variation":0},` + vars + `}`
	}
	dep := `"dep":{"key":"dep","on":true,"prerequisites":[{"key":"f","variation":0}],"fallthrough":{"variation":0},` + vars + `}`
	match := func(neg bool, segs ...string) string {
		return fmt.Sprintf(`{"op":"segmentMatch","values":["%s"],"negate":%v}`, strings.Join(segs, `","`), neg)
	}
	fr := `{"attribute":"country","op":"in","values":["fr"]}`
	seg := func(key, field, rest string) string {
		return `"` + key + `":{"key":"` + field + `","salt":"s",` + rest + `}`
	}
	rule := func(clauses string, extra string) string { return `{"clauses":[` + clauses + `]` + extra + `}` }
	cases := []struct {
		name, flags, segments string
		want                  map[string]string
		answer                map[string]string
	}{
		{"a circular reference fails every context reaching it, and its dependant",
			flag("f", match(false, "a")) + "," + dep,
			seg("a", "a", `"rules":[`+rule(match(false, "b"), "")+`]`) + "," + seg("b", "b", `"rules":[`+rule(match(false, "a"), "")+`]`),
			map[string]string{"f": "code default", "dep": "code default"},
			map[string]string{"f": `"v2" malformed`, "dep": `"v2" malformed`}},
		{"a self-reference behind an included key",
			flag("f", match(false, "a")),
			seg("a", "a", `"included":["k1"],"rules":[`+rule(match(true, "a"), "")+`]`),
			map[string]string{"f": "1 code default"},
			map[string]string{"f": `"v2" malformed`}},
		{"a self-reference behind a clause some contexts fail",
			flag("f", match(false, "a")),
			seg("a", "a", `"rules":[`+rule(fr+","+match(false, "a"), "")+`]`),
			map[string]string{"f": "0 code default"},
			map[string]string{"f": `"v2" malformed`}},
		{"two segments with one key field are a cycle",
			flag("f", match(false, "a")),
			seg("a", "s", `"rules":[`+rule(match(false, "b"), "")+`]`) + "," + seg("b", "s", `"included":["k1"]`),
			map[string]string{"f": "code default"},
			map[string]string{"f": `"v2" malformed`}},
		{"a weighted rule bucketing by an invalid reference fails",
			flag("f", match(false, "a")) + "," + dep,
			seg("a", "a", `"rules":[`+rule("", `,"weight":50000,"bucketBy":"/","rolloutContextKind":"user"`)+`]`),
			map[string]string{"f": "code default", "dep": "code default"},
			map[string]string{"f": `"v2" malformed`, "dep": `"v2" malformed`}},
		{"without a rollout kind the same bucketBy is a plain name",
			flag("f", match(false, "a")),
			seg("a", "a", `"rules":[`+rule("", `,"weight":50000,"bucketBy":"/"`)+`]`),
			map[string]string{"f": "0 1"},
			map[string]string{"f": `"v2" multiple-variations`}},
		{"a weight by a context kind no context can have never matches",
			flag("f", match(false, "a")),
			seg("a", "a", `"rules":[`+rule("", `,"weight":100000,"rolloutContextKind":"kind"`)+`]`),
			map[string]string{"f": "0"},
			map[string]string{"f": `"v0" single-variation`}},
		{"a missing segment never matches; negated, always",
			flag("f", match(false, "nope")) + "," + flag("g", match(true, "nope")),
			``,
			map[string]string{"f": "0", "g": "1"},
			map[string]string{"f": `"v0" single-variation`, "g": `"v1" single-variation`}},
		{"a deleted segment is missing to the polling loader",
			flag("f", match(false, "a")),
			seg("a", "a", `"deleted":true,"rules":[`+rule(match(false, "a"), "")+`]`),
			map[string]string{"f": "0"},
			map[string]string{"f": `"v0" single-variation`}},
		{"an unbounded segment without a generation matches nobody",
			flag("f", match(false, "a")),
			seg("a", "a", `"unbounded":true,"rules":[`+rule(match(false, "a"), "")+`]`),
			map[string]string{"f": "0"},
			map[string]string{"f": `"v0" single-variation`}},
	}
	ctxs := differentialContexts(300)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := `{"flags":{` + c.flags + `},"segments":{` + c.segments + `}}`
			rs, sdk := differential(t, doc, ctxs)
			for i, n := range rs.nodes {
				want, ok := c.want[n.key]
				if !ok {
					continue
				}
				if got := strings.Join(sdk[n.key], " "); got != want {
					t.Errorf("%s: the evaluator serves %q, the case says %q (a wrong case)", n.key, got, want)
				}
				if got := strings.Join(claimed(n), " "); got != want {
					t.Errorf("%s: the resolver claims %q, the evaluator serves %q", n.key, got, want)
				}
				a := rs.answers[i]
				got := string(ValueJSON(a.Value)) + " " + string(a.Reason)
				if got != c.answer[n.key] {
					t.Errorf("%s: answer %s, want %s (%s)", n.key, got, c.answer[n.key], a.Detail())
				}
				if strings.Contains(want, "code default") && a.Warning == "" {
					t.Errorf("%s: the SDK returns the code default and there is no warning", n.key)
				}
			}
		})
	}
}

// TestSegmentsBounded: a tangle of segments that all refer to each other
// (every evaluation chain is a different path) resolves quickly, assuming
// the worst past the budget, and never overflows the stack on a long chain.
func TestSegmentsBounded(t *testing.T) {
	const n = 30
	var segs []string
	for i := 0; i < n; i++ {
		var vals []string
		for j := 0; j < n; j++ {
			if j != i {
				vals = append(vals, fmt.Sprintf(`"s%d"`, j))
			}
		}
		segs = append(segs, fmt.Sprintf(`"s%d":{"key":"s%d","rules":[{"clauses":[{"attribute":"country","op":"in","values":["x"]},{"op":"segmentMatch","values":[%s]}]}]}`, i, i, strings.Join(vals, ",")))
	}
	// and a chain of 20,000 segments, each matching the next
	for i := 0; i < 20000; i++ {
		segs = append(segs, fmt.Sprintf(`"c%d":{"key":"c%d","rules":[{"clauses":[{"op":"segmentMatch","values":["c%d"]}]}]}`, i, i, i+1))
	}
	doc := `{"flags":{"f":{"key":"f","on":true,"rules":[{"clauses":[{"op":"segmentMatch","values":["s0"]}],"variation":1}],"fallthrough":{"variation":0},"variations":[true,false],"offVariation":1},
		"g":{"key":"g","on":true,"rules":[{"clauses":[{"op":"segmentMatch","values":["c0"]}],"variation":1}],"fallthrough":{"variation":1},"variations":[true,false],"offVariation":0}},
		"segments":{` + strings.Join(segs, ",") + `}}`
	p, err := payload.ParseLean([]byte(doc), "t")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r := Resolve(p)
	// No timed assertion: an exponential walk here would not end within the
	// test binary's timeout, which is what fails it; the time is for reading.
	t.Logf("resolved in %v", time.Since(start))
	if a, _ := r.Get("f"); a.Reason != ReasonMalformed || a.Warning == "" {
		t.Errorf("f: %s %s", a.Reason, a.Detail())
	}
	if a, _ := r.Get("g"); a.Reason != ReasonSingleVariation || string(ValueJSON(a.Value)) != "false" {
		t.Errorf("g: %s %s", a.Reason, a.Detail())
	}
}
