package fallback

import (
	"fmt"
	"slices"

	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"

	"github.com/ldfallback/ldfallback/payload"
)

// What a clause or a segment can come to over all contexts: a set of
// these bits. For a segment: T (the context is in it), F (not), E (its
// evaluation fails: a circular segment reference, a malformed segment
// rule), which aborts the flag's evaluation with MALFORMED_FLAG. For a
// clause: M (matches), N (does not), E.
const (
	bitT = 1 << iota
	bitF
	bitE
	bitM = bitT
	bitN = bitF
)

// segResult is a segment's outcome set and, when it can fail, why.
type segResult struct {
	out uint8
	why string
}

// segments mirrors the evaluator's segmentContainsContext over all
// contexts (evaluator_segment.go in go-server-sdk-evaluation v3): clause
// values are not solved (an ordinary clause may match or not), but the
// order of the checks, the segment chain of its cycle check (by each
// segment's "key" field, as for flags) and the errors are the evaluator's.
//
// A segment's result can depend on the chain it is evaluated under when it
// is on a cycle of segment references, or reaches a segment whose "key"
// field another segment shares: such a segment (dependent) is evaluated
// again under each chain, up to a budget past which it is assumed able to
// do anything (T, F and E: the flag then gets its off variation and a
// warning). Every other segment is evaluated once.
type segments struct {
	segs      map[string]*ldmodel.Segment
	dependent map[string]bool
	memo      map[string]segResult // chain-independent results, and dependent ones under the empty chain
	budget    int
	path      map[string]int
	depth     int
}

func newSegments(segs map[string]*ldmodel.Segment) *segments {
	sa := &segments{segs: segs, memo: map[string]segResult{}, dependent: map[string]bool{}, budget: 100000}
	sa.findDependent()
	return sa
}

// refs are the segments a segment's rules can name (existing ones, by map
// key).
func (sa *segments) refs(s *ldmodel.Segment) []string {
	var out []string
	for _, r := range s.Rules {
		for _, c := range r.Clauses {
			if c.Op != ldmodel.OperatorSegmentMatch {
				continue
			}
			for _, v := range c.Values {
				if _, ok := sa.segs[v.StringValue()]; ok && v.IsString() {
					out = append(out, v.StringValue())
				}
			}
		}
	}
	return out
}

// findDependent marks the segments on a cycle (Tarjan's strongly
// connected components) and those reaching a segment whose "key" field is
// shared.
func (sa *segments) findDependent() {
	fieldCount := map[string]int{}
	for _, s := range sa.segs {
		fieldCount[s.Key]++
	}
	keys := make([]string, 0, len(sa.segs))
	for k := range sa.segs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	edges := map[string][]string{}
	for _, k := range keys {
		edges[k] = sa.refs(sa.segs[k])
	}
	index, low := map[string]int{}, map[string]int{}
	onStack := map[string]bool{}
	var stack []string
	next := 0
	var strong func(v string)
	strong = func(v string) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range edges[v] {
			if _, seen := index[w]; !seen {
				strong(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] != index[v] {
			return
		}
		var comp []string
		for {
			w := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			onStack[w] = false
			comp = append(comp, w)
			if w == v {
				break
			}
		}
		if len(comp) > 1 || slices.Contains(edges[v], v) {
			for _, w := range comp {
				sa.dependent[w] = true
			}
		}
	}
	for _, k := range keys {
		if _, seen := index[k]; !seen {
			strong(k)
		}
	}
	// Back from every shared field along reversed references.
	back := map[string][]string{}
	reach := map[string]bool{}
	var todo []string
	for _, k := range keys {
		for _, w := range edges[k] {
			back[w] = append(back[w], k)
		}
		if fieldCount[sa.segs[k].Key] > 1 {
			reach[k] = true
			todo = append(todo, k)
		}
	}
	for len(todo) > 0 {
		k := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, d := range back[k] {
			if !reach[d] {
				reach[d] = true
				todo = append(todo, d)
			}
		}
	}
	for k := range reach {
		sa.dependent[k] = true
	}
}

// eval is segmentContainsContext for segment key under the current chain
// (path: the "key" fields of the dependent segments being evaluated, and
// depth their number). A segment that is not dependent cannot meet any
// segment of the chain above it (that would put it on a cycle or make it
// reach a shared field), so it is evaluated under an empty chain, once.
func (sa *segments) eval(key string) segResult {
	s := sa.segs[key]
	dep := sa.dependent[key]
	if dep && sa.path[s.Key] > 0 {
		return segResult{bitE, fmt.Sprintf("segment %q refers back to itself through its rules (a circular segment reference)", key)}
	}
	if r, ok := sa.memo[key]; ok && (!dep || sa.depth == 0) {
		return r
	}
	var r segResult
	if dep {
		if sa.budget <= 0 {
			return segResult{bitT | bitF | bitE, fmt.Sprintf("segment %q is on a tangle of segment references too large to follow, so a circular reference is assumed", key)}
		}
		sa.budget--
		if sa.path == nil {
			sa.path = map[string]int{}
		}
		sa.path[s.Key]++
		sa.depth++
		r = sa.compute(key, s)
		sa.path[s.Key]--
		sa.depth--
	} else {
		path, depth := sa.path, sa.depth
		sa.path, sa.depth = nil, 0
		r = sa.compute(key, s)
		sa.path, sa.depth = path, depth
	}
	if !dep || sa.depth == 0 {
		sa.memo[key] = r
	}
	return r
}

func (sa *segments) compute(key string, s *ldmodel.Segment) segResult {
	var res segResult
	fail := func(why string) {
		res.out |= bitE
		if res.why == "" {
			res.why = why
		}
	}
	if s.Unbounded {
		if !s.Generation.IsDefined() {
			return segResult{out: bitF} // "not configured": no match, rules unread
		}
		// A big segment store may say in or out; without an answer the
		// rules decide.
		res.out |= bitT | bitF
	} else {
		if len(s.Included) > 0 || hasValues(s.IncludedContexts) {
			res.out |= bitT
		}
		if len(s.Excluded) > 0 || hasValues(s.ExcludedContexts) {
			res.out |= bitF
		}
	}
	for ri, rule := range s.Rules {
		m, n, e, why := sa.clauses(rule.Clauses)
		if e {
			fail(fmt.Sprintf("segment %q rule %d: %s", key, ri, why))
		}
		if m {
			switch {
			case !rule.Weight.IsDefined():
				res.out |= bitT
			case rule.BucketBy.IsDefined() && rule.BucketBy.Err() != nil:
				// computeBucketValue fails before it looks at the context.
				fail(fmt.Sprintf("segment %q rule %d is weighted and buckets by %q, which is not a valid attribute reference", key, ri, rule.BucketBy.String()))
			default:
				if float32(rule.Weight.IntValue())/100000.0 > 0 && validKind(rule.RolloutContextKind) {
					res.out |= bitT
				}
				n = true // a context without that kind, or bucketed past the weight
			}
		}
		if !n {
			return res
		}
	}
	res.out |= bitF
	return res
}

// clauses mirrors a rule's clause loop (every clause must match; the first
// that does not, or fails, ends it): whether all can match (m), some
// context can fail to match (n), and whether one can fail (e, with why).
func (sa *segments) clauses(cs []ldmodel.Clause) (m, n, e bool, why string) {
	m = true
	for _, c := range cs {
		out, w := sa.clause(c)
		if out&bitE != 0 && !e {
			e, why = true, "clause "+w
		}
		if out&bitN != 0 {
			n = true
		}
		if out&bitM == 0 {
			return false, n, e, why
		}
	}
	return m, n, e, why
}

// clause is clauseMatchesContext over all contexts.
func (sa *segments) clause(c ldmodel.Clause) (uint8, string) {
	switch payload.Classify(c.Op, c.Attribute) {
	case payload.ClauseBad:
		return bitE, describeBadClause(c)
	case payload.ClauseOK:
		return bitM | bitN, ""
	}
	var out uint8
	why := ""
	going := true // some context has not matched a segment yet
	for _, v := range c.Values {
		if !going {
			break
		}
		if !v.IsString() {
			continue
		}
		if _, ok := sa.segs[v.StringValue()]; !ok {
			continue // GetSegment is nil: skipped
		}
		r := sa.eval(v.StringValue())
		if r.out&bitT != 0 {
			out |= bitM
		}
		if r.out&bitE != 0 && why == "" {
			out |= bitE
			why = clip(fmt.Sprintf("matches segment %q: %s", v.StringValue(), r.why), 300)
		}
		going = r.out&bitF != 0
	}
	if going {
		out |= bitN
	}
	if c.Negate {
		out = out&bitE | (out&bitM)<<1 | (out&bitN)>>1
	}
	return out, why
}

func hasValues(ts []ldmodel.SegmentTarget) bool {
	for _, t := range ts {
		if len(t.Values) > 0 {
			return true
		}
	}
	return false
}

// validKind is ldcontext's test of a context kind: a rollout by a kind no
// context can have never matches.
func validKind(k ldcontext.Kind) bool {
	switch k {
	case "":
		return true
	case ldcontext.MultiKind, "kind":
		return false
	}
	for _, ch := range k {
		if (ch < 'a' || ch > 'z') && (ch < 'A' || ch > 'Z') && (ch < '0' || ch > '9') && ch != '.' && ch != '_' && ch != '-' {
			return false
		}
	}
	return true
}
