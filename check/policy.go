package check

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/policy"
)

// PolicyRef is the policy entry a finding was judged by (check --format json
// "policy"): the documented intent, so an exception shows its reason.
type PolicyRef struct {
	Strategy  policy.Strategy `json:"strategy"`
	Rule      string          `json:"rule"`
	Rationale string          `json:"rationale,omitempty"`
	Review    string          `json:"review,omitempty"`
}

func policyRef(d *policy.Decision) *PolicyRef {
	r := &PolicyRef{Strategy: d.Strategy, Rule: d.Rule, Rationale: d.Rationale}
	if !d.Review.IsZero() {
		r.Review = d.Review.Format(policy.DateLayout)
	}
	return r
}

// policyExpect is what a policy decision expects of a literal: ok is false
// when no rule or entry decided (the safest fallback applies, as without a
// policy); has is false for dynamic and for a strategy with no value here
// (nothing is compared).
func policyExpect(d *policy.Decision) (rec json.RawMessage, has, ok bool) {
	if d == nil || !d.Matched() {
		return nil, false, false
	}
	if !d.HasValue {
		return null, false, true
	}
	return fallback.ValueJSON(d.Value), true, true
}

// policyWhy words why the policy expects rec, naming the entry and its
// rationale.
func policyWhy(key string, d *policy.Decision, rec []byte) string {
	by := d.Rule
	if d.Rationale != "" {
		by += ": " + strconv.Quote(d.Rationale)
	}
	v := compact(rec)
	switch d.Strategy {
	case policy.FailClosed:
		return fmt.Sprintf("`%s` fails closed by policy (%s), so its fallback is the off variation `%s`", key, by, v)
	case policy.FailOpen:
		return fmt.Sprintf("`%s` fails open by policy (%s), so its fallback is `%s`, the value it is on with", key, by, v)
	case policy.Fixed:
		return fmt.Sprintf("the policy fixes the fallback of `%s` at `%s` (%s)", key, v, by)
	}
	return fmt.Sprintf("by policy (%s) `%s` takes the safest fallback: %s", by, key, why(key, d.Safest, rec))
}

// policyStaleMessage explains a literal that disagrees with the documented
// intent. When the intent is not the safest fallback, the message says so:
// the exception is deliberate, and its reason is right there.
func policyStaleMessage(key string, d *policy.Decision, rec, got []byte, implicit bool, source string) string {
	code := fmt.Sprintf("the code falls back to `%s`", compact(got))
	if source != "" {
		code = fmt.Sprintf("%s has `%s`", source, compact(got))
	}
	if implicit {
		code = fmt.Sprintf("the call passes no fallback, so the SDK's default `%s` applies", compact(got))
	}
	msg := capitalize(fmt.Sprintf("%s; %s.", policyWhy(key, d, rec), code))
	if d.Differs() && d.Safest.HasValue {
		msg += fmt.Sprintf(" (The safest fallback would be `%s`: the policy makes an exception.)", compact(fallback.ValueJSON(d.Safest.Value)))
	}
	return msg
}

// reviewDueFinding is a policy entry to review, on its line of the config file.
func reviewDueFinding(file string, d policy.Due) Finding {
	what := d.Review.Format(policy.DateLayout)
	if d.Review.IsZero() {
		what = "version " + strconv.Itoa(d.Recorded)
	}
	line := d.Line
	if line == 0 {
		line = 1
	}
	f := Finding{Kind: KindReviewDue, File: file, Line: line, Column: 1, Key: d.Key,
		Fallback: null, Recommended: null, Message: d.Message,
		Policy: &PolicyRef{Strategy: d.Strategy, Rule: d.Label, Rationale: d.Rationale}}
	if !d.Review.IsZero() {
		f.Policy.Review = what
	}
	// Two rules due the same day differ by label, not by key.
	f.Fingerprint = fingerprint(KindReviewDue, file, d.Label, []byte(strconv.Quote(what)))
	return f
}
