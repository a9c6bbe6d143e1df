package policy

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"

	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/flagmeta"
	"github.com/ldfallback/ldfallback/payload"
)

// Decision is the policy's answer for one flag.
type Decision struct {
	Key      string
	Strategy Strategy
	// Value is what the code should fall back to; HasValue is false for
	// dynamic, and when the strategy gives no value for this flag (no off
	// variation, no safe value, a deleted flag).
	Value    ldvalue.Value
	HasValue bool
	// Rationale and Review come from the entry that decided ("" and zero
	// when none did).
	Rationale string
	Review    time.Time
	// Version is the flag version recorded with the intent (nil when none).
	Version *int
	// Rule names the rule or per-flag entry that decided, for messages
	// ("" when none matched: the default, safest).
	Rule string
	// Line is that entry's line in the config file (0 when none).
	Line int
	// Reason says in words where Value comes from.
	Reason string
	// Problem is set when the matched rule could not be applied to this flag
	// (Strategy is then safest): the warning says why.
	Problem string
	// Safest is the resolver's answer, whatever the policy says.
	Safest fallback.Answer
}

// Matched says whether a rule or per-flag entry decided (not the default).
func (d *Decision) Matched() bool { return d.Rule != "" }

// Differs says whether the decision's value is not the safest fallback: a
// documented exception to ldfallback's own rule.
func (d *Decision) Differs() bool {
	if d.Strategy == Dynamic {
		return false
	}
	if d.HasValue != d.Safest.HasValue {
		return true
	}
	return d.HasValue && !d.Value.Equal(d.Safest.Value)
}

// Decisions holds every flag's decision, sorted by key.
type Decisions struct {
	List  []Decision
	byKey map[string]int
}

// Get returns the decision for a flag key.
func (ds *Decisions) Get(key string) (*Decision, bool) {
	if ds == nil {
		return nil, false
	}
	i, ok := ds.byKey[key]
	if !ok {
		return nil, false
	}
	return &ds.List[i], true
}

// Error is a per-flag entry that cannot be applied to its flag (a fixed
// value of the wrong type, fail-open with no definable on value): the user
// named the flag, so this is bad config (exit 2), not a warning.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// ExitCode is the process exit code for this error.
func (e *Error) ExitCode() int { return 2 }

// Input is what Decide reads besides the policy.
type Input struct {
	// Result is the resolver's answers for Payload.
	Result *fallback.Result
	// Payload is the flags the answers came from (variations, off and
	// fallthrough variations, versions).
	Payload *payload.Payload
	// Meta is the flags' REST API metadata (nil for an SDK payload: rules
	// selecting by tag or temporary then match nothing, and a warning says so).
	Meta flagmeta.Set
}

// Decide applies the policy to every flag of in.Result. Warnings are
// sentences for stderr: rules that could not be applied to a flag they
// matched (the flag keeps its safest fallback), rules that select by
// metadata the source does not carry, entries for flags not in the payload.
// An error is returned for a per-flag entry that cannot be applied.
func (p *Policy) Decide(in Input) (*Decisions, []string, error) {
	if p == nil {
		p = &Policy{}
	}
	res := in.Result
	ds := &Decisions{List: make([]Decision, 0, len(res.Answers)), byKey: make(map[string]int, len(res.Answers))}
	refused := map[int][]string{} // rule index -> flags it could not be applied to
	refusedWhy := map[int]string{}
	var errs []string
	for _, a := range res.Answers {
		f := flagOf(in.Payload, a.Key)
		meta, known := in.Meta.Of(a.Key)
		d := Decision{Key: a.Key, Safest: a}
		var e *Entry
		rule := -1
		if fe, ok := p.Flags[a.Key]; ok {
			e = fe
		} else {
			for i := range p.Rules {
				if p.Rules[i].matches(a.Key, f, meta, known) {
					e, rule = &p.Rules[i].Entry, i
					break
				}
			}
		}
		if e == nil {
			d.Strategy = Safest
			d.Value, d.HasValue = a.Value, a.HasValue
			d.Reason = "the safest fallback (no policy rule matches)"
			ds.add(d)
			continue
		}
		d.Strategy, d.Rationale, d.Review, d.Version, d.Rule, d.Line = e.Strategy, e.Rationale, e.Review, e.Version, e.Label, e.Line
		val, ok, why, problem := apply(e, a, f)
		if problem != "" {
			if rule < 0 {
				errs = append(errs, fmt.Sprintf("%s (line %d): cannot be applied to flag %q: %s", e.Label, e.Line, a.Key, problem))
				continue
			}
			refused[rule] = append(refused[rule], a.Key)
			if refusedWhy[rule] == "" {
				refusedWhy[rule] = problem
			}
			d.Problem = fmt.Sprintf("%s (%s) cannot be applied to %s: %s; it keeps the safest fallback", e.Label, e.Strategy, a.Key, problem)
			d.Strategy = Safest
			val, ok, why = a.Value, a.HasValue, "the safest fallback: the matching rule cannot be applied"
		}
		d.Value, d.HasValue, d.Reason = val, ok, why
		ds.add(d)
	}
	if len(errs) > 0 {
		return nil, nil, &Error{Msg: strings.Join(errs, "; ")}
	}
	var warnings []string
	for i := range p.Rules {
		if keys := refused[i]; len(keys) > 0 {
			warnings = append(warnings, fmt.Sprintf("%s (%s) cannot be applied to %d flag%s (%s): %s; they keep the safest fallback",
				p.Rules[i].Label, p.Rules[i].Strategy, len(keys), plural(len(keys)), someKeys(keys), refusedWhy[i]))
		}
	}
	if len(in.Meta) == 0 {
		var meta []string
		for i := range p.Rules {
			if p.Rules[i].needsMeta() {
				meta = append(meta, p.Rules[i].Label)
			}
		}
		if len(meta) > 0 {
			warnings = append(warnings, fmt.Sprintf("%s select%s by tag or temporary, which an SDK payload does not carry: %s no flag (use the REST API source, --api-token)",
				strings.Join(meta, ", "), plural2(len(meta), "s", ""), plural2(len(meta), "it matches", "they match")))
		}
	}
	var missing []string
	for _, k := range p.FlagKeys() {
		if _, ok := res.Get(k); !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		warnings = append(warnings, fmt.Sprintf("policy.flags has %d entr%s for flags not in the payload: %s", len(missing), plural2(len(missing), "y", "ies"), someKeys(missing)))
	}
	return ds, warnings, nil
}

func (ds *Decisions) add(d Decision) {
	ds.byKey[d.Key] = len(ds.List)
	ds.List = append(ds.List, d)
}

// flagOf is the flag's definition: a live flag, else a deleted one (nil when neither).
func flagOf(p *payload.Payload, key string) *ldmodel.FeatureFlag {
	if p == nil {
		return nil
	}
	if f := p.Flags[key]; f != nil {
		return f
	}
	return p.Deleted[key]
}

// KindOf is "boolean" when every variation is a bool (what LaunchDarkly
// calls a boolean flag), "multivariate" otherwise; "" for no definition.
func KindOf(f *ldmodel.FeatureFlag) string {
	if f == nil || len(f.Variations) == 0 {
		return ""
	}
	for _, v := range f.Variations {
		if !v.IsBool() {
			return KindMultivariate
		}
	}
	return KindBoolean
}

func (r *Rule) matches(key string, f *ldmodel.FeatureFlag, meta flagmeta.Meta, known bool) bool {
	if r.Match != "" {
		if ok, _ := path.Match(r.Match, key); !ok {
			return false
		}
	}
	if r.needsMeta() {
		if !known {
			return false
		}
		if r.Tag != "" && !slices.Contains(meta.Tags, r.Tag) {
			return false
		}
		if r.Temporary != nil && meta.Temporary != *r.Temporary {
			return false
		}
	}
	if r.Kind != "" {
		kind := KindOf(f)
		if known && meta.Kind != "" {
			kind = meta.Kind
		}
		if kind != r.Kind {
			return false
		}
	}
	return true
}

// apply works out an entry's value for one flag. problem is set when the
// entry cannot be applied to it.
func apply(e *Entry, a fallback.Answer, f *ldmodel.FeatureFlag) (val ldvalue.Value, ok bool, why, problem string) {
	deleted := a.Deleted || f == nil
	switch e.Strategy {
	case Safest:
		return a.Value, a.HasValue, "the safest fallback", ""
	case Dynamic:
		return ldvalue.Null(), false, "dynamic: the code computes its fallback, so it is not compared", ""
	case Fixed:
		if p := typeProblem(e.Value, f); p != "" {
			return ldvalue.Null(), false, "", p
		}
		return e.Value, true, "the value the policy fixes", ""
	case FailClosed:
		if deleted {
			return ldvalue.Null(), false, "the flag is deleted: the SDK serves the code's fallback to every context, so the payload names no value", ""
		}
		off, defined := f.OffVariation.Get()
		if !defined || off < 0 || off >= len(f.Variations) {
			return ldvalue.Null(), false, "the flag has no off variation: turned off it serves the code's fallback, so the payload names no closed value (give the entry a value to name one)", ""
		}
		return f.Variations[off], true, fmt.Sprintf("the off variation (variation %d)", off), ""
	case FailOpen:
		if e.HasValue {
			if p := typeProblem(e.Value, f); p != "" {
				return ldvalue.Null(), false, "", p
			}
			return e.Value, true, "the on value the policy gives", ""
		}
		if deleted {
			return ldvalue.Null(), false, "the flag is deleted: the SDK serves the code's fallback to every context, so the payload names no value", ""
		}
		if KindOf(f) == KindBoolean {
			for i, v := range f.Variations {
				if v.BoolValue() {
					return v, true, fmt.Sprintf("the boolean flag's true variation (variation %d)", i), ""
				}
			}
			return ldvalue.Null(), false, "", "the boolean flag has no true variation"
		}
		if ft, defined := f.Fallthrough.Variation.Get(); defined { // a defined variation wins over a rollout, as in the evaluator
			if ft >= 0 && ft < len(f.Variations) {
				return f.Variations[ft], true, fmt.Sprintf("the variation the default rule serves when the flag is on (variation %d)", ft), ""
			}
			return ldvalue.Null(), false, "", fmt.Sprintf("the default rule's variation %d does not exist", ft)
		}
		return ldvalue.Null(), false, "", "a multivariate flag whose default rule is a percentage rollout has no single on value: give the entry a value"
	}
	return ldvalue.Null(), false, "", fmt.Sprintf("unknown strategy %q", e.Strategy)
}

// typeProblem checks a fixed value against the flag's variations: the SDK
// returns the fallback with WRONG_TYPE when a typed method gets another type.
func typeProblem(v ldvalue.Value, f *ldmodel.FeatureFlag) string {
	if f == nil || len(f.Variations) == 0 {
		return ""
	}
	want := typeOf(v)
	var have []string
	for _, fv := range f.Variations {
		t := typeOf(fv)
		if t == want {
			return ""
		}
		if !slices.Contains(have, t) {
			have = append(have, t)
		}
	}
	return fmt.Sprintf("the value %s is %s, the flag's variations are %s", v.JSONString(), want, strings.Join(have, " and "))
}

func typeOf(v ldvalue.Value) string {
	switch v.Type() {
	case ldvalue.BoolType:
		return "a bool"
	case ldvalue.StringType:
		return "a string"
	case ldvalue.NumberType:
		return "a number"
	case ldvalue.ObjectType, ldvalue.ArrayType:
		return "JSON"
	}
	return "null"
}

func plural(n int) string { return plural2(n, "", "s") }

func plural2(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// someKeys names up to five keys and counts the rest.
func someKeys(keys []string) string {
	if len(keys) <= 5 {
		return strings.Join(keys, ", ")
	}
	return strings.Join(keys[:5], ", ") + fmt.Sprintf(" and %d more", len(keys)-5)
}
