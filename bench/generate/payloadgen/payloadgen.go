// Package payloadgen builds synthetic LaunchDarkly latest-all payloads: random
// ones for the resolver's oracle and differential tests, realistic large ones
// (1k-100k flags with prerequisite DAGs) and the shared-prerequisite diamond
// for the benchmarks. Output is deterministic for a given seed.
package payloadgen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
)

// Flag is the JSON shape of a flag as LaunchDarkly serves it (only the fields
// the generators set; the decoder under test fills the rest with defaults).
type Flag struct {
	Key                    string          `json:"key"`
	Version                int             `json:"version"`
	On                     bool            `json:"on"`
	Prerequisites          []Prerequisite  `json:"prerequisites"`
	Targets                []Target        `json:"targets"`
	ContextTargets         []Target        `json:"contextTargets"`
	Rules                  []Rule          `json:"rules"`
	Fallthrough            VarOrRollout    `json:"fallthrough"`
	OffVariation           *int            `json:"offVariation"`
	Variations             []any           `json:"variations"`
	ClientSideAvailability map[string]bool `json:"clientSideAvailability"`
	Salt                   string          `json:"salt"`
	TrackEvents            bool            `json:"trackEvents"`
	TrackEventsFallthrough bool            `json:"trackEventsFallthrough"`
	DebugEventsUntilDate   *int64          `json:"debugEventsUntilDate"`
	Deleted                bool            `json:"deleted"`
}

// Prerequisite is a flag's prerequisite.
type Prerequisite struct {
	Key       string `json:"key"`
	Variation int    `json:"variation"`
}

// Target is a target list (legacy or per context kind).
type Target struct {
	ContextKind string   `json:"contextKind,omitempty"`
	Values      []string `json:"values"`
	Variation   int      `json:"variation"`
}

// Rule is a targeting rule.
type Rule struct {
	ID      string   `json:"id"`
	Clauses []Clause `json:"clauses"`
	VarOrRollout
	TrackEvents bool `json:"trackEvents"`
}

// Clause is one condition of a rule.
type Clause struct {
	ContextKind string `json:"contextKind"`
	Attribute   string `json:"attribute"`
	Op          string `json:"op"`
	Values      []any  `json:"values"`
	Negate      bool   `json:"negate"`
}

// VarOrRollout is a fixed variation or a rollout; both nil is malformed.
type VarOrRollout struct {
	Variation *int     `json:"variation,omitempty"`
	Rollout   *Rollout `json:"rollout,omitempty"`
}

// Rollout is a percentage rollout or experiment.
type Rollout struct {
	Kind        string     `json:"kind,omitempty"`
	ContextKind string     `json:"contextKind,omitempty"`
	Seed        *int       `json:"seed,omitempty"`
	Variations  []Weighted `json:"variations"`
}

// Weighted is one bucket of a rollout (weights in 1/1000 of a percent).
type Weighted struct {
	Variation int  `json:"variation"`
	Weight    int  `json:"weight"`
	Untracked bool `json:"untracked,omitempty"`
}

// Payload is a latest-all document.
type Payload struct {
	Flags    map[string]*Flag          `json:"flags"`
	Segments map[string]map[string]any `json:"segments"`
}

// JSON encodes the payload.
func (p *Payload) JSON() []byte {
	b, err := json.Marshal(p)
	if err != nil {
		panic(err) // only plain values in here
	}
	return b
}

func ip(i int) *int { return &i }

// Attribute pools shared by the generators and the tests' context sampler,
// so that sampled contexts hit targets and clauses.
var (
	Countries = []string{"US", "CA", "GB", "DE", "FR", "JP", "IN", "BR"}
	Plans     = []string{"free", "pro", "team", "enterprise"}
	Orgs      = []string{"acme", "globex", "initech", "umbrella"}
)

// UserKey returns the i-th user key of the pool targets draw from.
func UserKey(i int) string { return fmt.Sprintf("user-%d", i) }

// UserPool is the number of distinct user keys targets use.
const UserPool = 12

// RandomOptions tunes Random.
type RandomOptions struct {
	Flags int
	// JQSafe avoids every known defect of the guide's jq program (missing,
	// deleted or cyclic prerequisites, null off variations on prerequisites,
	// out-of-range indexes, weight-0 last buckets, duplicate variation values,
	// rules without clauses, ...), so the jq program and ldfallback must agree.
	JQSafe bool
}

// Random builds a random payload exercising every part of the flag model.
func Random(seed uint64, o RandomOptions) *Payload {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := &randGen{r: r, o: o}
	p := &Payload{Flags: map[string]*Flag{}, Segments: map[string]map[string]any{
		"beta": {"key": "beta", "included": []string{UserKey(1), UserKey(2)}, "salt": "s", "version": 1},
	}}
	keys := make([]string, o.Flags)
	// Flags chosen as prerequisites must have a valid off variation in JQSafe
	// mode; decide up front which flags may be prerequisites.
	prereqOK := make([]bool, o.Flags)
	for i := range keys {
		keys[i] = fmt.Sprintf("flag-%03d", i)
		prereqOK[i] = r.IntN(4) != 0
	}
	for i := range keys {
		p.Flags[keys[i]] = g.flag(i, keys, prereqOK, p.Flags)
	}
	if !o.JQSafe && o.Flags > 3 {
		// A deleted flag that others may name as a prerequisite.
		p.Flags[keys[r.IntN(o.Flags)]].Deleted = true
	}
	return p
}

type randGen struct {
	r *rand.Rand
	o RandomOptions
}

func (g *randGen) chance(n int) bool { return g.r.IntN(n) == 0 }

func (g *randGen) variations() []any {
	n := 2 + g.r.IntN(3)
	switch g.r.IntN(4) {
	case 0:
		if n == 2 || g.chance(2) {
			return []any{true, false}
		}
		return []any{true, false, "maybe"}
	case 1:
		out := make([]any, n)
		for i := range out {
			out[i] = fmt.Sprintf("v%d", i)
		}
		if !g.o.JQSafe && g.chance(5) {
			out[n-1] = out[0] // duplicate values: index and value differ
		}
		return out
	case 2:
		out := make([]any, n)
		for i := range out {
			out[i] = float64(i*10) + 0.5*float64(i%2)
		}
		return out
	}
	out := make([]any, n)
	for i := range out {
		out[i] = map[string]any{"level": i, "tags": []any{"a", i}}
	}
	return out
}

// index returns a variation index, sometimes out of range unless JQSafe.
func (g *randGen) index(n int) int {
	if !g.o.JQSafe && g.chance(30) {
		if g.chance(2) {
			return -1
		}
		return n + g.r.IntN(2)
	}
	return g.r.IntN(n)
}

func (g *randGen) flag(i int, keys []string, prereqOK []bool, built map[string]*Flag) *Flag {
	vars := g.variations()
	nv := len(vars)
	f := &Flag{Key: keys[i], Version: 1 + g.r.IntN(50), On: !g.chance(5), Variations: vars,
		Salt: fmt.Sprintf("salt%d", i), ClientSideAvailability: map[string]bool{"usingMobileKey": false}}
	switch {
	case g.o.JQSafe && prereqOK[i]:
		f.OffVariation = ip(g.r.IntN(nv))
	case g.chance(8):
		f.OffVariation = nil
	default:
		f.OffVariation = ip(g.index(nv))
	}
	// Prerequisites: mostly on earlier flags (a DAG); without JQSafe also on
	// later flags (cycles possible) and on flags that do not exist.
	for n := g.r.IntN(3); n > 0 && i > 0; n-- {
		var pk string
		var pi int
		switch {
		case !g.o.JQSafe && g.chance(10):
			pk = "missing-" + keys[i]
			pi = -1
		case !g.o.JQSafe && g.chance(6):
			pi = g.r.IntN(len(keys))
			pk = keys[pi]
		default:
			pi = g.r.IntN(i)
			if g.o.JQSafe && !prereqOK[pi] {
				continue
			}
			pk = keys[pi]
		}
		req := g.r.IntN(2)
		if g.o.JQSafe {
			// The jq program lets a mixed prerequisite pass when its off
			// value equals the required one; never require the off variation.
			pf := built[pk]
			req = g.r.IntN(len(pf.Variations) - 1)
			if req >= *pf.OffVariation {
				req++
			}
		}
		f.Prerequisites = append(f.Prerequisites, Prerequisite{Key: pk, Variation: req})
		_ = pi
	}
	// Targets: legacy user targets mirrored in contextTargets as LaunchDarkly
	// serves them, plus organization targets.
	for n := g.r.IntN(3); n > 0; n-- {
		v := g.index(nv)
		f.Targets = append(f.Targets, Target{Values: []string{UserKey(g.r.IntN(UserPool)), UserKey(g.r.IntN(UserPool))}, Variation: v})
	}
	if g.chance(2) {
		for _, t := range f.Targets {
			f.ContextTargets = append(f.ContextTargets, Target{ContextKind: "user", Values: []string{}, Variation: t.Variation})
		}
		if g.chance(2) {
			f.ContextTargets = append(f.ContextTargets, Target{ContextKind: "org", Values: []string{Orgs[g.r.IntN(len(Orgs))]}, Variation: g.index(nv)})
		}
	}
	for n := g.r.IntN(4); n > 0; n-- {
		rule := Rule{ID: fmt.Sprintf("r%d", n), VarOrRollout: g.vor(nv)}
		if g.o.JQSafe || !g.chance(12) {
			rule.Clauses = []Clause{g.clause()}
			if g.chance(3) {
				rule.Clauses = append(rule.Clauses, g.clause())
			}
		} else {
			rule.Clauses = []Clause{} // matches everyone
		}
		f.Rules = append(f.Rules, rule)
	}
	f.Fallthrough = g.vor(nv)
	if !g.o.JQSafe && g.chance(40) {
		f.Fallthrough = VarOrRollout{} // malformed: no fallthrough
	}
	return f
}

func (g *randGen) clause() Clause {
	switch g.r.IntN(4) {
	case 0:
		return Clause{ContextKind: "user", Attribute: "country", Op: "in", Values: []any{Countries[g.r.IntN(len(Countries))], Countries[g.r.IntN(len(Countries))]}}
	case 1:
		return Clause{ContextKind: "user", Attribute: "plan", Op: "in", Values: []any{Plans[g.r.IntN(len(Plans))]}, Negate: g.chance(3)}
	case 2:
		return Clause{ContextKind: "org", Attribute: "key", Op: "in", Values: []any{Orgs[g.r.IntN(len(Orgs))]}}
	}
	return Clause{Attribute: "segmentMatch", Op: "segmentMatch", Values: []any{"beta"}}
}

func (g *randGen) vor(nv int) VarOrRollout {
	if g.chance(2) {
		return VarOrRollout{Variation: ip(g.index(nv))}
	}
	ro := &Rollout{ContextKind: "user"}
	if g.chance(3) {
		ro.Kind, ro.Seed = "experiment", ip(g.r.IntN(1000))
	}
	// Distinct variations per rollout in JQSafe mode (the jq program counts
	// buckets, not variations).
	perm := g.r.Perm(nv)
	nb := 1 + g.r.IntN(nv)
	if !g.o.JQSafe {
		nb = 1 + g.r.IntN(nv+1)
	}
	left := 100000
	for b := 0; b < nb; b++ {
		v := perm[b%nv]
		if !g.o.JQSafe && g.chance(20) {
			v = g.index(nv)
		}
		var w int
		switch {
		case b == nb-1:
			w = left
			if !g.o.JQSafe && g.chance(3) {
				// Weights adding up to less than 100%: the last bucket
				// takes the rest, even with weight 0.
				w = g.r.IntN(left + 1)
				if g.chance(2) {
					w = 0
				}
			}
		case g.chance(4):
			w = 0
		default:
			w = g.r.IntN(left + 1)
		}
		left -= w
		ro.Variations = append(ro.Variations, Weighted{Variation: v, Weight: w})
	}
	if g.o.JQSafe {
		// The jq program drops weight-0 last buckets; keep the last non-zero.
		last := &ro.Variations[len(ro.Variations)-1]
		if last.Weight == 0 {
			for j := len(ro.Variations) - 2; j >= 0; j-- {
				if ro.Variations[j].Weight > 0 {
					last.Weight, ro.Variations[j].Weight = ro.Variations[j].Weight, 0
					break
				}
			}
		}
	}
	return VarOrRollout{Rollout: ro}
}

// Diamond builds levels × 2 flags where both flags of each level require both
// flags of the level below: every flag reaches the bottom through 2^level
// paths, which is exponential for a resolver without a memo. Every flag is on
// and serves true, so every prerequisite passes.
func Diamond(levels int) *Payload {
	p := &Payload{Flags: map[string]*Flag{}, Segments: map[string]map[string]any{}}
	for l := 0; l < levels; l++ {
		for s := 0; s < 2; s++ {
			f := &Flag{Key: fmt.Sprintf("diamond-%02d-%c", l, 'a'+s), Version: 1, On: true,
				Variations: []any{true, false}, OffVariation: ip(1), Fallthrough: VarOrRollout{Variation: ip(0)},
				Salt: "salt", ClientSideAvailability: map[string]bool{}}
			if l > 0 {
				f.Prerequisites = []Prerequisite{
					{Key: fmt.Sprintf("diamond-%02d-a", l-1), Variation: 0},
					{Key: fmt.Sprintf("diamond-%02d-b", l-1), Variation: 0},
				}
			}
			p.Flags[f.Key] = f
		}
	}
	return p
}
