package payload

import (
	"encoding/binary"
	"strconv"

	"github.com/launchdarkly/go-jsonstream/v3/jreader"
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"
)

// fastReader decodes one flag's bytes into the lean model without jreader,
// for the plain case only: strict JSON, JSON whitespace, strings without
// escapes, integers of at most 18 digits (fractions and exponents go through
// strconv.ParseFloat as jreader does). Anything else (an escape, a null or a
// type jreader would reject, odd whitespace, a syntax jreader tolerates)
// sets bad, and the caller decodes the flag again with leanReader, whose
// result and error stand. So it never decides anything leanReader would
// decide differently: what it accepts, leanReader accepts with the same
// model (FuzzFastFlag checks this).
//
// jreader reads strings a rune at a time through a bytes.Reader; here a
// string is a slice of the input found by one scan for its closing quote.
type fastReader struct {
	data  []byte
	pos   int
	bad   bool
	depth int
}

// fail marks the flag as not plain; every method then returns zero values
// and loops end.
func (r *fastReader) fail() { r.bad = true; r.pos = len(r.data) }

// ws skips JSON whitespace and returns the next byte (0 at the end).
func (r *fastReader) ws() byte {
	// Compact JSON has no whitespace: one test for the common case.
	if r.pos < len(r.data) && r.data[r.pos] > ' ' {
		return r.data[r.pos]
	}
	for r.pos < len(r.data) {
		switch c := r.data[r.pos]; c {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return c
		}
	}
	return 0
}

// endOfScalar reports whether a scalar token may end at pos: jreader would
// otherwise read the next bytes as another token (or reject them).
func (r *fastReader) endOfScalar() bool {
	if r.pos == len(r.data) {
		return true
	}
	switch r.data[r.pos] {
	case ',', '}', ']', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}

// str reads a string without escapes and returns its bytes (a slice of the
// input: copy to keep).
func (r *fastReader) str() []byte {
	if r.ws() != '"' {
		r.fail()
		return nil
	}
	start := r.pos + 1
	d := r.data
	i := start
	// Eight bytes at a time while none is a quote or a backslash (the
	// classic has-zero-byte test on the word xor each of them).
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(d); i += 8 {
		x := binary.LittleEndian.Uint64(d[i:])
		q, b := x^(ones*'"'), x^(ones*'\\')
		if ((q-ones)&^q|(b-ones)&^b)&highs != 0 {
			break
		}
	}
	for ; i < len(d); i++ {
		switch d[i] {
		case '"':
			r.pos = i + 1
			return d[start:i]
		case '\\':
			r.fail()
			return nil
		}
	}
	r.fail()
	return nil
}

// isNull consumes a null and reports whether there was one.
func (r *fastReader) isNull() bool {
	if r.ws() != 'n' {
		return false
	}
	if !r.lit("null") {
		r.fail()
	}
	return true
}

// lit consumes the literal word w.
func (r *fastReader) lit(w string) bool {
	if len(r.data)-r.pos < len(w) || string(r.data[r.pos:r.pos+len(w)]) != w {
		return false
	}
	r.pos += len(w)
	return r.endOfScalar()
}

func (r *fastReader) boolean() bool {
	switch r.ws() {
	case 't':
		if r.lit("true") {
			return true
		}
	case 'f':
		if r.lit("false") {
			return false
		}
	}
	r.fail()
	return false
}

// number reads a strict JSON number as jreader computes it: an integer
// token through int64 (as parseIntFromBytes), anything else through
// strconv.ParseFloat.
func (r *fastReader) number() float64 {
	d := r.data
	r.ws()
	start, i := r.pos, r.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	digits := i
	if i < len(d) && d[i] == '0' {
		i++
	} else {
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	intEnd := i
	if intEnd == digits {
		r.fail()
		return 0
	}
	isFloat := false
	if i < len(d) && d[i] == '.' {
		i++
		f := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		if i == f {
			r.fail()
			return 0
		}
		isFloat = true
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		e := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		if i == e {
			r.fail()
			return 0
		}
		isFloat = true
	}
	r.pos = i
	if !r.endOfScalar() {
		r.fail()
		return 0
	}
	if isFloat {
		n, err := strconv.ParseFloat(string(d[start:i]), 64)
		if err != nil {
			r.fail()
		}
		return n
	}
	if intEnd-digits > 15 {
		// jreader's int64 arithmetic may wrap, and the value may not be
		// a float64: leave it to jreader and exactValue.
		r.fail()
		return 0
	}
	var n int64
	for _, c := range d[digits:intEnd] {
		n = n*10 + int64(c-'0')
	}
	if digits > start {
		n = -n
	}
	return float64(n)
}

func (r *fastReader) integer() int { return int(r.number()) }

// optInt reads what OptionalInt.ReadFromJSONReader reads.
func (r *fastReader) optInt(out *ldvalue.OptionalInt) {
	if r.isNull() {
		*out = ldvalue.OptionalInt{}
		return
	}
	n := r.integer()
	if !r.bad {
		*out = ldvalue.NewOptionalInt(n)
	}
}

// open consumes the delimiter c ('{' or '['); with orNull, a null instead
// reports false.
func (r *fastReader) open(c byte, orNull bool) bool {
	if orNull && r.isNull() {
		return false
	}
	if r.ws() != c {
		r.fail()
		return false
	}
	r.pos++
	return true
}

// next advances to the next element of the array or object whose closing
// delimiter is end; n counts the elements seen. For an object it also
// reads the member's name and colon, returned as name.
func (r *fastReader) next(end byte, n *int) bool {
	c := r.ws()
	if c == end {
		r.pos++
		return false
	}
	if *n > 0 {
		if c != ',' {
			r.fail()
			return false
		}
		r.pos++
	}
	*n++
	return !r.bad
}

// name reads a member name and its colon.
func (r *fastReader) name() []byte {
	b := r.str()
	if r.ws() != ':' {
		r.fail()
		return nil
	}
	r.pos++
	return b
}

// skip validates and skips any value (what SkipValue accepts, strictly).
func (r *fastReader) skip() {
	switch r.ws() {
	case '"':
		r.str()
	case '{':
		r.depth++
		if r.depth > 64 {
			r.fail()
			return
		}
		r.pos++
		for n := 0; r.next('}', &n); {
			r.name()
			r.skip()
		}
		r.depth--
	case '[':
		r.depth++
		if r.depth > 64 {
			r.fail()
			return
		}
		r.pos++
		for n := 0; r.next(']', &n); {
			r.skip()
		}
		r.depth--
	case 't', 'f':
		r.boolean()
	case 'n':
		r.isNull()
	default:
		r.number()
	}
}

// value reads an ldvalue.Value: scalars here, arrays and objects through
// ldvalue's own reader on their bytes.
func (r *fastReader) value() ldvalue.Value {
	switch r.ws() {
	case '"':
		return ldvalue.String(string(r.str()))
	case 't', 'f':
		return ldvalue.Bool(r.boolean())
	case 'n':
		r.isNull()
		return ldvalue.Null()
	case '{', '[':
		start := r.pos
		r.skip()
		if r.bad {
			return ldvalue.Null()
		}
		var v ldvalue.Value
		jr := jreader.NewReader(r.data[start:r.pos])
		v.ReadFromJSONReader(&jr)
		if jr.Error() != nil || jr.RequireEOF() != nil {
			r.fail()
		}
		return v
	}
	return ldvalue.Float64(r.number())
}

// flag mirrors leanReader.readFlag field for field; the flag must be all
// of data.
func (r *fastReader) flag(lr *leanReader, flag *ldmodel.FeatureFlag) {
	r.object(lr, flag)
	if r.ws(); r.pos != len(r.data) {
		r.fail() // data after the flag (RequireEOF)
	}
}

// object reads the flag object starting at pos and stops after it.
func (r *fastReader) object(lr *leanReader, flag *ldmodel.FeatureFlag) {
	if !r.open('{', false) {
		return
	}
	for n := 0; r.next('}', &n); {
		switch string(r.name()) {
		case "key":
			flag.Key = string(r.str())
			lr.flagish = true
		case "on":
			flag.On = r.boolean()
			lr.flagish = true
		case "prerequisites":
			lr.prereqs = lr.prereqs[:0]
			if r.open('[', true) {
				for n := 0; r.next(']', &n); {
					var p ldmodel.Prerequisite
					if r.open('{', false) {
						for n := 0; r.next('}', &n); {
							switch string(r.name()) {
							case "key":
								p.Key = string(r.str())
							case "variation":
								p.Variation = r.integer()
							default:
								r.skip()
							}
						}
					}
					lr.prereqs = append(lr.prereqs, p)
				}
			}
			flag.Prerequisites = appendExact(flag.Prerequisites, lr.prereqs)
		case "targets":
			lr.targets = r.targets(lr.targets[:0])
			flag.Targets = appendExact(flag.Targets, lr.targets)
		case "contextTargets":
			lr.targets = r.targets(lr.targets[:0])
			flag.ContextTargets = appendExact(flag.ContextTargets, lr.targets)
		case "rules":
			lr.rules = r.rules(lr, lr.rules[:0])
			flag.Rules = appendExact(flag.Rules, lr.rules)
		case "fallthrough":
			r.variationOrRollout(lr, &flag.Fallthrough)
		case "offVariation":
			r.optInt(&flag.OffVariation)
		case "variations":
			lr.values = lr.values[:0]
			if r.open('[', true) {
				lr.flagish = true
				for n := 0; r.next(']', &n); {
					lr.values = append(lr.values, r.value())
				}
			}
			flag.Variations = appendExact(flag.Variations, lr.values)
			clear(lr.values)
		case "clientSideAvailability":
			if r.open('{', true) {
				for n := 0; r.next('}', &n); {
					switch string(r.name()) {
					case "usingEnvironmentId", "usingMobileKey":
						r.boolean()
					default:
						r.skip()
					}
				}
			}
		case "clientSide", "trackEvents", "trackEventsFallthrough", "excludeFromSummaries":
			r.boolean()
		case "deleted":
			flag.Deleted = r.boolean()
		case "salt":
			r.str()
		case "debugEventsUntilDate":
			if !r.isNull() {
				r.number()
			}
		case "version":
			flag.Version = r.integer()
		case "samplingRatio":
			r.number()
		case "migration":
			if r.open('{', true) {
				for n := 0; r.next('}', &n); {
					if string(r.name()) == "checkRatio" {
						r.number()
					} else {
						r.skip()
					}
				}
			}
		default:
			r.skip()
		}
	}
}

func (r *fastReader) targets(out []ldmodel.Target) []ldmodel.Target {
	if !r.open('[', true) {
		return out
	}
	for n := 0; r.next(']', &n); {
		var t ldmodel.Target
		if r.open('{', false) {
			for n := 0; r.next('}', &n); {
				switch string(r.name()) {
				case "contextKind":
					t.ContextKind = internKind(r.str())
				case "values":
					if r.open('[', true) {
						for n := 0; r.next(']', &n); {
							r.str()
							t.Values = leanValues
						}
					}
				case "variation":
					t.Variation = r.integer()
				default:
					r.skip()
				}
			}
		}
		out = append(out, t)
	}
	return out
}

func (r *fastReader) rules(lr *leanReader, out []ldmodel.FlagRule) []ldmodel.FlagRule {
	if !r.open('[', true) {
		return out
	}
	for n := 0; r.next(']', &n); {
		rule := ldmodel.FlagRule{}
		if r.open('{', false) {
			for n := 0; r.next('}', &n); {
				switch string(r.name()) {
				case "id":
					r.str()
				case "variation":
					r.optInt(&rule.Variation)
				case "rollout":
					r.rollout(lr, &rule.Rollout)
				case "clauses":
					if len(rule.Clauses) > 0 {
						r.fail() // a repeated "clauses" member: leanReader's job
					}
					cl := clauseList{intern: lr.interner()}
					if r.open('[', true) {
						for n := 0; r.next(']', &n); {
							r.clause(&cl)
						}
					}
					rule.Clauses = cl.clauses()
				case "trackEvents":
					r.boolean()
				default:
					r.skip()
				}
			}
		}
		out = append(out, rule)
	}
	return out
}

func (r *fastReader) clause(cl *clauseList) {
	if !r.open('{', false) {
		return
	}
	var kind, attr, op []byte
	valuesAt := -1 // where "values" starts: re-read for a segment match only
	negate := false
	for n := 0; r.next('}', &n); {
		switch string(r.name()) {
		case "contextKind":
			kind = r.str()
		case "op":
			op = r.str()
		case "attribute":
			attr = nil
			if !r.isNull() {
				attr = r.str()
			}
		case "values":
			if valuesAt >= 0 {
				r.fail() // a repeated "values" member adds up in ldmodel: leanReader's job
				return
			}
			valuesAt = r.pos
			if r.open('[', true) {
				for n := 0; r.next(']', &n); {
					r.skip()
				}
			}
		case "negate":
			negate = r.boolean()
		default:
			r.skip()
		}
	}
	if r.bad {
		return
	}
	var segKeys [][]byte
	if string(op) == string(ldmodel.OperatorSegmentMatch) && valuesAt >= 0 {
		v := fastReader{data: r.data, pos: valuesAt}
		if v.open('[', true) {
			for n := 0; v.next(']', &n); {
				if v.ws() == '"' {
					segKeys = append(segKeys, v.str())
				} else {
					v.skip()
				}
			}
		}
	}
	cl.addRaw(op, attr, len(kind) > 0, segKeys, negate)
}

func (r *fastReader) variationOrRollout(lr *leanReader, out *ldmodel.VariationOrRollout) {
	if !r.open('{', false) {
		return
	}
	for n := 0; r.next('}', &n); {
		switch string(r.name()) {
		case "variation":
			r.optInt(&out.Variation)
		case "rollout":
			r.rollout(lr, &out.Rollout)
		default:
			r.skip()
		}
	}
}

func (r *fastReader) rollout(lr *leanReader, out *ldmodel.Rollout) {
	if !r.open('{', true) {
		if !r.bad {
			*out = ldmodel.Rollout{}
		}
		return
	}
	var kind, ctxKind, bucketBy []byte
	for n := 0; r.next('}', &n); {
		switch string(r.name()) {
		case "kind":
			kind = r.str()
		case "contextKind":
			ctxKind = r.str()
		case "variations":
			lr.weighted = lr.weighted[:0]
			if r.open('[', false) {
				for n := 0; r.next(']', &n); {
					var wv ldmodel.WeightedVariation
					if r.open('{', false) {
						for n := 0; r.next('}', &n); {
							switch string(r.name()) {
							case "variation":
								wv.Variation = r.integer()
							case "weight":
								wv.Weight = r.integer()
							case "untracked":
								r.boolean()
							default:
								r.skip()
							}
						}
					}
					lr.weighted = append(lr.weighted, wv)
				}
			}
			out.Variations = appendExact(out.Variations, lr.weighted)
		case "bucketBy":
			bucketBy = nil
			if !r.isNull() {
				bucketBy = r.str()
			}
		case "seed":
			if !r.isNull() {
				r.number()
			}
		default:
			r.skip()
		}
	}
	if !r.bad {
		out.BucketBy = leanRolloutBucketBy(ldmodel.RolloutKind(kind), attrRef(string(bucketBy), ldcontext.Kind(ctxKind)))
	}
}
