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
func (rs *resolver) answer(id int, acc *accum) Answer {
	n := &rs.nodes[id]
	f := n.flag
	a := Answer{Key: n.key, Variation: -1, Path: rs.path(acc)}
	single := !n.out.null && !n.out.abort && len(n.out.idx) == 1

	if !f.On {
		a.Reason = ReasonOff
		if single {
			a.setValue(f, n.out.idx[0])
			a.Detail = fmt.Sprintf("%s is off, so every context gets the off variation %s", n.key, show(a.Value))
			return a
		}
		return rs.noOff(a, f, fmt.Sprintf("%s is off", n.key))
	}

	var why string // the first half of the Detail sentence
	switch {
	case n.out.abort:
		a.Reason = ReasonPrerequisiteCycle
		a.Warning = "prerequisite cycle " + acc.cycle + ": the SDK returns the code default with MALFORMED_FLAG"
		why = fmt.Sprintf("%s depends on the prerequisite cycle %s, for which the SDK returns the code default (MALFORMED_FLAG)", n.key, acc.cycle)
	case acc.malformed != "":
		a.Reason = ReasonMalformed
		a.Warning = acc.malformed + ": the SDK returns the code default with MALFORMED_FLAG there"
		why = fmt.Sprintf("%s is malformed (%s): there the SDK returns the code default", n.key, acc.malformed)
	case acc.blocked && acc.blocker.Outcome == "missing":
		a.Reason = ReasonPrerequisiteMissing
		why = fmt.Sprintf("%s requires %s, which does not exist", n.key, acc.blocker.Prereq)
	case acc.blocked:
		a.Reason = ReasonPrerequisiteFailed
		why = fmt.Sprintf("%s requires %s to serve %s, %s", n.key, acc.blocker.Prereq, rs.variationName(acc.blocker), rs.failWhy(acc.blocker))
	case acc.prereqFail:
		a.Reason = ReasonPrerequisiteMixed
		s := acc.steps[0]
		why = fmt.Sprintf("%s requires %s to serve %s, which it does for some contexts only", n.key, s.Prereq, rs.variationName(s))
	case acc.rolloutMulti:
		a.Reason = ReasonRollout
		why = fmt.Sprintf("%s serves %s by percentage rollout", n.key, rs.listVariations(f, n.out.idx))
	case acc.bodyVariants > 1:
		a.Reason = ReasonMultipleVariations
		why = fmt.Sprintf("%s serves %d different variations (%s) through its targets and rules", n.key, acc.bodyVariants, rs.listVariations(f, n.out.idx))
	default:
		a.Reason = ReasonSingleVariation
	}

	if single {
		a.setValue(f, n.out.idx[0])
		switch a.Reason {
		case ReasonPrerequisiteFailed, ReasonPrerequisiteMissing:
			a.Detail = why + ", so every context gets the off variation " + show(a.Value)
		case ReasonPrerequisiteMixed:
			// Contexts that fail get the off variation, the others get the
			// same value: still one variation for everyone.
			a.Reason = ReasonSingleVariation
			a.Detail = fmt.Sprintf("%s serves %s to every context: contexts that fail prerequisite %s get the off variation, which is the same", n.key, show(a.Value), acc.steps[0].Prereq)
		default:
			a.Reason = ReasonSingleVariation
			a.Detail = fmt.Sprintf("%s is on and every target, rule and the fallthrough serve variation %d (%s)", n.key, a.Variation, show(a.Value))
		}
		return a
	}
	return rs.noOff(a, f, why)
}

// noOff falls back to the off variation, or to nothing when there is none.
func (rs *resolver) noOff(a Answer, f *ldmodel.FeatureFlag, why string) Answer {
	i, ok := validOff(f)
	switch {
	case ok:
		a.setValue(f, i)
		if a.Reason == ReasonOff {
			a.Detail = why + ", so every context gets the off variation " + show(a.Value)
		} else {
			a.Detail = why + ", so the safest fallback is the off variation " + show(a.Value)
		}
	case f.OffVariation.IsDefined():
		a.Reason = ReasonMalformed
		msg := fmt.Sprintf("off variation %d is out of range (%d variation%s)", i, len(f.Variations), plural(len(f.Variations)))
		a.Warning = joinWarn(a.Warning, msg)
		a.Detail = why + ", and its " + msg + ", so there is no safe value"
	default:
		a.Reason = ReasonNoOffVariation
		a.Detail = why + ", and it has no off variation, so there is no safe value"
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
}

// variationName is "variation 0 (true)", or "variation 7" when the
// prerequisite has no such variation.
func (rs *resolver) variationName(s PrereqStep) string {
	if pid, ok := rs.ids[s.Prereq]; ok {
		if vs := rs.nodes[pid].flag.Variations; s.Variation >= 0 && s.Variation < len(vs) {
			return fmt.Sprintf("variation %d (%s)", s.Variation, show(vs[s.Variation]))
		}
	}
	return fmt.Sprintf("variation %d", s.Variation)
}

// failWhy explains a prerequisite that fails for every context.
func (rs *resolver) failWhy(s PrereqStep) string {
	pid, ok := rs.ids[s.Prereq]
	if !ok {
		return "but it does not exist"
	}
	p := &rs.nodes[pid]
	switch {
	case !p.flag.On:
		return fmt.Sprintf("but %s is off", s.Prereq)
	case len(p.out.idx) == 0:
		return fmt.Sprintf("but %s serves no variation (the code default)", s.Prereq)
	case len(p.out.idx) == 1:
		return fmt.Sprintf("but %s always serves variation %d", s.Prereq, p.out.idx[0])
	}
	return fmt.Sprintf("but %s never serves it", s.Prereq)
}

func (rs *resolver) listVariations(f *ldmodel.FeatureFlag, idx []int) string {
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
