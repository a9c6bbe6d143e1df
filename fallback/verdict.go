package fallback

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"
)

// answer applies the one rule of DESIGN.md to a flag's outcomes: one single
// variation for every context wins; otherwise the off variation; otherwise
// nothing. The reason says which part of the flag decided.
//
// The Detail sentence is only worded when read (Answer.Detail): generate
// never shows it, and formatting it was half of the resolver's time. The
// closures capture values that are final once the flag is resolved, so the
// sentence is the same whenever it is read.
func (rs *resolver) answer(id int, acc *accum) Answer {
	n := &rs.nodes[id]
	f := n.flag
	key := n.key
	a := Answer{Key: key, Variation: -1, Path: rs.path(acc)}
	single := !n.out.null && !n.out.abort && len(n.out.idx) == 1

	if !f.On {
		a.Reason = ReasonOff
		if single {
			a.setValue(f, n.out.idx[0])
			v := a.Value
			a.detail = func() string {
				return fmt.Sprintf("%s is off, so every context gets the off variation %s", key, show(v))
			}
			return a
		}
		return rs.noOff(a, f, func() string { return key + " is off" })
	}

	var why func() string // the first half of the Detail sentence
	switch {
	case n.out.abort && acc.cycle == "":
		// A malformed rule clause (here or in a prerequisite) aborts the
		// evaluation: the SDK returns the code default.
		a.Reason = ReasonMalformed
		abortWhy, via := acc.abortWhy, ""
		for _, st := range acc.steps {
			if st.Outcome == "malformed" {
				via = st.Prereq
				break
			}
		}
		if via == "" {
			a.Warning = abortWhy + ": the SDK returns the code default with MALFORMED_FLAG to every context reaching it, and to every flag that requires this one"
			why = func() string {
				return fmt.Sprintf("%s is malformed (%s): there the SDK returns the code default and aborts the evaluation", key, abortWhy)
			}
		} else {
			a.Warning = "prerequisite " + via + " is malformed (" + abortWhy + "): the SDK aborts the evaluation and returns the code default with MALFORMED_FLAG"
			why = func() string {
				return fmt.Sprintf("%s requires %s, which is malformed (%s): there the SDK aborts and returns the code default", key, via, abortWhy)
			}
		}
	case n.out.abort:
		a.Reason = ReasonPrerequisiteCycle
		a.Warning = "prerequisite cycle " + acc.cycle + ": the SDK returns the code default with MALFORMED_FLAG"
		cycle := acc.cycle
		why = func() string {
			return fmt.Sprintf("%s depends on the prerequisite cycle %s, for which the SDK returns the code default (MALFORMED_FLAG)", key, cycle)
		}
	case acc.malformed != "":
		a.Reason = ReasonMalformed
		a.Warning = acc.malformed + ": the SDK returns the code default with MALFORMED_FLAG there"
		malformed := acc.malformed
		why = func() string {
			return fmt.Sprintf("%s is malformed (%s): there the SDK returns the code default", key, malformed)
		}
	case acc.blocked && acc.blocker.Outcome == "missing":
		a.Reason = ReasonPrerequisiteMissing
		prereq := acc.blocker.Prereq
		why = func() string { return fmt.Sprintf("%s requires %s, which does not exist", key, prereq) }
	case acc.blocked:
		a.Reason = ReasonPrerequisiteFailed
		s := acc.blocker
		name, fail := rs.variationName(s), rs.failWhy(s)
		why = func() string { return fmt.Sprintf("%s requires %s to serve %s, %s", key, s.Prereq, name(), fail()) }
	case acc.prereqFail:
		a.Reason = ReasonPrerequisiteMixed
		s := acc.steps[0]
		name := rs.variationName(s)
		why = func() string {
			return fmt.Sprintf("%s requires %s to serve %s, which it does for some contexts only", key, s.Prereq, name())
		}
	case acc.rolloutMulti:
		a.Reason = ReasonRollout
		idx := n.out.idx
		why = func() string { return fmt.Sprintf("%s serves %s by percentage rollout", key, listVariations(f, idx)) }
	case acc.bodyVariants > 1:
		a.Reason = ReasonMultipleVariations
		idx, variants := n.out.idx, acc.bodyVariants
		why = func() string {
			return fmt.Sprintf("%s serves %d different variations (%s) through its targets and rules", key, variants, listVariations(f, idx))
		}
	default:
		a.Reason = ReasonSingleVariation
	}

	if single {
		a.setValue(f, n.out.idx[0])
		v, i := a.Value, a.Variation
		switch a.Reason {
		case ReasonPrerequisiteFailed, ReasonPrerequisiteMissing:
			a.detail = func() string { return why() + ", so every context gets the off variation " + show(v) }
		case ReasonPrerequisiteMixed:
			// Contexts that fail get the off variation, the others get the
			// same value: still one variation for everyone.
			a.Reason = ReasonSingleVariation
			prereq := acc.steps[0].Prereq
			a.detail = func() string {
				return fmt.Sprintf("%s serves %s to every context: contexts that fail prerequisite %s get the off variation, which is the same", key, show(v), prereq)
			}
		default:
			a.Reason = ReasonSingleVariation
			a.detail = func() string {
				return fmt.Sprintf("%s is on and every target, rule and the fallthrough serve variation %d (%s)", key, i, show(v))
			}
		}
		return a
	}
	return rs.noOff(a, f, why)
}

// noOff falls back to the off variation, or to nothing when there is none.
func (rs *resolver) noOff(a Answer, f *ldmodel.FeatureFlag, why func() string) Answer {
	i, ok := validOff(f)
	switch {
	case ok:
		a.setValue(f, i)
		v := a.Value
		if a.Reason == ReasonOff {
			a.detail = func() string { return why() + ", so every context gets the off variation " + show(v) }
		} else {
			a.detail = func() string { return why() + ", so the safest fallback is the off variation " + show(v) }
		}
	case f.OffVariation.IsDefined():
		a.Reason = ReasonMalformed
		msg := fmt.Sprintf("off variation %d is out of range (%d variation%s)", i, len(f.Variations), plural(len(f.Variations)))
		a.Warning = joinWarn(a.Warning, msg)
		a.detail = func() string { return why() + ", and its " + msg + ", so there is no safe value" }
	case a.Reason == ReasonOff || a.Reason == ReasonPrerequisiteFailed || a.Reason == ReasonPrerequisiteMissing:
		// Every context gets the off variation, and there is none: the SDK
		// returns the code's fallback to everyone.
		a.Reason = ReasonFallbackServed
		a.detail = func() string {
			return why() + ", and it has no off variation, so the SDK returns the code's fallback to every context: the fallback in the code is the production value"
		}
	default:
		a.Reason = ReasonNoOffVariation
		a.detail = func() string { return why() + ", and it has no off variation, so there is no safe value" }
	}
	return a
}

func joinWarn(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func (a *Answer) setValue(f *ldmodel.FeatureFlag, i int) {
	a.Variation = i
	a.Value = f.Variations[i]
	a.HasValue = true
	if w := goReading(a.Value); w != "" {
		a.Warning = joinWarn(a.Warning, w)
	}
}

// variationName words "variation 0 (true)", or "variation 7" when the
// prerequisite has no such variation. The lookup is done now, the wording
// when called.
func (rs *resolver) variationName(s PrereqStep) func() string {
	if pid, ok := rs.ids[s.Prereq]; ok {
		if vs := rs.nodes[pid].flag.Variations; s.Variation >= 0 && s.Variation < len(vs) {
			v := vs[s.Variation]
			return func() string { return fmt.Sprintf("variation %d (%s)", s.Variation, show(v)) }
		}
	}
	return func() string { return fmt.Sprintf("variation %d", s.Variation) }
}

// failWhy explains a prerequisite that fails for every context (looked up
// now, worded when called).
func (rs *resolver) failWhy(s PrereqStep) func() string {
	pid, ok := rs.ids[s.Prereq]
	if !ok {
		return func() string { return "but it does not exist" }
	}
	p := &rs.nodes[pid]
	switch {
	case !p.flag.On:
		return func() string { return fmt.Sprintf("but %s is off", s.Prereq) }
	case len(p.out.idx) == 0:
		return func() string { return fmt.Sprintf("but %s serves no variation (the code default)", s.Prereq) }
	case len(p.out.idx) == 1:
		i := p.out.idx[0]
		return func() string { return fmt.Sprintf("but %s always serves variation %d", s.Prereq, i) }
	}
	return func() string { return fmt.Sprintf("but %s never serves it", s.Prereq) }
}

func listVariations(f *ldmodel.FeatureFlag, idx []int) string {
	parts := make([]string, 0, len(idx))
	for i, v := range idx {
		if i == 8 {
			parts = append(parts, fmt.Sprintf("and %d more", len(idx)-i))
			break
		}
		parts = append(parts, show(f.Variations[v]))
	}
	return strings.Join(parts, ", ")
}

// path is this flag's non-passing prerequisite steps followed by the path of
// the first prerequisite that did not pass for everyone, capped at maxPath.
func (rs *resolver) path(acc *accum) []PrereqStep {
	if len(acc.steps) == 0 {
		return nil
	}
	out := make([]PrereqStep, 0, min(maxPath, len(acc.steps)+4))
	out = append(out, acc.steps[:min(len(acc.steps), maxPath)]...)
	if acc.decidingChild >= 0 {
		child := rs.answers[acc.decidingChild].Path
		room := maxPath - len(out)
		if len(child) > room {
			child = child[:max(room-1, 0)]
			out = append(out, child...)
			out = append(out, PrereqStep{Outcome: "truncated"})
			return out
		}
		out = append(out, child...)
	}
	return out
}

// show prints a value as JSON, short enough for a sentence.
func show(v ldvalue.Value) string {
	var b bytes.Buffer
	writeValue(&b, v) // sorted keys: ldvalue's own encoder walks a Go map
	s := b.String()
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}
