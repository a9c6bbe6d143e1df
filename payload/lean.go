package payload

import (
	"github.com/launchdarkly/go-jsonstream/v3/jreader"
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"
)

// ParseLean parses like Parse but keeps only what fallback.Resolve reads, so
// a large payload costs a fraction of its size in memory and the decode
// allocates little besides what it keeps:
//
//   - flags keep Key, On, Prerequisites, Targets and ContextTargets (kind and
//     variation), Rules (variation or rollout), Fallthrough, OffVariation and
//     Variations;
//   - a target's Values and a rule's Clauses are reduced to whether they are
//     empty (one shared placeholder when not: never evaluate a lean flag);
//   - rollouts keep only their weighted variations; everything else (salts,
//     versions, clause values, client-side availability…) is checked for its
//     type, as ldmodel does, and dropped;
//   - Segments is empty: no flag is evaluated.
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
	leanClauses = []ldmodel.Clause{{}}
)

// trimPayload reduces a fully parsed payload to the lean form.
func trimPayload(p *Payload) *Payload {
	out := &Payload{Shape: p.Shape, Loader: p.Loader, Flags: make(map[string]*ldmodel.FeatureFlag, len(p.Flags)), Segments: map[string]*ldmodel.Segment{},
		Deleted: make(map[string]*ldmodel.FeatureFlag, len(p.Deleted)), KeyFields: p.KeyFields, Warnings: p.Warnings}
	for k, f := range p.Flags {
		l := trimFlag(f)
		out.Flags[k] = &l
	}
	for k, f := range p.Deleted {
		l := trimFlag(f)
		out.Deleted[k] = &l
	}
	return out
}

// trimFlag is the lean copy of a full flag.
func trimFlag(f *ldmodel.FeatureFlag) ldmodel.FeatureFlag {
	l := ldmodel.FeatureFlag{Key: f.Key, On: f.On, Prerequisites: f.Prerequisites, OffVariation: f.OffVariation,
		Variations: f.Variations, Deleted: f.Deleted}
	for _, t := range f.Targets {
		l.Targets = append(l.Targets, leanTarget(t))
	}
	for _, t := range f.ContextTargets {
		l.ContextTargets = append(l.ContextTargets, leanTarget(t))
	}
	for _, r := range f.Rules {
		lr := ldmodel.FlagRule{VariationOrRollout: leanVR(r.VariationOrRollout)}
		if len(r.Clauses) > 0 {
			lr.Clauses = leanClauses
		}
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
	// flagish is set when the flag read had a "key" string, an "on"
	// boolean or a "variations" array (detectShape's test); the caller
	// resets it.
	flagish bool
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
		case "version", "samplingRatio":
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
				for a := r.ArrayOrNull(); a.Next(); {
					skipClause(r)
					rule.Clauses = leanClauses
				}
			case "trackEvents":
				r.Bool()
			}
		}
		out = append(out, rule)
	}
	return out
}

func skipClause(r *jreader.Reader) {
	for obj := r.Object(); obj.Next(); {
		switch string(obj.Name()) {
		case "contextKind", "op":
			r.StringAsBytes()
		case "attribute":
			skipStringOrNull(r)
		case "values":
			for a := r.ArrayOrNull(); a.Next(); {
				_ = r.SkipValue()
			}
		case "negate":
			r.Bool()
		}
	}
}

// skipStringOrNull accepts what Reader.StringOrNull accepts, without the copy.
func skipStringOrNull(r *jreader.Reader) {
	v := r.Any()
	switch v.Kind {
	case jreader.NullValue, jreader.StringValue:
	default:
		// Any has already consumed the start of an array or object; the
		// document is rejected either way and Parse words the error.
		r.AddError(jreader.TypeError{Expected: jreader.StringValue, Actual: v.Kind, Nullable: true})
	}
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
	for obj.Next() {
		switch string(obj.Name()) {
		case "kind", "contextKind":
			r.StringAsBytes()
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
			skipStringOrNull(r)
		case "seed":
			r.IntOrNull()
		}
	}
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
