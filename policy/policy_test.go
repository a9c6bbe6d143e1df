package policy

import (
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

func parse(t *testing.T, src string) (*Policy, error) {
	t.Helper()
	var doc struct {
		Policy Policy `yaml:"policy"`
	}
	err := yaml.Unmarshal([]byte(src), &doc)
	return &doc.Policy, err
}

func TestParse(t *testing.T) {
	p, err := parse(t, `
policy:
  rules:
    - {match: "release-*", strategy: fail-closed}
    - match: "ops-*"
      kind: boolean
      strategy: fail-open
      rationale: Circuit breakers are on by default.
      review: 2027-01-15
    - {tag: billing, temporary: false, value: 10}
  flags:
    enable-caching:
      strategy: fail-open
      rationale: "Failing closed would degrade performance."
      review: 2026-06-01
      version: 12
    config-rate-limit: dynamic
    theme: {value: {"a": [1, "x"]}}
    date-string: {value: 2024-01-15}
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rules) != 3 || len(p.Flags) != 4 {
		t.Fatalf("got %d rules, %d flags", len(p.Rules), len(p.Flags))
	}
	r0 := p.Rules[0]
	if r0.Match != "release-*" || r0.Strategy != FailClosed || r0.Label != `policy.rules[0] (match "release-*")` || r0.Line != 4 {
		t.Errorf("rule 0: %+v", r0)
	}
	r1 := p.Rules[1]
	if r1.Kind != KindBoolean || r1.Strategy != FailOpen || r1.Rationale != "Circuit breakers are on by default." || r1.Review.Format(DateLayout) != "2027-01-15" {
		t.Errorf("rule 1: %+v", r1)
	}
	r2 := p.Rules[2]
	if r2.Strategy != Fixed || !r2.HasValue || r2.Value.JSONString() != "10" || r2.Temporary == nil || *r2.Temporary || r2.Tag != "billing" {
		t.Errorf("rule 2: %+v", r2)
	}
	if r2.Label != `policy.rules[2] (tag "billing", temporary false)` {
		t.Errorf("rule 2 label %q", r2.Label)
	}
	ec := p.Flags["enable-caching"]
	if ec.Strategy != FailOpen || ec.Version == nil || *ec.Version != 12 || ec.Label != "policy.flags.enable-caching" || ec.Line != 12 {
		t.Errorf("enable-caching: %+v", ec)
	}
	if p.Flags["config-rate-limit"].Strategy != Dynamic {
		t.Errorf("shorthand: %+v", p.Flags["config-rate-limit"])
	}
	if got := p.Flags["theme"].Value.JSONString(); got != `{"a":[1,"x"]}` {
		t.Errorf("theme value %s", got)
	}
	if got := p.Flags["date-string"].Value.JSONString(); got != `"2024-01-15"` {
		t.Errorf("an unquoted date as a value is the string, got %s", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"unknown rule field", `{rules: [{match: "a-*", stratgy: fail-closed}]}`, `line 1: policy.rules[0] (match "a-*"): unknown field "stratgy"`},
		{"unknown flag field", "flags:\n  a:\n    strategy: safest\n    reviewed: 2024-01-01\n", `line 5: policy.flags.a: unknown field "reviewed"`},
		{"unknown section field", `{rule: []}`, `policy: unknown field "rule"`},
		{"bad date", "rules:\n  - {match: x, review: 2024-13-01}\n", `line 3: policy.rules[0] (match "x"): review "2024-13-01" is not a date (YYYY-MM-DD)`},
		{"datetime is not a date", "flags:\n  a: {review: \"2024-01-01T10:00:00Z\"}\n", `policy.flags.a: review "2024-01-01T10:00:00Z" is not a date`},
		{"bad strategy", `{flags: {a: fail-opn}}`, `policy.flags.a: strategy "fail-opn": want safest, fail-closed, fail-open, dynamic or value`},
		{"value strategy without value", `{flags: {a: {strategy: value}}}`, `strategy value needs a value`},
		{"value with fail-closed", `{flags: {a: {strategy: fail-closed, value: false}}}`, `a value goes with strategy value`},
		{"null value", `{flags: {a: {value: null}}}`, `value: null is not a flag value`},
		{"no selector", `{rules: [{strategy: fail-closed}]}`, `policy.rules[0]: selects nothing`},
		{"bad glob", `{rules: [{match: "a[", strategy: fail-closed}]}`, `match "a[" is not a valid glob`},
		{"bad kind", `{rules: [{kind: bool, strategy: fail-closed}]}`, `kind "bool": want boolean or multivariate`},
		{"bad temporary", `{rules: [{temporary: yes, strategy: fail-closed}]}`, `temporary "yes": want true or false`},
		{"version on a rule", `{rules: [{match: "*", version: 3}]}`, `version belongs to a per-flag entry`},
		{"bad version", `{flags: {a: {version: "12"}}}`, `version "12": want the flag's payload version`},
		{"negative version", `{flags: {a: {version: -1}}}`, `version "-1"`},
		{"duplicate flag", "flags:\n  a: safest\n  a: dynamic\n", `policy.flags.a: given twice`},
		{"duplicate field", `{flags: {a: {strategy: safest, strategy: dynamic}}}`, `strategy given twice`},
		{"rules not a list", `{rules: {match: x}}`, `policy.rules: want a list`},
		{"not a mapping", `[1]`, `policy: want a mapping`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parse(t, "policy: "+indent(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// indent puts a block under "policy: " (flow text stays on the line).
func indent(src string) string {
	if !strings.Contains(src, "\n") {
		return src
	}
	return "\n" + "  " + strings.ReplaceAll(strings.TrimSuffix(src, "\n"), "\n", "\n  ") + "\n"
}

func TestEmpty(t *testing.T) {
	for _, src := range []string{"policy:\n", "policy: {}\n", "policy: {rules: [], flags: {}}\n", "other: 1\n"} {
		var doc struct {
			Policy Policy `yaml:"policy"`
			Other  int    `yaml:"other"`
		}
		if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if !doc.Policy.Empty() {
			t.Errorf("%q: not empty", src)
		}
	}
}

func TestDue(t *testing.T) {
	p, err := parse(t, `
policy:
  rules:
    - {match: "release-*", strategy: fail-closed, review: 2026-03-01, rationale: "new features fail closed"}
    - {match: "ops-*", strategy: fail-open, review: 2026-03-02}
  flags:
    checkout-api: {strategy: fail-closed, version: 22}
    new-checkout-flow: {strategy: fail-closed, version: 14, review: 2026-01-01}
    ui-theme: {version: 31}
`)
	if err != nil {
		t.Fatal(err)
	}
	pl := demo(t)
	// 23:30 in UTC-5 on Feb 28 is Mar 1 in UTC: the date is UTC's.
	now := time.Date(2026, 2, 28, 23, 30, 0, 0, time.FixedZone("EST", -5*3600))
	var got []string
	for _, d := range p.Due(now, pl) {
		got = append(got, d.Label+": "+d.Message)
	}
	want := []string{
		`policy.rules[0] (match "release-*"): The review date 2026-03-01 of policy.rules[0] (match "release-*") (fail-closed: "new features fail closed") has come: review the fallback and set a new date.`,
		"policy.flags.new-checkout-flow: The review date 2026-01-01 of policy.flags.new-checkout-flow (fail-closed) has come: review the fallback and set a new date.",
		"policy.flags.new-checkout-flow: The targeting of `new-checkout-flow` changed since the intent was written: policy.flags.new-checkout-flow records version 14, the payload has version 15; review the fallback (fail-closed) and record the new version.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The day before, in UTC, nothing is due by date.
	for _, d := range p.Due(time.Date(2025, 12, 31, 23, 59, 0, 0, time.UTC), pl) {
		if !d.Review.IsZero() {
			t.Errorf("due too early: %s", d.Message)
		}
	}
	if len(p.Due(now, nil)) != 2 {
		t.Errorf("without a payload only dates are compared")
	}
}
