package policy

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/flagmeta"
	"github.com/ldfallback/ldfallback/payload"
)

func demo(t testing.TB) *payload.Payload {
	t.Helper()
	data, err := os.ReadFile("../testdata/demo/flags.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := payload.ParseLean(data, "demo")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func decide(t *testing.T, src string, p *payload.Payload, meta flagmeta.Set) (*Decisions, []string, error) {
	t.Helper()
	pol, err := parse(t, src)
	if err != nil {
		t.Fatal(err)
	}
	return pol.Decide(Input{Result: fallback.Resolve(p), Payload: p, Meta: meta})
}

// TestDecide runs every strategy on the demo payload's flags, whose safest
// answers cover every reason (see explain on testdata/demo/flags.json).
func TestDecide(t *testing.T) {
	p := demo(t)
	const pol = `
policy:
  rules:
    - {match: "release-*", strategy: fail-closed}
    - {match: "checkout-*", strategy: fail-open, rationale: "checkout stays up"}
    - {match: "*-checkout", strategy: dynamic}
    - {match: "no-off-*", strategy: fail-closed}
    - {match: "sunset-*", strategy: fail-closed}
    - {kind: multivariate, match: "*-text", strategy: fail-open}
    - {kind: multivariate, match: "search-ranking-*", strategy: fail-open}
    - {kind: boolean, match: "loyalty-*", strategy: fail-open, review: 2026-06-01}
  flags:
    new-checkout-flow: {strategy: fail-closed, rationale: "New feature not yet validated in production."}
    max-upload-mb: {value: 100}
    ui-theme: {strategy: fail-open}
    rate-limit-rps: {strategy: fail-open, value: 200}
    log-level: {strategy: safest, rationale: "ops decide"}
    old-onboarding-tour: fail-closed
    cycle-a: fail-open
`
	ds, warnings, err := decide(t, pol, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key      string
		strategy Strategy
		value    string // JSON, "" for no value
		rule     string
		reason   string // part of Reason
		problem  string // part of Problem
		differs  bool
	}{
		// No rule matches: today's safest answer.
		{key: "beta-program", strategy: Safest, value: "false", reason: "no policy rule matches"},
		// prerequisite-failed: the off variation is also the closed one.
		{key: "release-widget", strategy: FailClosed, value: "false", rule: `policy.rules[0] (match "release-*")`, reason: "off variation"},
		// Off flag, fail-open: the boolean's true variation, not what the SDK serves.
		{key: "checkout-api", strategy: FailOpen, value: "true", rule: `policy.rules[1] (match "checkout-*")`, reason: "true variation", differs: true},
		// Prerequisite chain: fail-open is still the true variation.
		{key: "checkout-express", strategy: FailOpen, value: "true", rule: `policy.rules[1] (match "checkout-*")`},
		{key: "keystone-checkout", strategy: Dynamic, value: "", rule: `policy.rules[2] (match "*-checkout")`, reason: "dynamic"},
		// No off variation: fail-closed has no value, and says the code's fallback is served.
		{key: "no-off-flag", strategy: FailClosed, value: "", rule: `policy.rules[3] (match "no-off-*")`, reason: "no off variation: turned off it serves the code's fallback"},
		{key: "sunset-banner", strategy: FailClosed, value: "", rule: `policy.rules[4] (match "sunset-*")`, reason: "no off variation"},
		// Multivariate, default rule a single variation: its value.
		{key: "pricing-banner-text", strategy: FailOpen, value: `""`, rule: `policy.rules[5] (match "*-text", kind multivariate)`, reason: "default rule serves"},
		// Multivariate, default rule a rollout: refused, safest kept.
		{key: "search-ranking-v3", strategy: Safest, value: `"control"`, problem: "percentage rollout has no single on value"},
		// kind boolean matches loyalty-*; prerequisite-failed flag fails open to true.
		{key: "loyalty-points-v2", strategy: FailOpen, value: "true", rule: `policy.rules[7] (match "loyalty-*", kind boolean)`, differs: true},
		// Per-flag entries win over rules (new-checkout-flow also matches nothing else, checkout-* does not match it).
		{key: "new-checkout-flow", strategy: FailClosed, value: "false", rule: "policy.flags.new-checkout-flow", differs: true},
		{key: "max-upload-mb", strategy: Fixed, value: "100", rule: "policy.flags.max-upload-mb", reason: "fixes", differs: true},
		{key: "ui-theme", strategy: FailOpen, value: `{"accent":"#0055ff","mode":"light"}`, rule: "policy.flags.ui-theme"},
		{key: "rate-limit-rps", strategy: FailOpen, value: "200", rule: "policy.flags.rate-limit-rps", reason: "on value the policy gives", differs: true},
		{key: "log-level", strategy: Safest, value: `"info"`, rule: "policy.flags.log-level"},
		// Deleted: the SDK serves the code's fallback, fail-closed has no value.
		{key: "old-onboarding-tour", strategy: FailClosed, value: "", rule: "policy.flags.old-onboarding-tour", reason: "deleted"},
		// A prerequisite cycle: fail-open is still true for a boolean.
		{key: "cycle-a", strategy: FailOpen, value: "true", rule: "policy.flags.cycle-a", differs: true},
	} {
		t.Run(tc.key, func(t *testing.T) {
			d, ok := ds.Get(tc.key)
			if !ok {
				t.Fatal("no decision")
			}
			got := ""
			if d.HasValue {
				got = string(fallback.ValueJSON(d.Value))
			}
			if d.Strategy != tc.strategy || got != tc.value {
				t.Errorf("got %s %q, want %s %q (%s)", d.Strategy, got, tc.strategy, tc.value, d.Reason)
			}
			if tc.rule != "" && d.Rule != tc.rule {
				t.Errorf("rule %q, want %q", d.Rule, tc.rule)
			}
			if !strings.Contains(d.Reason, tc.reason) {
				t.Errorf("reason %q, want it to contain %q", d.Reason, tc.reason)
			}
			if tc.problem == "" && d.Problem != "" || !strings.Contains(d.Problem, tc.problem) {
				t.Errorf("problem %q, want %q", d.Problem, tc.problem)
			}
			if d.Differs() != tc.differs {
				t.Errorf("Differs() = %v", d.Differs())
			}
		})
	}
	if len(ds.List) != len(fallback.Resolve(p).Answers) {
		t.Errorf("%d decisions", len(ds.List))
	}
	d, _ := ds.Get("new-checkout-flow")
	if d.Rationale != "New feature not yet validated in production." || d.Line == 0 {
		t.Errorf("rationale %q line %d", d.Rationale, d.Line)
	}
	want := `policy.rules[6] (match "search-ranking-*", kind multivariate) (fail-open) cannot be applied to 1 flag (search-ranking-v3): a multivariate flag whose default rule is a percentage rollout has no single on value: give the entry a value; they keep the safest fallback`
	if strings.Join(warnings, "\n") != want {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(warnings, "\n"), want)
	}
}

func TestDecideFirstMatchWins(t *testing.T) {
	p := demo(t)
	ds, _, err := decide(t, `
policy:
  rules:
    - {match: "checkout-*", strategy: fail-open}
    - {match: "checkout-api", strategy: dynamic}
    - {match: "*", strategy: fail-closed}
`, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]Strategy{"checkout-api": FailOpen, "ui-theme": FailClosed, "beta-program": FailClosed} {
		if d, _ := ds.Get(key); d.Strategy != want {
			t.Errorf("%s: %s, want %s (%s)", key, d.Strategy, want, d.Rule)
		}
	}
}

func TestDecideEntryErrors(t *testing.T) {
	p := demo(t)
	for _, tc := range []struct{ name, pol, want string }{
		{"fixed value of the wrong type", `{flags: {max-upload-mb: {value: "big"}}}`,
			`policy.flags.max-upload-mb (line 1): cannot be applied to flag "max-upload-mb": the value "big" is a string, the flag's variations are a number`},
		{"fail-open on a multivariate rollout", `{flags: {rate-limit-rps: fail-open}}`,
			`policy.flags.rate-limit-rps (line 1): cannot be applied to flag "rate-limit-rps": a multivariate flag whose default rule is a percentage rollout has no single on value: give the entry a value`},
		{"fail-open value of the wrong type", `{flags: {checkout-api: {strategy: fail-open, value: 1}}}`,
			`policy.flags.checkout-api (line 1): cannot be applied to flag "checkout-api": the value 1 is a number, the flag's variations are a bool`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := decide(t, "policy: "+tc.pol, p, nil)
			var pe *Error
			if !errors.As(err, &pe) || err.Error() != tc.want || pe.ExitCode() != 2 {
				t.Fatalf("error %v\nwant %s", err, tc.want)
			}
		})
	}
}

func TestDecideRuleWrongType(t *testing.T) {
	// A rule's fixed value that does not fit a matched flag: a warning, the flag keeps its safest value.
	ds, warnings, err := decide(t, `policy: {rules: [{match: "max-*", value: true}]}`, demo(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := ds.Get("max-upload-mb")
	if d.Strategy != Safest || d.Value.JSONString() != "250" || !strings.Contains(d.Problem, "the value true is a bool") {
		t.Errorf("%+v", d)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], `policy.rules[0] (match "max-*") (value) cannot be applied to 1 flag (max-upload-mb)`) {
		t.Errorf("warnings %q", warnings)
	}
}

func TestDecideMetadata(t *testing.T) {
	p := demo(t)
	const pol = `
policy:
  rules:
    - {tag: ops, strategy: fail-open}
    - {temporary: true, strategy: fail-closed}
  flags:
    not-a-flag: dynamic
`
	// An SDK payload carries no metadata: the rules match nothing, and one warning says so.
	ds, warnings, err := decide(t, pol, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds.List {
		if d.Matched() {
			t.Errorf("%s matched %s without metadata", d.Key, d.Rule)
		}
	}
	want := []string{
		`policy.rules[0] (tag "ops"), policy.rules[1] (temporary true) select by tag or temporary, which an SDK payload does not carry: they match no flag (use the REST API source, --api-token)`,
		`policy.flags has 1 entry for flags not in the payload: not-a-flag`,
	}
	if strings.Join(warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s", strings.Join(warnings, "\n"))
	}
	// With metadata (as the REST API source gives it).
	meta := flagmeta.Set{
		"cache-optimization-v2": {Key: "cache-optimization-v2", Known: true, Tags: []string{"ops", "perf"}},
		"experimental-feature":  {Key: "experimental-feature", Known: true, Temporary: true},
		"mobile-nav-v2":         {Key: "mobile-nav-v2", Known: true, Temporary: false},
		"holiday-promo-banner":  {Key: "holiday-promo-banner", Temporary: true}, // not Known: ignored
	}
	ds, warnings, err = decide(t, pol, p, meta)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Strategy{}
	for _, d := range ds.List {
		if d.Matched() {
			got[d.Key] = d.Strategy
		}
	}
	if len(got) != 2 || got["cache-optimization-v2"] != FailOpen || got["experimental-feature"] != FailClosed {
		t.Errorf("matched %v", got)
	}
	if len(warnings) != 1 {
		t.Errorf("warnings %q", warnings)
	}
}

func TestKindFromMeta(t *testing.T) {
	// The REST API's kind wins over the variations' types (a boolean-valued multivariate flag).
	p := demo(t)
	meta := flagmeta.Set{"checkout-api": {Key: "checkout-api", Known: true, Kind: KindMultivariate}}
	ds, _, err := decide(t, `policy: {rules: [{kind: multivariate, match: "checkout-api", strategy: dynamic}]}`, p, meta)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := ds.Get("checkout-api"); d.Strategy != Dynamic {
		t.Errorf("%+v", d)
	}
}
