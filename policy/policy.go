package policy

import (
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
	"gopkg.in/yaml.v3"
)

// Strategy is how a flag's fallback is chosen. The strings are part of the
// config file and of explain/check JSON.
type Strategy string

const (
	// Safest is ldfallback's own rule (README "How the safest fallback is
	// decided"); the default for a flag no rule matches.
	Safest Strategy = "safest"
	// FailClosed is the flag's off variation: what the SDK serves when the
	// flag is turned off.
	FailClosed Strategy = "fail-closed"
	// FailOpen is the variation the feature is on with: `true` for a
	// boolean flag; for a multivariate flag the entry's `value`, else the
	// variation its default rule (fallthrough) serves when that is a single
	// variation, not a rollout.
	FailOpen Strategy = "fail-open"
	// Dynamic: the code computes its fallback; check does not compare it.
	Dynamic Strategy = "dynamic"
	// Fixed is an entry's explicit `value`.
	Fixed Strategy = "value"
)

var strategies = map[Strategy]bool{Safest: true, FailClosed: true, FailOpen: true, Dynamic: true, Fixed: true}

// Kinds of flag a rule can select, as the REST API names them.
const (
	KindBoolean      = "boolean"
	KindMultivariate = "multivariate"
)

// Entry is what a rule or a per-flag entry says about the flags it applies to.
type Entry struct {
	Strategy Strategy
	// Value is the entry's `value` (set when HasValue): the fixed fallback,
	// or a multivariate flag's fail-open value.
	Value    ldvalue.Value
	HasValue bool
	// Rationale says why, in the team's words.
	Rationale string
	// Review is the date to review the entry (zero when none), midnight UTC.
	Review time.Time
	// Version is the flag's payload version when the intent was written
	// (per-flag entries only); nil when not recorded.
	Version *int
	// Line is the entry's line in the config file (1-based).
	Line int
	// Label names the entry in messages: `policy.rules[0] (match "release-*")`
	// or `policy.flags.enable-caching`.
	Label string
}

// Rule selects flags by key glob, tag, temporary/permanent and kind; every
// selector given must match.
type Rule struct {
	Entry
	// Match is a glob on the flag key (path.Match syntax: *, ?, [a-z]).
	Match string
	// Tag selects flags carrying this tag (REST API metadata).
	Tag string
	// Temporary selects temporary (true) or permanent (false) flags (REST API metadata).
	Temporary *bool
	// Kind is "boolean" or "multivariate".
	Kind string
}

// needsMeta says whether the rule selects by metadata that only the REST
// API reports.
func (r *Rule) needsMeta() bool { return r.Tag != "" || r.Temporary != nil }

// Policy is the `policy:` section of the config file.
type Policy struct {
	Rules []Rule
	// Flags holds the per-flag entries by key.
	Flags map[string]*Entry
	// Line is where the section starts (0 when absent).
	Line int
}

// Empty says whether the policy says nothing (every flag gets safest).
func (p *Policy) Empty() bool { return p == nil || (len(p.Rules) == 0 && len(p.Flags) == 0) }

// FlagKeys returns the keys of the per-flag entries, sorted.
func (p *Policy) FlagKeys() []string {
	keys := make([]string, 0, len(p.Flags))
	for k := range p.Flags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// DateLayout is the review date format.
const DateLayout = "2006-01-02"

// UnmarshalYAML reads the section from its node. It checks field names
// itself: yaml.v3 does not apply the decoder's KnownFields below a custom
// unmarshaler, and every error should name the rule or flag it is about.
func (p *Policy) UnmarshalYAML(n *yaml.Node) error {
	p.Line = n.Line
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: policy: want a mapping with rules and flags", n.Line)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			return fmt.Errorf("line %d: policy.%s: given twice", k.Line, k.Value)
		}
		seen[k.Value] = true
		switch k.Value {
		case "rules":
			if err := p.readRules(v); err != nil {
				return err
			}
		case "flags":
			if err := p.readFlags(v); err != nil {
				return err
			}
		default:
			return fmt.Errorf("line %d: policy: unknown field %q (want rules or flags)", k.Line, k.Value)
		}
	}
	return nil
}

func (p *Policy) readRules(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return fmt.Errorf("line %d: policy.rules: want a list of rules", n.Line)
	}
	for i, rn := range n.Content {
		r, err := readRule(rn, i)
		if err != nil {
			return err
		}
		p.Rules = append(p.Rules, r)
	}
	return nil
}

func (p *Policy) readFlags(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: policy.flags: want a mapping of flag key to entry", n.Line)
	}
	p.Flags = map[string]*Entry{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return fmt.Errorf("line %d: policy.flags: a flag key must be a string", k.Line)
		}
		label := "policy.flags." + k.Value
		if _, dup := p.Flags[k.Value]; dup {
			return fmt.Errorf("line %d: %s: given twice", k.Line, label)
		}
		e := &Entry{Label: label, Line: k.Line}
		if v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
			// Shorthand: `enable-caching: fail-open`.
			e.Strategy = Strategy(v.Value)
		} else if err := readEntry(v, e, nil); err != nil {
			return err
		}
		if err := e.finish(); err != nil {
			return fmt.Errorf("line %d: %s: %v", e.Line, label, err)
		}
		p.Flags[k.Value] = e
	}
	return nil
}

func readRule(n *yaml.Node, i int) (Rule, error) {
	r := Rule{Entry: Entry{Line: n.Line, Label: fmt.Sprintf("policy.rules[%d]", i)}}
	if n.Kind != yaml.MappingNode {
		return r, fmt.Errorf("line %d: %s: want a mapping such as {match: \"release-*\", strategy: fail-closed}", n.Line, r.Label)
	}
	// The selectors first, so that every later error names the rule by them.
	selectors := map[string]func(v *yaml.Node) error{
		"match": func(v *yaml.Node) error {
			if err := scalarString(v, &r.Match); err != nil {
				return err
			}
			if _, err := path.Match(r.Match, ""); err != nil || r.Match == "" {
				return fmt.Errorf("match %q is not a valid glob", r.Match)
			}
			return nil
		},
		"tag": func(v *yaml.Node) error {
			if err := scalarString(v, &r.Tag); err != nil {
				return err
			}
			if r.Tag == "" {
				return fmt.Errorf("tag is empty")
			}
			return nil
		},
		"temporary": func(v *yaml.Node) error {
			var b bool
			if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil || v.Tag != "!!bool" {
				return fmt.Errorf("temporary %q: want true or false", v.Value)
			}
			r.Temporary = &b
			return nil
		},
		"kind": func(v *yaml.Node) error {
			if err := scalarString(v, &r.Kind); err != nil {
				return err
			}
			if r.Kind != KindBoolean && r.Kind != KindMultivariate {
				return fmt.Errorf("kind %q: want boolean or multivariate", r.Kind)
			}
			return nil
		},
	}
	for j := 0; j+1 < len(n.Content); j += 2 {
		k, v := n.Content[j], n.Content[j+1]
		if sel, ok := selectors[k.Value]; ok {
			if err := sel(v); err != nil {
				return r, fmt.Errorf("line %d: %s: %v", k.Line, r.Label, err)
			}
		}
	}
	r.Label = ruleLabel(i, &r)
	if err := readEntry(n, &r.Entry, selectors); err != nil {
		return r, err
	}
	if r.Match == "" && r.Tag == "" && r.Temporary == nil && r.Kind == "" {
		return r, fmt.Errorf("line %d: %s: selects nothing: give match, tag, temporary or kind (match: \"*\" for every flag)", r.Line, r.Label)
	}
	if r.Version != nil {
		return r, fmt.Errorf("line %d: %s: version belongs to a per-flag entry (policy.flags.KEY): a rule covers flags with different versions", r.Line, r.Label)
	}
	if err := r.finish(); err != nil {
		return r, fmt.Errorf("line %d: %s: %v", r.Line, r.Label, err)
	}
	return r, nil
}

// ruleLabel names a rule by its index and selectors.
func ruleLabel(i int, r *Rule) string {
	var sel []string
	if r.Match != "" {
		sel = append(sel, "match "+strconv.Quote(r.Match))
	}
	if r.Tag != "" {
		sel = append(sel, "tag "+strconv.Quote(r.Tag))
	}
	if r.Temporary != nil {
		sel = append(sel, "temporary "+strconv.FormatBool(*r.Temporary))
	}
	if r.Kind != "" {
		sel = append(sel, "kind "+r.Kind)
	}
	if len(sel) == 0 {
		return fmt.Sprintf("policy.rules[%d]", i)
	}
	return fmt.Sprintf("policy.rules[%d] (%s)", i, strings.Join(sel, ", "))
}

// readEntry reads the entry fields of a mapping; skip names fields read by
// the caller (a rule's selectors). Any other field is an error.
func readEntry(n *yaml.Node, e *Entry, skip map[string]func(*yaml.Node) error) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: %s: want a strategy name or a mapping with strategy, value, rationale, review, version", n.Line, e.Label)
	}
	seen := map[string]bool{}
	for j := 0; j+1 < len(n.Content); j += 2 {
		k, v := n.Content[j], n.Content[j+1]
		fail := func(format string, args ...any) error {
			return fmt.Errorf("line %d: %s: %s", k.Line, e.Label, fmt.Sprintf(format, args...))
		}
		if seen[k.Value] {
			return fail("%s given twice", k.Value)
		}
		seen[k.Value] = true
		if _, ok := skip[k.Value]; ok {
			continue
		}
		switch k.Value {
		case "strategy":
			var s string
			if err := scalarString(v, &s); err != nil {
				return fail("%v", err)
			}
			e.Strategy = Strategy(s)
		case "value":
			val, err := yamlValue(v)
			if err != nil {
				return fail("value: %v", err)
			}
			e.Value, e.HasValue = val, true
		case "rationale":
			if err := scalarString(v, &e.Rationale); err != nil {
				return fail("%v", err)
			}
		case "review":
			d, err := time.Parse(DateLayout, v.Value)
			if v.Kind != yaml.ScalarNode || err != nil {
				return fail("review %q is not a date (YYYY-MM-DD)", v.Value)
			}
			e.Review = d
		case "version":
			var ver int
			if v.Kind != yaml.ScalarNode || v.Tag != "!!int" || v.Decode(&ver) != nil || ver < 0 {
				return fail("version %q: want the flag's payload version, a whole number", v.Value)
			}
			e.Version = &ver
		default:
			if skip != nil {
				return fail("unknown field %q (want match, tag, temporary, kind, strategy, value, rationale, review)", k.Value)
			}
			return fail("unknown field %q (want strategy, value, rationale, review, version)", k.Value)
		}
	}
	return nil
}

// finish checks the strategy against the value.
func (e *Entry) finish() error {
	if e.Strategy == "" {
		e.Strategy = Safest
		if e.HasValue {
			e.Strategy = Fixed
		}
	}
	if !strategies[e.Strategy] {
		return fmt.Errorf("strategy %q: want safest, fail-closed, fail-open, dynamic or value", e.Strategy)
	}
	switch {
	case e.Strategy == Fixed && !e.HasValue:
		return fmt.Errorf("strategy value needs a value")
	case e.HasValue && e.Strategy != Fixed && e.Strategy != FailOpen:
		return fmt.Errorf("a value goes with strategy value (or fail-open, for a multivariate flag's on value), not %s", e.Strategy)
	}
	return nil
}

func scalarString(v *yaml.Node, out *string) error {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		return fmt.Errorf("want a string at line %d", v.Line)
	}
	*out = v.Value
	return nil
}

// yamlValue turns a YAML value into the flag value it stands for (through
// JSON, so a mapping becomes an object and 1.0 a number).
func yamlValue(v *yaml.Node) (ldvalue.Value, error) {
	var x any
	if v.Kind == yaml.ScalarNode && v.Tag == "!!timestamp" {
		// An unquoted 2024-01-15 is a YAML timestamp: as a flag value it is the string.
		x = v.Value
	} else if err := v.Decode(&x); err != nil {
		return ldvalue.Null(), err
	}
	if x == nil {
		return ldvalue.Null(), fmt.Errorf("null is not a flag value")
	}
	data, err := json.Marshal(jsonable(x))
	if err != nil {
		return ldvalue.Null(), fmt.Errorf("not a JSON value: %v", err)
	}
	return ldvalue.Parse(data), nil
}

// jsonable converts what yaml.v3 decodes into (map[string]any, but also
// map[any]any for non-string keys) into what encoding/json takes.
func jsonable(x any) any {
	switch t := x.(type) {
	case map[string]any:
		for k, v := range t {
			t[k] = jsonable(v)
		}
		return t
	case map[any]any:
		m := make(map[string]any, len(t))
		for k, v := range t {
			m[fmt.Sprint(k)] = jsonable(v)
		}
		return m
	case []any:
		for i, v := range t {
			t[i] = jsonable(v)
		}
		return t
	}
	return x
}
