package fallback

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ldfallback/ldfallback/bench/generate/payloadgen"
	"github.com/ldfallback/ldfallback/internal/golden"
	"github.com/ldfallback/ldfallback/payload"
)

// mustParse returns the lean parse the CLI resolves, after checking that it
// resolves exactly like the full model.
//
// The tests' flags leave out their "key" fields for brevity: mustParse adds
// each flag's map key as its field, as LaunchDarkly always sends it (a
// missing field is "" to the SDK, and two such flags are one key to its
// prerequisite-cycle check: TestResolveKeyFieldCycles).
func mustParse(t testing.TB, doc string) *payload.Payload {
	t.Helper()
	doc = withKeyFields(t, doc)
	lean, err := payload.ParseLean([]byte(doc), "test")
	if err != nil {
		t.Fatal(err)
	}
	checkLeanResolvesLikeFull(t, []byte(doc), lean)
	return lean
}

// withKeyFields gives every flag of a latest-all doc without a "key" field
// its map key as one.
func withKeyFields(t testing.TB, doc string) string {
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(doc), &top); err != nil || top["flags"] == nil {
		return doc
	}
	var flags map[string]json.RawMessage
	if err := json.Unmarshal(top["flags"], &flags); err != nil {
		return doc
	}
	for k, raw := range flags {
		var members map[string]json.RawMessage
		if json.Unmarshal(raw, &members) != nil || members["key"] != nil {
			continue
		}
		kj, _ := json.Marshal(k)
		if len(members) == 0 {
			flags[k] = json.RawMessage(`{"key":` + string(kj) + `}`)
		} else {
			flags[k] = json.RawMessage(`{"key":` + string(kj) + `,` + string(bytes.TrimSpace(raw))[1:])
		}
	}
	var err error
	if top["flags"], err = json.Marshal(flags); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(top)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// checkLeanResolvesLikeFull fails when resolving the lean parse of data
// gives other answers than resolving its full parse.
func checkLeanResolvesLikeFull(t testing.TB, data []byte, lean *payload.Payload) {
	t.Helper()
	full, err := payload.Parse(data, "test")
	if err != nil {
		t.Fatalf("full parse fails, lean parse did not: %v", err)
	}
	if d := cmp.Diff(answerViews(Resolve(full)), answerViews(Resolve(lean)), cmp.AllowUnexported(Answer{})); d != "" {
		t.Fatalf("lean and full parses resolve differently (-full +lean):\n%s", d)
	}
}

// answerView is an Answer with its Detail sentence worded, for cmp.
type answerView struct {
	A      Answer
	Detail string
}

func answerViews(r *Result) []answerView {
	out := make([]answerView, len(r.Answers))
	for i, a := range r.Answers {
		out[i] = answerView{a, a.Detail()}
		out[i].A.detail = nil
	}
	return out
}

const bf = `"variations":[true,false],"offVariation":1`

// One row per semantic rule of DESIGN.md and per reason. flags is the body
// of the "flags" object; the answer for key is checked.
func TestResolveRules(t *testing.T) {
	cases := []struct {
		name    string
		flags   string
		key     string
		reason  Reason
		value   string // JSON; "" = no value
		path    string // "flag>prereq:outcome ..." or ""
		warning bool
	}{
		// Rule 1: order, off first.
		{"off", `"a":{"on":false,"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonOff, "false", "", false},
		{"off ignores prerequisites", `"a":{"on":false,"prerequisites":[{"key":"nope","variation":0}],` + bf + `}`, "a", ReasonOff, "false", "", false},
		{"off ignores a cycle", `"a":{"on":false,"prerequisites":[{"key":"a","variation":0}],` + bf + `}`, "a", ReasonOff, "false", "", false},
		{"off with null off variation", `"a":{"on":false,"variations":[true,false]}`, "a", ReasonFallbackServed, "", "", false},
		{"off with out-of-range off variation", `"a":{"on":false,"variations":[true,false],"offVariation":2}`, "a", ReasonMalformed, "", "", true},
		{"single fallthrough", `"a":{"on":true,"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonSingleVariation, "true", "", false},
		{"targets and rules serve the same", `"a":{"on":true,"targets":[{"values":["u"],"variation":0}],"rules":[{"clauses":[{"attribute":"x","op":"in","values":[1]}],"variation":0}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonSingleVariation, "true", "", false},
		{"target differs", `"a":{"on":true,"targets":[{"values":["u"],"variation":1}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonMultipleVariations, "false", "", false},
		{"target with no values matches nobody", `"a":{"on":true,"targets":[{"values":[],"variation":1}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonSingleVariation, "true", "", false},
		{"context target of another kind", `"a":{"on":true,"contextTargets":[{"contextKind":"org","values":["o"],"variation":1}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonMultipleVariations, "false", "", false},
		{"user contextTarget defers to legacy targets", `"a":{"on":true,"targets":[{"values":["u"],"variation":1}],"contextTargets":[{"contextKind":"user","values":[],"variation":1}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonMultipleVariations, "false", "", false},
		{"legacy targets ignored when contextTargets do not refer to them", `"a":{"on":true,"targets":[{"values":["u"],"variation":1}],"contextTargets":[{"contextKind":"org","values":["o"],"variation":0}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonSingleVariation, "true", "", false},
		{"rule differs", `"a":{"on":true,"rules":[{"clauses":[{"attribute":"x","op":"in","values":[1]}],"variation":1}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonMultipleVariations, "false", "", false},
		{"rule without clauses hides the fallthrough", `"a":{"on":true,"rules":[{"clauses":[],"variation":0}],"fallthrough":{"variation":1},` + bf + `}`, "a", ReasonSingleVariation, "true", "", false},
		{"off variation set but everything serves the same", `"a":{"on":true,"rules":[{"clauses":[{"attribute":"x","op":"in","values":[1]}],"variation":0}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonSingleVariation, "true", "", false},
		{"multiple with no off variation", `"a":{"on":true,"rules":[{"clauses":[{"attribute":"x","op":"in","values":[1]}],"variation":1}],"fallthrough":{"variation":0},"variations":[true,false]}`, "a", ReasonNoOffVariation, "", "", false},
		// Rule 4: rollouts.
		{"50/50 rollout", `"a":{"on":true,"fallthrough":{"rollout":{"variations":[{"variation":0,"weight":50000},{"variation":1,"weight":50000}]}},` + bf + `}`, "a", ReasonRollout, "false", "", false},
		{"experiment", `"a":{"on":true,"fallthrough":{"rollout":{"kind":"experiment","seed":3,"variations":[{"variation":0,"weight":50000},{"variation":1,"weight":50000}]}},` + bf + `}`, "a", ReasonRollout, "false", "", false},
		// 100% then 0%: the contexts whose bucket is exactly 1.0 (2^-25 of
		// them) get the last entry (issue 10 §3; TestDifferentialCases).
		{"100% rollout then 0%", `"a":{"on":true,"fallthrough":{"rollout":{"variations":[{"variation":0,"weight":100000},{"variation":1,"weight":0}]}},` + bf + `}`, "a", ReasonRollout, "false", "", false},
		{"100% rollout", `"a":{"on":true,"fallthrough":{"rollout":{"variations":[{"variation":1,"weight":0},{"variation":0,"weight":100000}]}},` + bf + `}`, "a", ReasonSingleVariation, "true", "", false},
		{"weights that wrap an int64", `"a":{"on":true,"fallthrough":{"rollout":{"variations":[{"variation":1,"weight":-9000000000000000000},{"variation":1,"weight":-9000000000000000000},{"variation":0,"weight":100000}]}},` + bf + `}`, "a", ReasonSingleVariation, "true", "", false},
		{"invalid bucketBy with a context kind", `"a":{"on":true,"fallthrough":{"rollout":{"contextKind":"user","bucketBy":"/","variations":[{"variation":0,"weight":100000}]}},` + bf + `}`, "a", ReasonMalformed, "false", "", true},
		{"invalid bucketBy in an experiment is ignored", `"a":{"on":true,"fallthrough":{"rollout":{"kind":"experiment","contextKind":"user","bucketBy":"/","variations":[{"variation":0,"weight":100000}]}},` + bf + `}`, "a", ReasonSingleVariation, "true", "", false},
		{"bucketBy without a context kind is a plain name", `"a":{"on":true,"fallthrough":{"rollout":{"bucketBy":"/","variations":[{"variation":0,"weight":100000}]}},` + bf + `}`, "a", ReasonSingleVariation, "true", "", false},
		{"dependant of an invalid bucketBy fails its prerequisite", `"a":{"on":true,"fallthrough":{"rollout":{"contextKind":"user","bucketBy":"/a~2b","variations":[{"variation":0,"weight":100000}]}},` + bf + `},"d":{"on":true,"prerequisites":[{"key":"a","variation":0}],"fallthrough":{"variation":0},` + bf + `}`, "d", ReasonPrerequisiteFailed, "false", "d>a:fails", false},
		{"clause without attribute", `"a":{"on":true,"rules":[{"clauses":[{"op":"in","values":["x"]}],"variation":0}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonMalformed, "false", "", true},
		{"clause with an invalid reference", `"a":{"on":true,"rules":[{"clauses":[{"contextKind":"user","attribute":"//x","op":"in","values":["x"]}],"variation":0}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonMalformed, "false", "", true},
		{"dependant of a malformed clause is aborted too", `"a":{"on":true,"rules":[{"clauses":[{"op":"in","values":["x"]}],"variation":0}],"fallthrough":{"variation":0},` + bf + `},"d":{"on":true,"prerequisites":[{"key":"a","variation":0}],"fallthrough":{"variation":0},` + bf + `}`, "d", ReasonMalformed, "false", "d>a:malformed", true},
		{"segment match needs no attribute", `"a":{"on":true,"rules":[{"clauses":[{"op":"segmentMatch","values":["s"]}],"variation":1}],"fallthrough":{"variation":1},` + bf + `}`, "a", ReasonSingleVariation, "false", "", false},
		{"weight-0 middle bucket", `"a":{"on":true,"fallthrough":{"rollout":{"variations":[{"variation":0,"weight":60000},{"variation":1,"weight":0},{"variation":0,"weight":40000}]}},` + bf + `}`, "a", ReasonSingleVariation, "true", "", false},
		{"weight-0 last bucket under 100%", `"a":{"on":true,"fallthrough":{"rollout":{"variations":[{"variation":0,"weight":99999},{"variation":1,"weight":0}]}},` + bf + `}`, "a", ReasonRollout, "false", "", false},
		{"rollout over one variation twice", `"a":{"on":true,"fallthrough":{"rollout":{"variations":[{"variation":0,"weight":30000},{"variation":0,"weight":70000}]}},` + bf + `}`, "a", ReasonSingleVariation, "true", "", false},
		{"bucket after 100% unreachable", `"a":{"on":true,"fallthrough":{"rollout":{"variations":[{"variation":0,"weight":150000},{"variation":1,"weight":50000}]}},` + bf + `}`, "a", ReasonSingleVariation, "true", "", false},
		// Rule 3: malformed.
		{"rule index out of range", `"a":{"on":true,"rules":[{"clauses":[{"attribute":"x","op":"in","values":[1]}],"variation":5}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonMalformed, "false", "", true},
		{"negative index", `"a":{"on":true,"fallthrough":{"variation":-1},` + bf + `}`, "a", ReasonMalformed, "false", "", true},
		{"empty rollout", `"a":{"on":true,"fallthrough":{"rollout":{"variations":[]}},` + bf + `}`, "a", ReasonMalformed, "false", "", true},
		{"no fallthrough", `"a":{"on":true,` + bf + `}`, "a", ReasonMalformed, "false", "", true},
		{"target index out of range", `"a":{"on":true,"targets":[{"values":["u"],"variation":9}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonMalformed, "false", "", true},
		// Rule 2: prerequisites.
		{"prerequisite off", `"a":{"on":true,"prerequisites":[{"key":"p","variation":0}],"fallthrough":{"variation":0},` + bf + `},"p":{"on":false,"variations":[true,false],"offVariation":0}`, "a", ReasonPrerequisiteFailed, "false", "a>p:fails", false},
		{"prerequisite serves another index", `"a":{"on":true,"prerequisites":[{"key":"p","variation":0}],"fallthrough":{"variation":0},` + bf + `},"p":{"on":true,"fallthrough":{"variation":1},` + bf + `}`, "a", ReasonPrerequisiteFailed, "false", "a>p:fails", false},
		{"prerequisite passes", `"a":{"on":true,"prerequisites":[{"key":"p","variation":0}],"fallthrough":{"variation":0},` + bf + `},"p":{"on":true,"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonSingleVariation, "true", "", false},
		{"prerequisite missing", `"a":{"on":true,"prerequisites":[{"key":"p","variation":0}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonPrerequisiteMissing, "false", "a>p:missing", false},
		{"prerequisite deleted", `"a":{"on":true,"prerequisites":[{"key":"p","variation":0}],"fallthrough":{"variation":0},` + bf + `},"p":{"deleted":true,"on":true,"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonPrerequisiteMissing, "false", "a>p:missing", false},
		{"prerequisite mixed", `"a":{"on":true,"prerequisites":[{"key":"p","variation":0}],"fallthrough":{"variation":0},` + bf + `},"p":{"on":true,"targets":[{"values":["u"],"variation":1}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonPrerequisiteMixed, "false", "a>p:mixed", false},
		{"prerequisite mixed but same value", `"a":{"on":true,"prerequisites":[{"key":"p","variation":0}],"fallthrough":{"variation":1},` + bf + `},"p":{"on":true,"targets":[{"values":["u"],"variation":1}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonSingleVariation, "false", "a>p:mixed", false},
		{"prerequisite whose prerequisites fail serves its off index", `"a":{"on":true,"prerequisites":[{"key":"p","variation":1}],"fallthrough":{"variation":0},` + bf + `},"p":{"on":true,"prerequisites":[{"key":"q","variation":0}],"fallthrough":{"variation":0},` + bf + `},"q":{"on":false,` + bf + `}`, "a", ReasonSingleVariation, "true", "", false},
		{"prerequisite with null off variation fails", `"a":{"on":true,"prerequisites":[{"key":"p","variation":0}],"fallthrough":{"variation":0},` + bf + `},"p":{"on":true,"prerequisites":[{"key":"q","variation":0}],"fallthrough":{"variation":0},"variations":[true,false]},"q":{"on":false,` + bf + `}`, "a", ReasonPrerequisiteFailed, "false", "a>p:fails p>q:fails", false},
		{"first failing prerequisite wins", `"a":{"on":true,"prerequisites":[{"key":"gone","variation":0},{"key":"a","variation":0}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonPrerequisiteMissing, "false", "a>gone:missing", false},
		{"required index out of range", `"a":{"on":true,"prerequisites":[{"key":"p","variation":7}],"fallthrough":{"variation":0},` + bf + `},"p":{"on":true,"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonPrerequisiteFailed, "false", "a>p:fails", false},
		{"prerequisite failed and no off variation", `"a":{"on":true,"prerequisites":[{"key":"p","variation":0}],"fallthrough":{"variation":0},"variations":[true,false]}`, "a", ReasonFallbackServed, "", "a>p:missing", false},
		{"chain path", `"a":{"on":true,"prerequisites":[{"key":"b","variation":0}],"fallthrough":{"variation":0},` + bf + `},"b":{"on":true,"prerequisites":[{"key":"c","variation":0}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonPrerequisiteFailed, "false", "a>b:fails b>c:missing", false},
		// Rule 3: cycles.
		{"self cycle", `"a":{"on":true,"prerequisites":[{"key":"a","variation":0}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonPrerequisiteCycle, "false", "a>a:cycle", true},
		{"two-flag cycle", `"a":{"on":true,"prerequisites":[{"key":"b","variation":0}],"fallthrough":{"variation":0},` + bf + `},"b":{"on":true,"prerequisites":[{"key":"a","variation":0}],"fallthrough":{"variation":0},` + bf + `}`, "b", ReasonPrerequisiteCycle, "false", "b>a:cycle", true},
		{"depends on a cycle", `"x":{"on":true,"prerequisites":[{"key":"a","variation":0}],"fallthrough":{"variation":0},` + bf + `},"a":{"on":true,"prerequisites":[{"key":"a","variation":0}],"fallthrough":{"variation":0},` + bf + `}`, "x", ReasonPrerequisiteCycle, "false", "x>a:cycle a>a:cycle", true},
		{"cycle with no off variation", `"a":{"on":true,"prerequisites":[{"key":"a","variation":0}],"fallthrough":{"variation":0},"variations":[true,false]}`, "a", ReasonNoOffVariation, "", "a>a:cycle", true},
		{"cycle through an off flag is no cycle", `"a":{"on":true,"prerequisites":[{"key":"b","variation":0}],"fallthrough":{"variation":0},` + bf + `},"b":{"on":false,"prerequisites":[{"key":"a","variation":0}],` + bf + `}`, "a", ReasonPrerequisiteFailed, "false", "a>b:fails", false},
		{"cycle unreachable behind a failing prerequisite", `"a":{"on":true,"prerequisites":[{"key":"gone","variation":0},{"key":"a","variation":0}],"fallthrough":{"variation":0},` + bf + `}`, "a", ReasonPrerequisiteMissing, "false", "a>gone:missing", false},
		// Values of every type, printed as LaunchDarkly prints them.
		{"number", `"a":{"on":true,"fallthrough":{"variation":1},"variations":[100,250.5],"offVariation":0}`, "a", ReasonSingleVariation, "250.5", "", false},
		{"json", `"a":{"on":true,"fallthrough":{"variation":0},"variations":[{"b":[1,"x"],"a":null}],"offVariation":0}`, "a", ReasonSingleVariation, `{"a":null,"b":[1,"x"]}`, "", false},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			r := Resolve(mustParse(t, `{"flags":{`+c.flags+`}}`))
			a, ok := r.Get(c.key)
			if !ok {
				t.Fatalf("no answer for %s", c.key)
			}
			got := ""
			if a.HasValue {
				var b bytes.Buffer
				writeValue(&b, a.Value)
				got = b.String()
			}
			if a.Reason != c.reason || got != c.value {
				t.Fatalf("got %s %q, want %s %q (%s)", a.Reason, got, c.reason, c.value, a.Detail())
			}
			var path []string
			for _, s := range a.Path {
				path = append(path, fmt.Sprintf("%s>%s:%s", s.Flag, s.Prereq, s.Outcome))
			}
			if want := c.path; strings.Join(path, " ") != want {
				t.Errorf("path %v, want %q", path, want)
			}
			if (a.Warning != "") != c.warning {
				t.Errorf("warning %q, want warning=%v", a.Warning, c.warning)
			}
			if a.Detail() == "" || !strings.Contains(a.Detail(), c.key) {
				t.Errorf("detail %q does not name the flag", a.Detail())
			}
		})
	}
}

// TestResolveLongChain: prerequisite chains of 10,000 (and a cycle of
// 10,000) resolve without deep recursion and in linear time.
func TestResolveLongChain(t *testing.T) {
	const n = 10000
	for _, cyclic := range []bool{false, true} {
		var b strings.Builder
		b.WriteString(`{"flags":{`)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			prereq := ""
			if i > 0 || cyclic {
				prereq = fmt.Sprintf(`"prerequisites":[{"key":"f%d","variation":0}],`, (i+n-1)%n)
			}
			fmt.Fprintf(&b, `"f%d":{"on":true,%s"fallthrough":{"variation":0},%s}`, i, prereq, bf)
		}
		b.WriteString("}}")
		r := Resolve(mustParse(t, b.String()))
		top, _ := r.Get(fmt.Sprintf("f%d", n-1))
		want := ReasonSingleVariation
		if cyclic {
			want = ReasonPrerequisiteCycle
		}
		if top.Reason != want || !top.HasValue {
			t.Fatalf("cyclic=%v: top of chain %s %v", cyclic, top.Reason, top.Detail())
		}
		if len(top.Path) > maxPath+1 {
			t.Errorf("path of %d steps, want at most %d", len(top.Path), maxPath+1)
		}
	}
}

// TestDemoGolden pins every answer of the demo payload (reason, value,
// detail, path, warning) and the fallback-config.json it yields.
func TestDemoGolden(t *testing.T) {
	data, err := os.ReadFile("../testdata/demo/flags.json")
	if err != nil {
		t.Fatal(err)
	}
	r := Resolve(mustParse(t, string(data)))
	var b bytes.Buffer
	for _, a := range r.Answers {
		v := "(none)"
		if a.HasValue {
			v = show(a.Value)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\n\t%s\n", a.Key, a.Reason, v, a.Detail())
		for _, s := range a.Path {
			fmt.Fprintf(&b, "\tpath: %s requires %s = variation %d: %s\n", s.Flag, s.Prereq, s.Variation, s.Outcome)
		}
		if a.Warning != "" {
			fmt.Fprintf(&b, "\twarning: %s\n", a.Warning)
		}
	}
	cfg, left := r.Config()
	fmt.Fprintf(&b, "\nleft out: %v\n", left)
	golden.Check(t, "testdata/demo-answers.golden", b.Bytes())
	golden.Check(t, "testdata/demo-fallback-config.json", cfg)

	// The keys the demo source code is written against.
	want := map[string]struct {
		reason Reason
		value  string
	}{
		"checkout-api": {ReasonOff, "false"}, "new-checkout-flow": {ReasonSingleVariation, "true"},
		"cache-optimization-v2": {ReasonSingleVariation, "true"}, "experimental-feature": {ReasonRollout, "false"},
		"search-ranking-v3": {ReasonRollout, `"control"`}, "pricing-banner-text": {ReasonMultipleVariations, `""`},
		"max-upload-mb": {ReasonSingleVariation, "250"}, "ui-theme": {ReasonSingleVariation, `{"accent":"#0055ff","mode":"light"}`},
		"release-widget": {ReasonPrerequisiteFailed, "false"}, "premium-dashboard": {ReasonPrerequisiteMixed, "false"},
		"legacy-export": {ReasonPrerequisiteMissing, "false"}, "cycle-a": {ReasonPrerequisiteCycle, "false"},
		"cycle-b": {ReasonPrerequisiteCycle, "false"}, "broken-rollout": {ReasonMalformed, "false"},
		"no-off-flag": {ReasonNoOffVariation, ""}, "keystone-checkout": {ReasonSingleVariation, "true"},
		"checkout-redesign": {ReasonSingleVariation, "true"}, "mobile-nav-v2": {ReasonSingleVariation, "true"},
		"rate-limit-rps": {ReasonRollout, "100"},
	}
	for k, w := range want {
		a, ok := r.Get(k)
		got := ""
		if a.HasValue {
			var vb bytes.Buffer
			writeValue(&vb, a.Value)
			got = vb.String()
		}
		if !ok || a.Reason != w.reason || got != w.value {
			t.Errorf("%s: got %s %s, want %s %s", k, a.Reason, got, w.reason, w.value)
		}
	}
	// The deleted flag is missing to the SDK: the code's fallback is served.
	if a, ok := r.Get("old-onboarding-tour"); !ok || a.Reason != ReasonFallbackServed || !a.Deleted {
		t.Errorf("the deleted flag: %+v", a)
	}
	seen := map[Reason]bool{}
	for _, a := range r.Answers {
		seen[a.Reason] = true
	}
	for _, reason := range []Reason{ReasonOff, ReasonPrerequisiteFailed, ReasonPrerequisiteMixed, ReasonPrerequisiteMissing,
		ReasonPrerequisiteCycle, ReasonMultipleVariations, ReasonRollout, ReasonSingleVariation, ReasonNoOffVariation, ReasonMalformed} {
		if !seen[reason] {
			t.Errorf("the demo shows no %s", reason)
		}
	}
}

func TestConfigFormat(t *testing.T) {
	r := Resolve(mustParse(t, `{"flags":{
		"b":{"on":false,"variations":["<x> & y","z"],"offVariation":0},
		"a":{"on":false,"variations":[1e21, 0.1],"offVariation":1},
		"c":{"on":false,"variations":[true]},
		"d":{"on":false,"variations":[{"z":1,"y":{}}],"offVariation":0}}}`))
	got, left := r.Config()
	want := "{\n  \"a\": 0.1,\n  \"b\": \"<x> & y\",\n  \"d\": {\n    \"y\": {},\n    \"z\": 1\n  }\n}\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if fmt.Sprint(left) != "[c]" {
		t.Errorf("left out %v", left)
	}
	// A deleted flag is answered (fallback-served), not missing.
	del := Resolve(mustParse(t, `{"flags":{"gone":{"key":"gone","deleted":true,"variations":[1],"offVariation":0}}}`))
	if a, ok := del.Get("gone"); !ok || a.Reason != ReasonFallbackServed || !a.Deleted || a.HasValue || !strings.Contains(a.Detail(), "deleted") {
		t.Errorf("deleted flag: %+v %v", a, ok)
	}
	empty, _ := Resolve(mustParse(t, `{"flags":{}}`)).Config()
	if string(empty) != "{}\n" {
		t.Errorf("empty config %q", empty)
	}
}

// TestConfigKeepsEscapedSurrogatePairs: a variation written with JSON escapes
// for a character outside the BMP ("\ud83d\ude00", an emoji) must reach
// fallback-config.json as that character, not as two U+FFFD.
func TestConfigKeepsEscapedSurrogatePairs(t *testing.T) {
	doc := `{"flags":{
		"emoji":{"on":false,"offVariation":0,"variations":["\ud83d\ude00 ok","plain"]},
		"nested":{"on":true,"fallthrough":{"variation":1},"offVariation":0,"variations":[null,{"k\uD83D\uDE00":["\ud83d\ude00"],"n":1.5}]},
		"lone":{"on":false,"offVariation":0,"variations":["\ud83d"]},
		"escaped-backslash":{"on":false,"offVariation":0,"variations":["\\ud83d\\ude00"]}},
		"flagValues":{"fv":"\ud83d\ude00"}}`
	for _, parse := range []func([]byte, string) (*payload.Payload, error){payload.Parse, payload.ParseLean} {
		p, err := parse([]byte(doc), "test")
		if err != nil {
			t.Fatal(err)
		}
		cfg, _ := Resolve(p).Config()
		want := `{
  "emoji": "😀 ok",
  "escaped-backslash": "\\ud83d\\ude00",
  "fv": "😀",
  "lone": "` + "\ufffd" + `",
  "nested": {
    "k😀": [
      "😀"
    ],
    "n": 1.5
  }
}
`
		if d := cmp.Diff(want, string(cfg)); d != "" {
			t.Errorf("fallback-config.json (-want +got):\n%s", d)
		}
	}
}

// TestConfigIsIndentedCompact: Config writes in one pass what json.Indent
// makes of the compact object (how it was first written).
func TestConfigIsIndentedCompact(t *testing.T) {
	docs := []string{`{"flags":{"a":{"on":false,"variations":[[],[[1,{}],{"a":[{"b":[]}]}],{"k":"\u00e9\u2028<"}],"offVariation":1},
		"b":{"on":false,"variations":[[]],"offVariation":0},"c":{"on":false,"variations":["\"q\""],"offVariation":0},"d":{"on":false}}}`}
	for seed := uint64(0); seed < 10; seed++ {
		docs = append(docs, string(payloadgen.Random(seed, payloadgen.RandomOptions{Flags: 40}).JSON()))
	}
	for _, doc := range docs {
		r := Resolve(mustParse(t, doc))
		var compact bytes.Buffer
		compact.WriteByte('{')
		for _, a := range r.Answers {
			if a.HasValue {
				if compact.Len() > 1 {
					compact.WriteByte(',')
				}
				writeString(&compact, a.Key)
				compact.WriteByte(':')
				writeValue(&compact, a.Value)
			}
		}
		compact.WriteByte('}')
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		want.WriteByte('\n')
		if got, _ := r.Config(); string(got) != want.String() {
			t.Fatalf("got\n%s\nwant\n%s", got, want.String())
		}
	}
}

// TestResolveSharedFieldsBounded: when flags share "key" fields, a
// prerequisite reaching one is resolved again under each chain that holds
// one (its result depends on the chain); over a diamond of 40 levels that is
// 2^40 chains, so past a budget the resolver assumes the worst of such a
// prerequisite: the root gets a warning and its off variation, quickly,
// while every flag's own answer (from the top) stays exact.
func TestResolveSharedFieldsBounded(t *testing.T) {
	const levels = 40
	var b strings.Builder
	b.WriteString(`{"flags":{"root":{"key":"s","on":true,"prerequisites":[{"key":"l0a","variation":0}],"fallthrough":{"variation":0},` + bf + `},`)
	b.WriteString(`"other":{"key":"s","on":true,"fallthrough":{"variation":0},` + bf + `},`)
	for i := 0; i < levels; i++ {
		for _, side := range []string{"a", "b"} {
			next := fmt.Sprintf(`"prerequisites":[{"key":"l%da","variation":0},{"key":"l%db","variation":0}],`, i+1, i+1)
			if i == levels-1 {
				next = `"prerequisites":[{"key":"bottom","variation":0}],`
			}
			fmt.Fprintf(&b, `"l%d%s":{"key":"l%d%s","on":true,%s"fallthrough":{"variation":0},%s},`, i, side, i, side, next, bf)
		}
	}
	b.WriteString(`"bottom":{"key":"t","on":true,"fallthrough":{"variation":0},` + bf + `},`)
	b.WriteString(`"bottom2":{"key":"t","on":true,"fallthrough":{"variation":0},` + bf + `}}}`)
	start := time.Now()
	r := Resolve(mustParse(t, b.String()))
	// No timed assertion: an exponential walk here would not end within the
	// test binary's timeout, which is what fails it; the time is for reading.
	t.Logf("resolved in %v", time.Since(start))
	root, _ := r.Get("root")
	if root.Reason == ReasonSingleVariation || root.Warning == "" || !root.HasValue || string(ValueJSON(root.Value)) != "false" {
		t.Logf("%s", root.Warning)
		t.Errorf("root: %s %s %q", ValueJSON(root.Value), root.Reason, root.Warning)
	}
	for _, k := range []string{"l0a", "l5b", "bottom"} {
		if a, _ := r.Get(k); a.Reason != ReasonSingleVariation {
			t.Errorf("%s: %s %s", k, a.Reason, a.Detail())
		}
	}
}

// TestConfigKeepsInexactIntegers: an integer the Go SDK reads inexactly
// (beyond int64 it wraps: 12345678901234567890 was written
// -6101065172474983424; beyond 2^53 it rounds) reaches fallback-config.json,
// explain and $safe as the payload wrote it, whichever reader parsed it,
// and the answer's warning says what the Go SDK serves instead.
func TestConfigKeepsInexactIntegers(t *testing.T) {
	doc := `{"flags":{
		"big":{"key":"big","on":false,"offVariation":0,"variations":[12345678901234567890,1]},
		"neg":{"key":"neg","on":true,"fallthrough":{"variation":1},"offVariation":0,"variations":[0,-9223372036854775809]},
		"odd":{"key":"odd","on":false,"offVariation":0,"variations":[9007199254740993]},
		"fits":{"key":"fits","on":false,"offVariation":0,"variations":[1000000000000000000, 2]},
		"nested":{"key":"nested","on":false,"offVariation":0,"variations":[{"b":[18446744073709551616,1.0,-0],"a":"1234567890123456789"}]},
		"weights":{"key":"weights","on":true,"fallthrough":{"rollout":{"variations":[{"variation":0,"weight":-9000000000000000000},{"variation":0,"weight":100000}]}},"variations":[true]}},
		"flagValues":{"fv":123456789012345678901234567890}}`
	want := `{
  "big": 12345678901234567890,
  "fits": 1000000000000000000,
  "fv": 123456789012345678901234567890,
  "neg": -9223372036854775809,
  "nested": {
    "a": "1234567890123456789",
    "b": [
      18446744073709551616,
      1,
      0
    ]
  },
  "odd": 9007199254740993,
  "weights": true
}
`
	file := filepath.Join(t.TempDir(), "p.json")
	if err := os.WriteFile(file, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, parse := range map[string]func() (*payload.Payload, error){
		"Parse":         func() (*payload.Payload, error) { return payload.Parse([]byte(doc), "test") },
		"ParseLean":     func() (*payload.Payload, error) { return payload.ParseLean([]byte(doc), "test") },
		"ParseLeanFile": func() (*payload.Payload, error) { return payload.ParseLeanFile(file, "test") },
	} {
		p, err := parse()
		if err != nil {
			t.Fatal(err)
		}
		r := Resolve(p)
		cfg, _ := r.Config()
		if d := cmp.Diff(want, string(cfg)); d != "" {
			t.Errorf("%s: fallback-config.json (-want +got):\n%s", name, d)
		}
		for key, goReads := range map[string]string{"big": "-6101065172474983424", "neg": "9223372036854776000", "odd": "9007199254740992", "fv": "-4362896299872286208", "nested": `{"a":"1234567890123456789","b":[0,1,0]}`} {
			a, _ := r.Get(key)
			if !strings.Contains(a.Warning, "reads "+goReads+" ") {
				t.Errorf("%s: %s: warning %q does not name the Go SDK's reading %s", name, key, a.Warning, goReads)
			}
		}
		if a, _ := r.Get("fits"); a.Warning != "" {
			t.Errorf("%s: fits: %q", name, a.Warning)
		}
	}
}
