package check

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/payload"
	"github.com/ldfallback/ldfallback/policy"
	"github.com/ldfallback/ldfallback/scanner"
)

// TestPolicy: with a policy, literals are compared with the documented
// intent, a stale finding names the entry and its rationale (and says when
// the intent is an exception to the safest fallback), dynamic flags are not
// compared, and entries due for review are findings on the config file.
func TestPolicy(t *testing.T) {
	data, err := os.ReadFile("../testdata/demo/flags.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := payload.ParseLean(data, "demo")
	if err != nil {
		t.Fatal(err)
	}
	res := fallback.Resolve(p)
	cfg, err := config.Parse([]byte(`
policy:
  rules:
    - {match: "release-*", strategy: fail-closed}
    - {match: "*-checkout", strategy: dynamic}
  flags:
    cache-optimization-v2:
      strategy: fail-open
      rationale: Failing closed would cause a significant performance degradation.
      review: 2026-01-15
    checkout-api:
      strategy: fail-open
      rationale: Checkout must stay up.
      review: 2027-01-01
    max-upload-mb: {value: 100, version: 6}
`))
	if err != nil {
		t.Fatal(err)
	}
	ds, _, err := cfg.Policy.Decide(policy.Input{Result: res, Payload: p})
	if err != nil {
		t.Fatal(err)
	}
	scan := &scanner.Result{Calls: []scanner.Call{
		// An exception honoured: checkout-api is off (safest false) but fails open.
		call("a.go", 1, "BoolVariation", "checkout-api", "true", scanner.TypeBool),
		// The exception ignored: stale against the intent, the message gives the rationale.
		call("a.go", 2, "BoolVariation", "checkout-api", "false", scanner.TypeBool),
		// Intent and safest agree here (true), the code does not.
		call("a.go", 3, "BoolVariation", "cache-optimization-v2", "false", scanner.TypeBool),
		// dynamic: whatever the literal, no stale finding.
		call("a.go", 4, "BoolVariation", "keystone-checkout", "false", scanner.TypeBool),
		// A fixed value; the safest (250) would be stale, the policy's is not.
		call("a.go", 5, "IntVariation", "max-upload-mb", "100", scanner.TypeNumber),
		// fail-closed (off variation false) for a prerequisite-failed flag.
		call("a.go", 6, "BoolVariation", "release-widget", "true", scanner.TypeBool),
		// No rule: the safest fallback, as without a policy.
		call("a.go", 7, "BoolVariation", "beta-program", "true", scanner.TypeBool),
		// Read from fallback-config.json, which holds the safest (false), not the intent.
		fromConfig(call("b.go", 1, "flag", "checkout-api", "", scanner.TypeBool)),
	}}
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	rep := Check(res, scan, Options{
		Payload:             p,
		Policy:              map[string]*policy.Decisions{"": ds},
		PolicyDue:           cfg.Policy.Due(now, p),
		PolicyFile:          ".ldfallback.yaml",
		FallbackConfig:      map[string]json.RawMessage{"checkout-api": json.RawMessage("false")},
		FallbackConfigLines: map[string]int{"checkout-api": 2},
	})
	var got []string
	for _, f := range rep.Findings {
		pol := ""
		if f.Policy != nil {
			pol = " [" + string(f.Policy.Strategy) + " " + f.Policy.Rule + " " + f.Policy.Review + "]"
		}
		got = append(got, f.File+":"+itoa(f.Line)+" "+string(f.Kind)+" "+string(f.Severity)+pol+": "+f.Message)
	}
	want := []string{
		".ldfallback.yaml:7 review-due warning [fail-open policy.flags.cache-optimization-v2 2026-01-15]: The review date 2026-01-15 of policy.flags.cache-optimization-v2 (fail-open: \"Failing closed would cause a significant performance degradation.\") has come: review the fallback and set a new date.",
		".ldfallback.yaml:15 review-due warning [value policy.flags.max-upload-mb ]: The targeting of `max-upload-mb` changed since the intent was written: policy.flags.max-upload-mb records version 6, the payload has version 7; review the fallback (value) and record the new version.",
		"a.go:2 stale-fallback error [fail-open policy.flags.checkout-api 2027-01-01]: `checkout-api` fails open by policy (policy.flags.checkout-api: \"Checkout must stay up.\"), so its fallback is `true`, the value it is on with; the code falls back to `false`. (The safest fallback would be `false`: the policy makes an exception.)",
		"a.go:3 stale-fallback error [fail-open policy.flags.cache-optimization-v2 2026-01-15]: `cache-optimization-v2` fails open by policy (policy.flags.cache-optimization-v2: \"Failing closed would cause a significant performance degradation.\"), so its fallback is `true`, the value it is on with; the code falls back to `false`.",
		"a.go:6 stale-fallback error [fail-closed policy.rules[0] (match \"release-*\") ]: `release-widget` fails closed by policy (policy.rules[0] (match \"release-*\")), so its fallback is the off variation `false`; the code falls back to `true`.",
		"a.go:7 stale-fallback error: `beta-program` serves different variations to different contexts, so the safest fallback is its off variation `false`; the code falls back to `true`.",
		"fallback-config.json:2 stale-fallback error [fail-open policy.flags.checkout-api 2027-01-01]: `checkout-api` fails open by policy (policy.flags.checkout-api: \"Checkout must stay up.\"), so its fallback is `true`, the value it is on with; fallback-config.json has `false`. (The safest fallback would be `false`: the policy makes an exception.) Regenerate fallback-config.json with `ldfallback generate`.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Without a policy the same calls are judged by the safest fallback.
	rep = Check(res, scan, Options{Payload: p})
	stale := map[int]bool{}
	for _, f := range rep.Findings {
		if f.Kind == KindStaleFallback && f.File == "a.go" {
			stale[f.Line] = true
		}
	}
	for _, line := range []int{1, 3, 4, 5, 6, 7} {
		if !stale[line] {
			t.Errorf("without a policy a.go:%d is stale", line)
		}
	}
	if stale[2] {
		t.Errorf("without a policy a.go:2 agrees with the safest fallback")
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
