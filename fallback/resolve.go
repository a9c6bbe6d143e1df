package fallback

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"

	"github.com/ldfallback/ldfallback/payload"
)

// maxPath caps the prerequisite path kept in an Answer, so a 10,000-flag
// chain costs O(n) memory rather than O(n²). Longer paths end with a step
// whose Outcome is "truncated".
const maxPath = 32

// outcomes is what a flag can evaluate to over all contexts: a set of valid
// variation indexes, plus "no variation" (the SDK returns the code default:
// a null off variation, a malformed target/rule/rollout) and "abort" (a
// prerequisite cycle was reached: the evaluator stops the whole evaluation
// with MALFORMED_FLAG, which propagates to every flag that depends on it).
type outcomes struct {
	idx   []int // sorted, distinct
	null  bool
	abort bool
}

func (o *outcomes) has(i int) bool {
	_, ok := slices.BinarySearch(o.idx, i)
	return ok
}

func (o *outcomes) hasOtherThan(i int) bool {
	return len(o.idx) > 1 || (len(o.idx) == 1 && o.idx[0] != i)
}

// state of a flag during the depth-first walk.
const (
	unvisited uint8 = iota
	inProgress
	done
)

// node is the memo of one flag.
type node struct {
	key   string
	flag  *ldmodel.FeatureFlag
	state uint8
	out   outcomes
	cycle string // the cycle reached, "a → b → a", when out.abort
	// abortWhy names the malformed rule that aborts the evaluation, when
	// out.abort comes from one rather than from a cycle.
	abortWhy string
	// field is the flag's "key" field: the evaluator's cycle check compares
	// it, not the map key (payload.KeyFields).
	field string
}

// frame is one flag being resolved on the explicit stack; next is the index
// of the prerequisite to look at when the frame resumes.
type frame struct {
	id   int
	next int
	acc  accum
	// transient: this flag is resolved for its parent only, under a chain
	// that holds a shared "key" field its prerequisites reach, so its
	// result may differ from the one it has from the top; it is handed to
	// the parent (got) and not memoized. prev is the state to restore.
	transient bool
	prev      uint8
	// got is the result of a transient prerequisite, read on resuming.
	got *childResult
}

// childResult is what a flag's dependants read of it.
type childResult struct {
	on       bool
	out      outcomes
	cycle    string
	abortWhy string
}

// accum collects a flag's possible outcomes while its prerequisites, then
// its targets, rules and fallthrough are examined.
type accum struct {
	idx           []int
	null          bool
	abort         bool
	cycle         string
	offAdded      bool
	prereqFail    bool // some contexts fail a prerequisite
	blocked       bool // no context gets past the prerequisites
	steps         []PrereqStep
	decidingChild int // node of the first prerequisite that did not pass for everyone, -1 if none
	blocker       PrereqStep
	malformed     string // first malformed part reached, for the warning
	abortWhy      string // the malformed rule clause that aborts, when abort does not come from a cycle
	rolloutMulti  bool   // a reachable rollout serves two or more variations
	bodyVariants  int    // distinct indexes served by targets/rules/fallthrough
}

type resolver struct {
	nodes []node
	// answers[i] is the answer of nodes[i], kept apart so Resolve hands the
	// slice over instead of copying every answer (peak memory).
	answers []Answer
	ids     map[string]int
	stack   []frame
	// onStack counts the flags on the stack by "key" field, when some
	// field differs from its map key (nil otherwise: the in-progress mark
	// is the same test).
	onStack map[string]int
	// When two or more flags share a "key" field, a flag's result depends
	// on the chain it is evaluated under: reaching a flag whose field is
	// on the chain is a cycle to the evaluator even when the flag itself
	// is not on it. shared marks those fields, reachesShared the flags
	// whose prerequisites (transitively) include a flag with one, and
	// sharedOnStack counts the frames holding one. A flag in reachesShared
	// met while sharedOnStack > 0 is resolved transiently (frame.transient).
	shared        map[string]bool
	reachesShared []bool
	sharedOnStack int
	// transientLeft bounds the transient frames (their count can grow
	// exponentially with shared fields); past it, a prerequisite that
	// would need one is taken as able to serve anything or abort.
	transientLeft int
	p             *payload.Payload
	segs          *segments
}

// Resolve works out the safest fallback of every flag of p (DESIGN.md,
// "Semantics of the safest fallback"). It runs in time linear in the payload:
// each flag is resolved once and memoized, prerequisites are looked up by map
// key, and the walk uses an explicit stack, so chains of any length are safe.
func Resolve(p *payload.Payload) *Result {
	answers := resolve(p).answers
	// A deleted flag is missing to the SDK: every call of it gets the
	// code's fallback. It has an answer so that check and explain can say
	// so (and not "a typo").
	for _, k := range sortedDeleted(p) {
		key := k
		answers = append(answers, Answer{Key: key, Variation: -1, Reason: ReasonFallbackServed, Deleted: true,
			detail: func() string {
				return key + ` is deleted ("deleted": true), so the SDK treats it as missing and returns the code's fallback to every context: the fallback in the code is the production value`
			}})
	}
	return NewResult(answers)
}

func sortedDeleted(p *payload.Payload) []string {
	var keys []string
	for k := range p.Deleted {
		if _, live := p.Flags[k]; !live {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// resolve runs the walk and keeps the memo (the tests read the outcome sets).
func resolve(p *payload.Payload) *resolver {
	keys := p.Keys()
	rs := &resolver{nodes: make([]node, len(keys)), answers: make([]Answer, len(keys)), ids: make(map[string]int, len(keys)), p: p}
	for i, k := range keys {
		rs.nodes[i] = node{key: k, flag: p.Flags[k], field: p.KeyField(k)}
		rs.ids[k] = i
	}
	if len(p.KeyFields) > 0 {
		rs.onStack = map[string]int{}
		rs.findShared(p)
	}
	for i := range rs.nodes {
		if rs.nodes[i].state == unvisited {
			rs.walk(i)
		}
	}
	return rs
}

// walk resolves root and every prerequisite it reaches, depth first.
func (rs *resolver) walk(root int) {
	rs.push(root, false)
	for len(rs.stack) > 0 {
		top := len(rs.stack) - 1
		if child, transient, ok := rs.advance(top); ok {
			rs.push(child, transient)
			continue
		}
		fr := rs.stack[top]
		rs.stack = rs.stack[:top]
		if rs.onStack != nil {
			field := rs.nodes[fr.id].field
			rs.onStack[field]--
			if rs.shared[field] {
				rs.sharedOnStack--
			}
		}
		if fr.transient {
			rs.finishTransient(&fr)
			continue
		}
		rs.finish(fr.id, &fr.acc)
	}
}

func (rs *resolver) push(id int, transient bool) {
	prev := rs.nodes[id].state
	rs.nodes[id].state = inProgress
	if rs.onStack != nil {
		field := rs.nodes[id].field
		rs.onStack[field]++
		if rs.shared[field] {
			rs.sharedOnStack++
		}
	}
	rs.stack = append(rs.stack, frame{id: id, acc: accum{decidingChild: -1}, transient: transient, prev: prev})
}

// findShared fills shared and reachesShared (see resolver) when some "key"
// field is held by two or more flags.
func (rs *resolver) findShared(p *payload.Payload) {
	count := map[string]int{}
	for i := range rs.nodes {
		count[rs.nodes[i].field]++
	}
	for f, c := range count {
		if c > 1 {
			if rs.shared == nil {
				rs.shared = map[string]bool{}
			}
			rs.shared[f] = true
		}
	}
	if rs.shared == nil {
		return
	}
	// Reverse prerequisite edges, then a walk back from every flag that
	// holds a shared field.
	dependants := make([][]int, len(rs.nodes))
	for i := range rs.nodes {
		for _, pr := range rs.nodes[i].flag.Prerequisites {
			if pid, ok := rs.ids[pr.Key]; ok {
				dependants[pid] = append(dependants[pid], i)
			}
		}
	}
	rs.reachesShared = make([]bool, len(rs.nodes))
	var todo []int
	for i := range rs.nodes {
		if rs.shared[rs.nodes[i].field] {
			rs.reachesShared[i] = true
			todo = append(todo, i)
		}
	}
	for len(todo) > 0 {
		i := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, d := range dependants[i] {
			if !rs.reachesShared[d] {
				rs.reachesShared[d] = true
				todo = append(todo, d)
			}
		}
	}
	rs.transientLeft = 200000 + 8*len(rs.nodes)
}

// advance examines the prerequisites of the flag in stack[top] from where it
// left off. It returns a prerequisite to resolve first (and whether
// transiently), or false when the flag's prerequisites are all accounted for.
func (rs *resolver) advance(top int) (int, bool, bool) {
	fr := &rs.stack[top]
	f := rs.nodes[fr.id].flag
	// Rule 1: an off flag serves its off variation and never looks at its
	// prerequisites.
	if !f.On {
		return 0, false, false
	}
	acc := &fr.acc
	for ; fr.next < len(f.Prerequisites); fr.next++ {
		pr := f.Prerequisites[fr.next]
		step := PrereqStep{Flag: rs.nodes[fr.id].key, Prereq: pr.Key, Variation: pr.Variation}
		pid, exists := rs.ids[pr.Key]
		if !exists {
			// Rule 2: a missing (or deleted) prerequisite fails for every context.
			step.Outcome = "missing"
			rs.addOff(fr.id, acc)
			acc.prereqFail, acc.blocked = true, true
			acc.steps = append(acc.steps, step)
			acc.blocker = step
			return 0, false, false
		}
		pn := &rs.nodes[pid]
		var res childResult
		transient := false
		if fr.got != nil {
			res, fr.got, transient = *fr.got, nil, true
		} else {
			// The evaluator's chain holds the "key" fields of the flags being
			// evaluated; a prerequisite whose field is on it is a cycle, even
			// when its map key is another flag's (two entries with one field).
			fieldCycle := rs.onStack != nil && rs.onStack[pn.field] > 0
			chainDependent := rs.sharedOnStack > 0 && rs.reachesShared[pid]
			switch {
			case pn.state == inProgress || fieldCycle:
				// Rule 3: evaluation reaches a flag already on the chain.
				step.Outcome = "cycle"
				acc.abort, acc.blocked = true, true
				if pn.state == inProgress {
					acc.cycle = rs.cycleFrom(pid, fr.id)
				} else {
					acc.cycle = rs.fieldCycle(pid)
				}
				acc.steps = append(acc.steps, step)
				acc.blocker = step
				if acc.decidingChild < 0 {
					acc.decidingChild = pid
				}
				return 0, false, false
			case chainDependent && rs.transientLeft > 0:
				// Its result under this chain may differ from its memo
				// (or from what it will have from the top): resolve it
				// again for this flag only.
				rs.transientLeft--
				return pid, true, true
			case chainDependent:
				res = rs.anything(pid)
				transient = true
			case pn.state == unvisited:
				return pid, false, true
			default:
				res = childResult{on: pn.flag.On, out: pn.out, cycle: pn.cycle, abortWhy: pn.abortWhy}
			}
		}
		// Rule 2: passes only when on and serving the required index.
		pass := res.on && res.out.has(pr.Variation)
		fail := !res.on || res.out.null || res.out.hasOtherThan(pr.Variation)
		if res.out.abort {
			acc.abort = true
			if acc.cycle == "" && acc.abortWhy == "" {
				acc.cycle, acc.abortWhy = res.cycle, res.abortWhy
			}
		}
		if fail {
			rs.addOff(fr.id, acc)
			acc.prereqFail = true
		}
		switch {
		case res.out.abort && res.cycle == "":
			step.Outcome = "malformed"
		case res.out.abort:
			step.Outcome = "cycle"
		case pass && fail:
			step.Outcome = "mixed"
		case pass:
			step.Outcome = "passes"
		default:
			step.Outcome = "fails"
		}
		if step.Outcome != "passes" {
			acc.steps = append(acc.steps, step)
			// A transient result has no answer (and path) of its own.
			if acc.decidingChild < 0 && !transient {
				acc.decidingChild = pid
			}
		}
		if !pass {
			acc.blocked = true
			acc.blocker = step
			return 0, false, false
		}
	}
	return 0, false, false
}

// anything is the result assumed for a chain-dependent prerequisite once
// the transient budget is spent: any of its variations, the code default,
// or an abort (a superset of what it can do, so the answer stays safe).
func (rs *resolver) anything(pid int) childResult {
	n := &rs.nodes[pid]
	out := outcomes{null: true, abort: true}
	for i := range n.flag.Variations {
		out.idx = append(out.idx, i)
	}
	return childResult{on: n.flag.On, out: out,
		cycle: fmt.Sprintf("%s → … (not followed: too many flags share \"key\" fields, so a cycle is assumed)", n.key)}
}

// cycleFrom names the cycle closed by the edge from flag `to` back to `from`,
// which is on the stack.
func (rs *resolver) cycleFrom(from, to int) string {
	var names []string
	for i := len(rs.stack) - 1; i >= 0; i-- {
		names = append(names, rs.nodes[rs.stack[i].id].key)
		if rs.stack[i].id == from {
			break
		}
	}
	slices.Reverse(names)
	_ = to
	// Every flag on or behind the cycle repeats this in its warning: keep
	// it short so a long cycle does not cost O(n²) text.
	if len(names) > 6 {
		names = append(names[:3:3], fmt.Sprintf("… (%d flags)", len(names)-4), names[len(names)-1])
	}
	return strings.Join(append(names, rs.nodes[from].key), " → ")
}

// fieldCycle names the cycle closed by prerequisite pid whose "key" field
// is the field of a flag on the stack.
func (rs *resolver) fieldCycle(pid int) string {
	field := rs.nodes[pid].field
	var names []string
	for i := len(rs.stack) - 1; i >= 0; i-- {
		n := &rs.nodes[rs.stack[i].id]
		names = append(names, n.key)
		if n.field == field {
			break
		}
	}
	slices.Reverse(names)
	if len(names) > 6 {
		names = append(names[:3:3], fmt.Sprintf("… (%d flags)", len(names)-4), names[len(names)-1])
	}
	return fmt.Sprintf("%s → %s (whose \"key\" field %q is %s's)", strings.Join(names, " → "), rs.nodes[pid].key, field, names[0])
}

// addOff records that some contexts get the flag's off variation.
func (rs *resolver) addOff(id int, acc *accum) {
	if acc.offAdded {
		return
	}
	acc.offAdded = true
	f := rs.nodes[id].flag
	if i, ok := validOff(f); ok {
		acc.idx = append(acc.idx, i)
	} else {
		acc.null = true
	}
}

func validOff(f *ldmodel.FeatureFlag) (int, bool) {
	if !f.OffVariation.IsDefined() {
		return -1, false
	}
	i := f.OffVariation.IntValue()
	return i, i >= 0 && i < len(f.Variations)
}

// body adds what targets, rules and the fallthrough can serve (rules 4, 5).
func (rs *resolver) body(f *ldmodel.FeatureFlag, acc *accum) {
	start := len(acc.idx)
	// where names the part being looked at, formatted only for a warning:
	// -2 targets, -1 the fallthrough, else a rule index.
	part := func(where int) string {
		switch where {
		case -2:
			return "a target"
		case -1:
			return "the fallthrough"
		}
		return fmt.Sprintf("rule %d", where)
	}
	add := func(i int, where int) {
		if i >= 0 && i < len(f.Variations) {
			acc.idx = append(acc.idx, i)
			return
		}
		acc.null = true
		if acc.malformed == "" {
			acc.malformed = fmt.Sprintf("%s serves variation index %d but the flag has %d variation%s",
				part(where), i, len(f.Variations), plural(len(f.Variations)))
		}
	}
	for _, t := range targetsThatCanMatch(f) {
		add(t.Variation, -2)
	}
	vr := func(v ldmodel.VariationOrRollout, where int) {
		if v.Variation.IsDefined() {
			add(v.Variation.IntValue(), where)
			return
		}
		if len(v.Rollout.Variations) == 0 {
			acc.null = true
			if acc.malformed == "" {
				acc.malformed = part(where) + " has neither a variation nor a rollout"
			}
			return
		}
		if r := v.Rollout; !r.IsExperiment() && r.BucketBy.IsDefined() && r.BucketBy.Err() != nil {
			// computeBucketValue fails before looking at the context: every
			// context reaching this rollout gets the code default.
			acc.null = true
			if acc.malformed == "" {
				acc.malformed = fmt.Sprintf("%s's rollout buckets by %q, which is not a valid attribute reference", part(where), r.BucketBy.String())
			}
			return
		}
		before := len(acc.idx)
		for _, j := range reachableBuckets(v.Rollout.Variations) {
			add(v.Rollout.Variations[j].Variation, where)
		}
		if countDistinct(acc.idx[before:]) > 1 {
			acc.rolloutMulti = true
		}
	}
	for ri, rule := range f.Rules {
		// The clauses are evaluated in order; an ordinary clause may match
		// or not (rule 5), a segment match as its segments can
		// (segments.go). A malformed clause reached, or a segment whose
		// evaluation fails, is an error that aborts the whole evaluation
		// (MALFORMED_FLAG, and a dependant gets the code default too). The
		// rule's variation is served when every clause can match; the
		// contexts go on to the next rule when some clause can fail to
		// match (a rule without clauses matches every context).
		m, n, e, why := rs.segments().clauses(rule.Clauses)
		if e {
			acc.abort = true
			if acc.abortWhy == "" {
				acc.abortWhy = fmt.Sprintf("rule %d's %s", ri, why)
			}
		}
		if m {
			vr(rule.VariationOrRollout, ri)
		}
		if !n {
			acc.bodyVariants = countDistinct(acc.idx[start:])
			return
		}
	}
	vr(f.Fallthrough, -1)
	acc.bodyVariants = countDistinct(acc.idx[start:])
}

// segments is the payload's segment walk, built on first use.
func (rs *resolver) segments() *segments {
	if rs.segs == nil {
		rs.segs = newSegments(rs.p.Segments)
	}
	return rs.segs
}

func describeBadClause(c ldmodel.Clause) string {
	if !c.Attribute.IsDefined() {
		return "has no attribute"
	}
	return fmt.Sprintf("has the invalid attribute reference %q", c.Attribute.String())
}

// targetsThatCanMatch mirrors the evaluator's target lookup: contextTargets
// when present (a user-kind entry with no values defers to the first legacy
// target with the same variation), else the legacy targets; a target with no
// values matches nobody.
func targetsThatCanMatch(f *ldmodel.FeatureFlag) []ldmodel.Target {
	var out []ldmodel.Target
	if len(f.ContextTargets) == 0 {
		for _, t := range f.Targets {
			if len(t.Values) > 0 {
				out = append(out, t)
			}
		}
		return out
	}
	for _, t := range f.ContextTargets {
		if (t.ContextKind == "" || t.ContextKind == "user") && len(t.Values) == 0 {
			for _, t1 := range f.Targets {
				if t1.Variation == t.Variation {
					if len(t1.Values) > 0 {
						out = append(out, t1)
					}
					break
				}
			}
			continue
		}
		if len(t.Values) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// reachableBuckets returns the rollout entries some context can land in
// (rule 4), with the evaluator's own arithmetic (variationOrRolloutResult):
// the bucket is float32(hash)/float32(2^60-1), a float32 in [0, 1] that is
// exactly 1.0 for about 2^-25 of contexts; the weights are added as float32
// running sums, sum += float32(weight)/100000; the first entry whose sum
// exceeds the bucket is served, and a bucket at or above every sum goes to
// the last entry. So an entry is reachable when some bucket value lies in
// [the highest earlier sum, its sum), and the last entry also when every sum
// is at most 1.0 — "100% to A, 0% to B" serves B to the contexts whose
// bucket is 1.0.
func reachableBuckets(ws []ldmodel.WeightedVariation) []int {
	var out []int
	var sum float32
	lo := float32(0) // the lowest bucket value no earlier entry takes
	for j, w := range ws {
		sum += float32(w.Weight) / 100000.0 // as the evaluator writes it
		if minBucketFrom(lo) < sum {
			out = append(out, j)
		}
		lo = max(lo, sum)
	}
	last := len(ws) - 1
	if lo <= 1 && (len(out) == 0 || out[len(out)-1] != last) {
		out = append(out, last)
	}
	return out
}

// bucketScale is float32(0xFFFFFFFFFFFFFFF), which rounds to 2^60.
const bucketScale = float32(0xFFFFFFFFFFFFFFF)

// minBucketFrom is the smallest bucket value the evaluator can compute that
// is >= lo (+Inf above 1). Buckets are float32(h)/2^60 for 60-bit h: every
// float32 in [2^-36, 1] (there h is a float32 integer), and below that the
// multiples of 2^-60.
func minBucketFrom(lo float32) float32 {
	switch {
	case lo <= 0:
		return 0
	case lo > 1:
		return float32(math.Inf(1))
	case lo >= 1.0/(1<<36):
		return lo
	}
	return float32(math.Ceil(float64(lo)*float64(bucketScale))) / bucketScale
}

func countDistinct(idx []int) int {
	if len(idx) < 2 {
		return len(idx)
	}
	c := slices.Clone(idx)
	sort.Ints(c)
	return len(slices.Compact(c))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// collect adds what the flag serves past its prerequisites and returns its
// outcome set.
func (rs *resolver) collect(id int, acc *accum) outcomes {
	f := rs.nodes[id].flag
	if !f.On {
		rs.addOff(id, acc)
	} else if !acc.blocked {
		rs.body(f, acc)
	}
	sort.Ints(acc.idx)
	acc.idx = slices.Compact(acc.idx)
	return outcomes{idx: slices.Clip(acc.idx), null: acc.null, abort: acc.abort}
}

// finishTransient hands a transient frame's result to its parent and
// leaves the flag's memo as it was.
func (rs *resolver) finishTransient(fr *frame) {
	out := rs.collect(fr.id, &fr.acc)
	n := &rs.nodes[fr.id]
	n.state = fr.prev
	rs.stack[len(rs.stack)-1].got = &childResult{on: n.flag.On, out: out, cycle: fr.acc.cycle, abortWhy: fr.acc.abortWhy}
}

// finish turns a flag's collected outcomes into its memo and its Answer.
func (rs *resolver) finish(id int, acc *accum) {
	n := &rs.nodes[id]
	n.out = rs.collect(id, acc)
	n.cycle = acc.cycle
	n.abortWhy = acc.abortWhy
	n.state = done
	rs.answers[id] = rs.answer(id, acc)
}
