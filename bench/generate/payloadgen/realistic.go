package payloadgen

import (
	"fmt"
	"math/rand/v2"
)

// Realistic builds n flags shaped like a production environment (about
// 1.2 KB of JSON per flag): mostly boolean flags with targets, rules of one
// or two clauses, some percentage rollouts and experiments, string and JSON
// flags, and about a fifth of the flags with one to three prerequisites on
// earlier flags (a DAG whose shared prerequisites are reached many times).
func Realistic(n int, seed uint64) *Payload {
	r := rand.New(rand.NewPCG(seed, 42))
	p := &Payload{Flags: make(map[string]*Flag, n), Segments: map[string]map[string]any{}}
	for s := 0; s < 20; s++ {
		k := fmt.Sprintf("segment-%02d", s)
		p.Segments[k] = map[string]any{"key": k, "included": []string{UserKey(s), UserKey(s + 100)}, "excluded": []string{},
			"rules": []any{}, "salt": fmt.Sprintf("%032x", r.Uint64()), "version": 1 + r.IntN(9), "deleted": false}
	}
	keys := make([]string, n)
	areas := []string{"checkout", "search", "billing", "onboarding", "profile", "catalog", "mobile", "api", "reports", "growth"}
	for i := range keys {
		keys[i] = fmt.Sprintf("%s-%s-%05d", areas[i%len(areas)], []string{"enable", "release", "exp", "ops", "kill"}[r.IntN(5)], i)
	}
	for i, key := range keys {
		f := &Flag{Key: key, Version: 1 + r.IntN(200), On: r.IntN(10) != 0, Salt: fmt.Sprintf("%032x", r.Uint64()),
			ClientSideAvailability: map[string]bool{"usingMobileKey": r.IntN(3) == 0, "usingEnvironmentId": r.IntN(3) == 0},
			TrackEvents:            r.IntN(10) == 0}
		switch r.IntN(10) {
		case 0:
			f.Variations = []any{"control", "treatment-a", "treatment-b"}
		case 1:
			f.Variations = []any{map[string]any{"limit": 100, "burst": 20}, map[string]any{"limit": 500, "burst": 50}}
		case 2:
			f.Variations = []any{100, 250, 1000}
		default:
			f.Variations = []any{true, false}
		}
		nv := len(f.Variations)
		f.OffVariation = ip(nv - 1)
		if r.IntN(50) == 0 {
			f.OffVariation = nil
		}
		if i > 10 && r.IntN(5) == 0 {
			for k := 1 + r.IntN(3); k > 0; k-- {
				// Prerequisites cluster on a few platform flags near the
				// start and on recent flags, as release trains do.
				var j int
				if r.IntN(2) == 0 {
					j = r.IntN(min(i, 50))
				} else {
					j = i - 1 - r.IntN(min(i, 200))
				}
				f.Prerequisites = append(f.Prerequisites, Prerequisite{Key: keys[j], Variation: 0})
			}
		}
		for t := r.IntN(3); t > 0; t-- {
			vals := make([]string, 1+r.IntN(6))
			for v := range vals {
				vals[v] = UserKey(r.IntN(100000))
			}
			v := r.IntN(nv)
			f.Targets = append(f.Targets, Target{Values: vals, Variation: v})
			f.ContextTargets = append(f.ContextTargets, Target{ContextKind: "user", Values: []string{}, Variation: v})
		}
		for k := r.IntN(4); k > 0; k-- {
			rule := Rule{ID: fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", r.Uint32(), r.Uint32()&0xffff, r.Uint32()&0xffff, r.Uint32()&0xffff, r.Uint64()&0xffffffffffff)}
			rule.Clauses = []Clause{{ContextKind: "user", Attribute: "country", Op: "in", Values: []any{Countries[r.IntN(len(Countries))], Countries[r.IntN(len(Countries))]}}}
			if r.IntN(2) == 0 {
				rule.Clauses = append(rule.Clauses, Clause{ContextKind: "user", Attribute: "email", Op: "endsWith", Values: []any{"@example.com"}})
			}
			if r.IntN(4) == 0 {
				rule.Clauses = append(rule.Clauses, Clause{Attribute: "segmentMatch", Op: "segmentMatch", Values: []any{fmt.Sprintf("segment-%02d", r.IntN(20))}})
			}
			rule.VarOrRollout = realisticServe(r, nv)
			f.Rules = append(f.Rules, rule)
		}
		f.Fallthrough = realisticServe(r, nv)
		p.Flags[key] = f
	}
	return p
}

func realisticServe(r *rand.Rand, nv int) VarOrRollout {
	if r.IntN(4) != 0 {
		return VarOrRollout{Variation: ip(r.IntN(nv))}
	}
	ro := &Rollout{ContextKind: "user", Variations: []Weighted{{Variation: 0, Weight: 50000}, {Variation: 1, Weight: 50000}}}
	if r.IntN(3) == 0 {
		ro.Kind, ro.Seed = "experiment", ip(r.IntN(100000))
	}
	return VarOrRollout{Rollout: ro}
}
