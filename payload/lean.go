package payload

import (
	"slices"
	"strings"

	"github.com/launchdarkly/go-jsonstream/v3/jreader"
	"github.com/launchdarkly/go-sdk-common/v3/ldattr"
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"
)

// ParseLean parses like Parse but keeps only what fallback.Resolve reads, so
// a large payload costs a fraction of its size in memory and the decode
// allocates little besides what it keeps:
//
//   - flags keep Key, Version, On, Prerequisites, Targets and ContextTargets (kind and
//     variation), Rules (variation or rollout), Fallthrough, OffVariation and
//     Variations;
//   - a target's Values and a rule's Clauses are reduced to whether they are
//     empty (one shared placeholder when not: never evaluate a lean flag);
//   - rollouts keep only their weighted variations; everything else (salts,
//     versions, clause values, client-side availability…) is checked for its
//     type, as ldmodel does, and dropped;
//   - segments keep what the resolver's segment walk reads (trimSegment),
//     and segment-match clauses their segment keys and negate.
//
// It accepts and rejects exactly the documents Parse does: every field is
// read with the same jreader call ldmodel uses, and when the lean reader
// fails the document is parsed again by Parse, whose error is returned.
//
// The plain case goes through the streaming scanner and the fast reader
// (ParseLeanFile's path, here with all of data as the window); anything
// they do not take is parsed by the jreader path below.
func ParseLean(data []byte, source string) (*Payload, error) {
	s := &stream{buf: data, eof: true} // no reader: never refilled nor discarded
	if p, ok := s.parse(); ok {
		return p, nil
	}
	return parseLeanJreader(data, source)
}

// parseLeanJreader is ParseLean by jreader alone.
func parseLeanJreader(data []byte, source string) (*Payload, error) {
	data = stripBOM(data)
	if err := checkDepth(data, source); err != nil {
		return nil, err
	}
	shape, loader := detectShape(data)
	p, err := parseAs(data, source, shape, loader, true)
	if err == nil {
		fixSurrogates(data, p)
		return p, nil
	}
	// Errors are rare: let the full parser word them (and decide, should the
	// two readers ever disagree).
	full, err := Parse(data, source)
	if err != nil {
		return nil, err
	}
	return trimPayload(full), nil
}

// Placeholders standing for "not empty" in a lean flag. They are shared and
// must never be written to.
var (
	leanValues  = []string{""}
	leanClauses = []ldmodel.Clause{okClause}
	// okClause stands for any clause the evaluator can evaluate without an
	// error (a defined, valid attribute reference; not a segment match).
	okClause = ldmodel.Clause{Attribute: ldattr.NewLiteralRef("key"), Op: ldmodel.OperatorIn}
)

// ClauseKind is what the resolver needs to know of a clause.
type ClauseKind uint8

const (
	ClauseOK      ClauseKind = iota
	ClauseBad                // no attribute or an invalid reference: MALFORMED_FLAG, and the evaluation aborts
	ClauseSegment            // a segment match: its segments decide
)

// Classify mirrors the evaluator's clause checks (clauseMatchesContext):
// a segment match never looks at the attribute; any other clause fails with
// an error when its attribute reference is undefined or invalid.
func Classify(op ldmodel.Operator, attr ldattr.Ref) ClauseKind {
	switch {
	case op == ldmodel.OperatorSegmentMatch:
		return ClauseSegment
	case !attr.IsDefined() || attr.Err() != nil:
		return ClauseBad
	}
	return ClauseOK
}

// attrRef is ldmodel's setAttrNameOrRef: "" (or null) is undefined, a plain
// name without a context kind, a reference with one.
func attrRef(value string, kind ldcontext.Kind) ldattr.Ref {
	switch {
	case value == "":
		return ldattr.Ref{}
	case kind == "":
		return ldattr.NewLiteralRef(value)
	}
	return ldattr.NewRef(value)
}

// clauseList builds a rule's lean clauses: the shared placeholder when every
// clause is ordinary, else the clauses in order with each run of ordinary
// ones reduced to one okClause (the resolver reads only the order of the
// bad and segment clauses and whether ordinary ones precede them).
type clauseList struct {
	out     []ldmodel.Clause
	special bool
	n       int
	// intern, when set, shares equal special lists within a parse: rules
	// matching the same segments repeat across flags, and a list of its
	// own for each cost a tenth of the lean model (resolver never writes
	// to them).
	intern map[string][]ldmodel.Clause
}

func (c *clauseList) add(op ldmodel.Operator, attr ldattr.Ref, values []ldvalue.Value, negate bool) {
	c.n++
	switch Classify(op, attr) {
	case ClauseOK:
		if len(c.out) == 0 || !isOK(c.out[len(c.out)-1]) {
			c.out = append(c.out, okClause)
		}
		return
	case ClauseSegment:
		// The resolver follows segment matches (fallback/segments.go):
		// keep the segment keys (string values; others are skipped by
		// the evaluator) and negate.
		c.special = true
		c.out = append(c.out, ldmodel.Clause{Op: ldmodel.OperatorSegmentMatch, Values: segmentKeys(values), Negate: negate})
		return
	}
	c.special = true
	c.out = append(c.out, ldmodel.Clause{Attribute: attr, Op: op})
}

func isOK(c ldmodel.Clause) bool { return Classify(c.Op, c.Attribute) == ClauseOK }

// segmentKeys keeps the string values of a segment match, in order.
func segmentKeys(values []ldvalue.Value) []ldvalue.Value {
	var out []ldvalue.Value
	for _, v := range values {
		if v.IsString() {
			out = append(out, ldvalue.String(v.StringValue()))
		}
	}
	return out
}

// addRaw is add for the fast reader: the attribute as written and whether
// the clause has a context kind, and for a segment match its string values
// and negate. It parses a reference only when one could be invalid (a
// context kind and a leading slash), so an ordinary clause costs no
// allocation.
func (c *clauseList) addRaw(op, attr []byte, hasKind bool, segKeys [][]byte, negate bool) {
	switch {
	case string(op) == string(ldmodel.OperatorSegmentMatch):
		vals := make([]ldvalue.Value, len(segKeys))
		for i, k := range segKeys {
			vals[i] = ldvalue.String(string(k))
		}
		c.add(ldmodel.OperatorSegmentMatch, ldattr.Ref{}, vals, negate)
	case len(attr) == 0:
		c.add(ldmodel.Operator(op), ldattr.Ref{}, nil, false)
	case !hasKind || attr[0] != '/':
		c.add(okClause.Op, okClause.Attribute, nil, false)
	default:
		c.add(ldmodel.Operator(op), ldattr.NewRef(string(attr)), nil, false)
	}
}

func (c *clauseList) clauses() []ldmodel.Clause {
	switch {
	case c.n == 0:
		return nil
	case !c.special:
		return leanClauses
	case c.intern == nil:
		return slices.Clip(c.out)
	}
	var b strings.Builder
	for _, cl := range c.out {
		b.WriteString(string(cl.Op))
		b.WriteByte(0)
		b.WriteString(cl.Attribute.String())
		if cl.Attribute.Err() != nil {
			b.WriteString("\x00!")
		}
		if cl.Negate {
			b.WriteString("\x00n")
		}
		for _, v := range cl.Values {
			b.WriteByte(1)
			b.WriteString(v.StringValue())
		}
		b.WriteByte(2)
	}
	key := b.String()
	if shared, ok := c.intern[key]; ok {
		return shared
	}
	out := slices.Clip(slices.Clone(c.out)) // cap = len: a repeated clauses member appends to a copy
	c.intern[key] = out
	return out
}

// leanRolloutBucketBy keeps a rollout's bucketBy only when it breaks the
// evaluation: an invalid reference (with a context kind) in a rollout that is
// not an experiment (experiments always bucket by key).
func leanRolloutBucketBy(kind ldmodel.RolloutKind, ref ldattr.Ref) ldattr.Ref {
	if kind != ldmodel.RolloutKindExperiment && ref.IsDefined() && ref.Err() != nil {
		return ref
	}
	return ldattr.Ref{}
}

// trimPayload reduces a fully parsed payload to the lean form.
func trimPayload(p *Payload) *Payload {
	out := &Payload{Shape: p.Shape, Loader: p.Loader, Flags: make(map[string]*ldmodel.FeatureFlag, len(p.Flags)), Segments: make(map[string]*ldmodel.Segment, len(p.Segments)),
		Deleted: make(map[string]*ldmodel.FeatureFlag, len(p.Deleted)), KeyFields: p.KeyFields, Warnings: p.Warnings}
	for k, f := range p.Flags {
		l := trimFlag(f)
		out.Flags[k] = &l
	}
	for k, s := range p.Segments {
		out.Segments[k] = trimSegment(s)
	}
	for k, f := range p.Deleted {
		l := trimFlag(f)
		out.Deleted[k] = &l
	}
	return out
}

// trimSegment is the lean copy of a full segment: what the resolver's
// segment walk reads (fallback/segments.go). Target lists are reduced to
// whether they are empty, rule clauses as a flag's, bucketBy kept only when
// it breaks a weighted rule.
func trimSegment(s *ldmodel.Segment) *ldmodel.Segment {
	l := &ldmodel.Segment{Key: s.Key, Unbounded: s.Unbounded, Generation: s.Generation, Deleted: s.Deleted}
	if len(s.Included) > 0 {
		l.Included = leanValues
	}
	if len(s.Excluded) > 0 {
		l.Excluded = leanValues
	}
	for _, t := range s.IncludedContexts {
		if len(t.Values) > 0 {
			l.IncludedContexts = []ldmodel.SegmentTarget{{Values: leanValues}}
			break
		}
	}
	for _, t := range s.ExcludedContexts {
		if len(t.Values) > 0 {
			l.ExcludedContexts = []ldmodel.SegmentTarget{{Values: leanValues}}
			break
		}
	}
	for _, r := range s.Rules {
		lr := ldmodel.SegmentRule{Weight: r.Weight, RolloutContextKind: r.RolloutContextKind}
		if r.BucketBy.IsDefined() && r.BucketBy.Err() != nil {
			lr.BucketBy = r.BucketBy
		}
		var cl clauseList
		for _, c := range r.Clauses {
			cl.add(c.Op, c.Attribute, c.Values, c.Negate)
		}
		lr.Clauses = cl.clauses()
		l.Rules = append(l.Rules, lr)
	}
	return l
}

// trimFlag is the lean copy of a full flag.
func trimFlag(f *ldmodel.FeatureFlag) ldmodel.FeatureFlag {
	l := ldmodel.FeatureFlag{Key: f.Key, On: f.On, Prerequisites: f.Prerequisites, OffVariation: f.OffVariation,
		Variations: f.Variations, Deleted: f.Deleted, Version: f.Version}
	for _, t := range f.Targets {
		l.Targets = append(l.Targets, leanTarget(t))
	}
	for _, t := range f.ContextTargets {
		l.ContextTargets = append(l.ContextTargets, leanTarget(t))
	}
	for _, r := range f.Rules {
		lr := ldmodel.FlagRule{VariationOrRollout: leanVR(r.VariationOrRollout)}
		var cl clauseList
		for _, c := range r.Clauses {
			cl.add(c.Op, c.Attribute, c.Values, c.Negate)
		}
		lr.Clauses = cl.clauses()
		l.Rules = append(l.Rules, lr)
	}
	l.Fallthrough = leanVR(f.Fallthrough)
	return l
}

func leanTarget(t ldmodel.Target) ldmodel.Target {
	l := ldmodel.Target{ContextKind: t.ContextKind, Variation: t.Variation}
	if len(t.Values) > 0 {
		l.Values = leanValues
	}
	return l
}

func leanVR(v ldmodel.VariationOrRollout) ldmodel.VariationOrRollout {
	l := ldmodel.VariationOrRollout{Variation: v.Variation}
	l.Rollout.BucketBy = leanRolloutBucketBy(v.Rollout.Kind, v.Rollout.BucketBy)
	for _, wv := range v.Rollout.Variations {
		l.Rollout.Variations = append(l.Rollout.Variations, ldmodel.WeightedVariation{Variation: wv.Variation, Weight: wv.Weight})
	}
	return l
}

// The readers below mirror ldmodel's (model_unmarshal.go in
// go-server-sdk-evaluation v3) call for call, so they accept the same
// documents, but store only what the resolver reads. Strings that are not
// kept are read with StringAsBytes (no copy) and arbitrary JSON values with
// SkipValue, which accepts exactly what ldvalue's reader accepts.

// leanReader holds scratch slices reused from flag to flag, so every slice a
// flag keeps is allocated once at its exact length (append's doubling would
// leave a third of the model as spare capacity).
type leanReader struct {
	prereqs  []ldmodel.Prerequisite
	targets  []ldmodel.Target
	rules    []ldmodel.FlagRule
	values   []ldvalue.Value
	weighted []ldmodel.WeightedVariation
	// clauseIntern shares equal special clause lists (clauseList.intern).
	clauseIntern map[string][]ldmodel.Clause
	// flagish is set when the flag read had a "key" string, an "on"
	// boolean or a "variations" array (detectShape's test); the caller
	// resets it.
	flagish bool
}

// interner returns the parse's clause-list intern map.
func (lr *leanReader) interner() map[string][]ldmodel.Clause {
	if lr.clauseIntern == nil {
		lr.clauseIntern = map[string][]ldmodel.Clause{}
	}
	return lr.clauseIntern
}

// appendExact appends src to dst in a new slice of exactly the needed length.
func appendExact[T any](dst, src []T) []T {
	if len(src) == 0 {
		return dst
	}
	out := make([]T, len(dst)+len(src))
	copy(out, dst)
	copy(out[len(dst):], src)
	return out
}

func (lr *leanReader) readFlag(r *jreader.Reader, flag *ldmodel.FeatureFlag) {
	for obj := r.Object(); obj.Next(); {
		switch string(obj.Name()) {
		case "key":
			flag.Key = r.String()
			lr.flagish = true
		case "on":
			flag.On = r.Bool()
			lr.flagish = true
		case "prerequisites":
			lr.prereqs = readLeanPrerequisites(r, lr.prereqs[:0])
			flag.Prerequisites = appendExact(flag.Prerequisites, lr.prereqs)
		case "targets":
			lr.targets = readLeanTargets(r, lr.targets[:0])
			flag.Targets = appendExact(flag.Targets, lr.targets)
		case "contextTargets":
			lr.targets = readLeanTargets(r, lr.targets[:0])
			flag.ContextTargets = appendExact(flag.ContextTargets, lr.targets)
		case "rules":
			lr.rules = lr.readRules(r, lr.rules[:0])
			flag.Rules = appendExact(flag.Rules, lr.rules)
		case "fallthrough":
			lr.readVariationOrRollout(r, &flag.Fallthrough)
		case "offVariation":
			flag.OffVariation.ReadFromJSONReader(r)
		case "variations":
			lr.values = lr.values[:0]
			a := r.ArrayOrNull()
			lr.flagish = lr.flagish || a.IsDefined()
			for a.Next() {
				var v ldvalue.Value
				v.ReadFromJSONReader(r)
				lr.values = append(lr.values, v)
			}
			flag.Variations = appendExact(flag.Variations, lr.values)
			clear(lr.values) // drop references to the values now kept by the flag
		case "clientSideAvailability":
			for o := r.ObjectOrNull(); o.Next(); {
				switch string(o.Name()) {
				case "usingEnvironmentId", "usingMobileKey":
					r.Bool()
				}
			}
		case "clientSide", "trackEvents", "trackEventsFallthrough", "deleted", "excludeFromSummaries":
			b := r.Bool()
			if string(obj.Name()) == "deleted" {
				flag.Deleted = b
			}
		case "salt":
			r.StringAsBytes()
		case "debugEventsUntilDate":
			r.Float64OrNull()
		case "version":
			flag.Version = r.Int() // policy: the version an intent was written against
		case "samplingRatio":
			r.Int()
		case "migration":
			for o := r.ObjectOrNull(); o.Next(); {
				if string(o.Name()) == "checkRatio" {
					r.Int()
				}
			}
		}
	}
}

func readLeanPrerequisites(r *jreader.Reader, out []ldmodel.Prerequisite) []ldmodel.Prerequisite {
	for arr := r.ArrayOrNull(); arr.Next(); {
		var prereq ldmodel.Prerequisite
		for obj := r.Object(); obj.Next(); {
			switch string(obj.Name()) {
			case "key":
				prereq.Key = r.String()
			case "variation":
				prereq.Variation = r.Int()
			}
		}
		out = append(out, prereq)
	}
	return out
}

func readLeanTargets(r *jreader.Reader, out []ldmodel.Target) []ldmodel.Target {
	for arr := r.ArrayOrNull(); arr.Next(); {
		var t ldmodel.Target
		for obj := r.Object(); obj.Next(); {
			switch string(obj.Name()) {
			case "contextKind":
				t.ContextKind = internKind(r.StringAsBytes())
			case "values":
				// ldmodel appends, so a repeated "values" adds up.
				for a := r.ArrayOrNull(); a.Next(); {
					r.StringAsBytes()
					t.Values = leanValues
				}
			case "variation":
				t.Variation = r.Int()
			}
		}
		out = append(out, t)
	}
	return out
}

func (lr *leanReader) readRules(r *jreader.Reader, out []ldmodel.FlagRule) []ldmodel.FlagRule {
	for arr := r.ArrayOrNull(); arr.Next(); {
		rule := ldmodel.FlagRule{}
		for obj := r.Object(); obj.Next(); {
			switch string(obj.Name()) {
			case "id":
				r.StringAsBytes()
			case "variation":
				rule.Variation.ReadFromJSONReader(r)
			case "rollout":
				lr.readRollout(r, &rule.Rollout)
			case "clauses":
				// ldmodel appends, so a repeated "clauses" adds up.
				cl := clauseList{out: rule.Clauses, n: len(rule.Clauses), special: len(rule.Clauses) > 0 && &rule.Clauses[0] != &leanClauses[0], intern: lr.interner()}
				for a := r.ArrayOrNull(); a.Next(); {
					readLeanClause(r, &cl)
				}
				if cl.n > 0 && !cl.special {
					cl.out = nil
				}
				rule.Clauses = cl.clauses()
			case "trackEvents":
				r.Bool()
			}
		}
		out = append(out, rule)
	}
	return out
}

func readLeanClause(r *jreader.Reader, cl *clauseList) {
	var kind ldcontext.Kind
	var attr string
	var op ldmodel.Operator
	var strs []ldvalue.Value // string values, kept for a segment match
	negate := false
	for obj := r.Object(); obj.Next(); {
		switch string(obj.Name()) {
		case "contextKind":
			kind = ldcontext.Kind(r.String())
		case "op":
			op = ldmodel.Operator(r.String())
		case "attribute":
			attr, _ = r.StringOrNull()
		case "values":
			for a := r.ArrayOrNull(); a.Next(); {
				v := r.Any()
				switch v.Kind {
				case jreader.StringValue:
					strs = append(strs, ldvalue.String(v.String))
				case jreader.ArrayValue:
					for v.Array.Next() {
						_ = r.SkipValue()
					}
				case jreader.ObjectValue:
					for v.Object.Next() {
						_ = r.SkipValue()
					}
				}
			}
		case "negate":
			negate = r.Bool()
		}
	}
	cl.add(op, attrRef(attr, kind), strs, negate)
}

func (lr *leanReader) readVariationOrRollout(r *jreader.Reader, out *ldmodel.VariationOrRollout) {
	for obj := r.Object(); obj.Next(); {
		switch string(obj.Name()) {
		case "variation":
			out.Variation.ReadFromJSONReader(r)
		case "rollout":
			lr.readRollout(r, &out.Rollout)
		}
	}
}

func (lr *leanReader) readRollout(r *jreader.Reader, out *ldmodel.Rollout) {
	obj := r.ObjectOrNull()
	if !obj.IsDefined() {
		*out = ldmodel.Rollout{}
		return
	}
	var kind ldmodel.RolloutKind
	var ctxKind ldcontext.Kind
	var bucketBy string
	for obj.Next() {
		switch string(obj.Name()) {
		case "kind":
			kind = ldmodel.RolloutKind(r.StringAsBytes())
		case "contextKind":
			ctxKind = ldcontext.Kind(r.StringAsBytes())
		case "variations":
			lr.weighted = lr.weighted[:0]
			for arr := r.Array(); arr.Next(); {
				var wv ldmodel.WeightedVariation
				for wrObj := r.Object(); wrObj.Next(); {
					switch string(wrObj.Name()) {
					case "variation":
						wv.Variation = r.Int()
					case "weight":
						wv.Weight = r.Int()
					case "untracked":
						r.Bool()
					}
				}
				lr.weighted = append(lr.weighted, wv)
			}
			out.Variations = appendExact(out.Variations, lr.weighted)
		case "bucketBy":
			bucketBy, _ = r.StringOrNull()
		case "seed":
			r.IntOrNull()
		}
	}
	out.BucketBy = leanRolloutBucketBy(kind, attrRef(bucketBy, ctxKind))
}

// internKind avoids one string allocation per target for the common kinds.
func internKind(b []byte) ldcontext.Kind {
	switch string(b) {
	case "":
		return ""
	case "user":
		return "user"
	}
	return ldcontext.Kind(b)
}
