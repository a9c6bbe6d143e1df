package payload

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/launchdarkly/go-jsonstream/v3/jreader"
	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldbuilders"
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"
)

// Load reads a whole payload from r and parses it. source names the input in
// errors ("stdin", a file name, a URL without secrets).
func Load(r io.Reader, source string) (*Payload, error) {
	var buf bytes.Buffer
	// A file's size sizes the buffer in one allocation; io.ReadAll's
	// doubling would leave up to twice the payload behind as garbage.
	if st, ok := r.(interface{ Stat() (os.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 {
			buf.Grow(int(fi.Size()) + bytes.MinRead)
		}
	}
	_, err := buf.ReadFrom(r)
	data := buf.Bytes()
	if err != nil {
		return nil, &InputError{Source: source, Msg: "cannot read payload: " + err.Error()}
	}
	return Parse(data, source)
}

// Parse decodes a payload in either accepted shape.
//
// The shape is decided from the whole top-level object, as the SDK's
// readers would take it (detectShape): a bare flag map only when every
// member is a flag object, else latest-all (or the file data source format),
// whose "flags", "segments" and "flagValues" members are read wherever they
// are and whose other members are ignored. A leading UTF-8 byte-order mark is
// skipped; a document nested deeper than MaxDepth is refused.
//
// Flags are decoded with LaunchDarkly's own model (ldmodel, streaming through
// jreader), so unknown fields are ignored and missing fields take the SDK's
// defaults. Each flag's Key is set to its map key, because that is the key the
// SDK looks it up by (the field is kept in KeyFields when it differs).
func Parse(data []byte, source string) (*Payload, error) {
	data = stripBOM(data)
	if err := checkDepth(data, source); err != nil {
		return nil, err
	}
	shape, loader := detectShape(data)
	p, err := parseAs(data, source, shape, loader, false)
	if err != nil {
		return nil, err
	}
	if p.Shape != ShapeFDv2 { // its flags were re-decoded as they came
		fixSurrogates(data, p)
	}
	return p, nil
}

// reservedTop are the property names of the latest-all / file data source shape.
func reservedTop(name string) bool {
	return name == "flags" || name == "segments" || name == "flagValues"
}

// topMember names which of the three data members name is, as loader reads
// it: the polling loader (jreader) by the exact name, the file data source
// (encoding/json into a struct) case-insensitively, with Unicode simple
// folding ("FLAGS", "Flagvalues", "ſegments" with a long s). "" for any
// other member.
func topMember(name string, loader Loader) string {
	for _, m := range [...]string{"flags", "segments", "flagValues"} {
		if name == m || (loader == LoaderFile && strings.EqualFold(name, m)) {
			return m
		}
	}
	return ""
}

// onlyFileLoaderReads reports whether name is a data member only to the
// file data source: "flagValues" in any case, or a case variant of "flags"
// or "segments" (the polling loader ignores "Flags").
func onlyFileLoaderReads(name string) bool {
	m := topMember(name, LoaderFile)
	return m == "flagValues" || (m != "" && m != name)
}

// detectShape looks at every top-level member: the document is a bare flag
// map when each member's value is an object that looks like a flag (a "key"
// string, an "on" boolean or a "variations" array: what a map of flags or
// segments never has); an FDv2 poll document when it has an "events" array
// and no "flags" or "flagValues" member; and latest-all otherwise. The file data source
// format is latest-all with a "flagValues" member; it is read with that
// loader's semantics. A document jreader cannot walk is classified by its
// first member name, so its error is reported where the old reader did.
func detectShape(data []byte) (Shape, Loader) {
	r := jreader.NewReader(data)
	members, flagish, flagValues, flags, events := 0, 0, false, false, false
	first := ""
	for obj := r.Object(); obj.Next(); {
		name := string(obj.Name())
		if members == 0 {
			first = name
		}
		members++
		if onlyFileLoaderReads(name) {
			flagValues = true
		}
		if name == "flags" {
			flags = true
		}
		v := r.Any()
		if name == fdv2EventsMember && v.Kind == jreader.ArrayValue {
			events = true
		}
		if anyLooksLikeFlag(&r, v) {
			flagish++
		}
	}
	if r.Error() != nil {
		switch {
		case first == fdv2EventsMember:
			return ShapeFDv2, LoaderPolling
		case members == 0 || !reservedTop(first):
			return ShapeFlagMap, LoaderPolling
		}
		return ShapeLatestAll, LoaderPolling
	}
	if members > 0 && flagish == members {
		return ShapeFlagMap, LoaderPolling
	}
	if events && !flags && !flagValues {
		return ShapeFDv2, LoaderPolling
	}
	if flagValues {
		return ShapeLatestAll, LoaderFile
	}
	return ShapeLatestAll, LoaderPolling
}

// looksLikeFlag consumes one value and reports whether it is an object with
// a "key" string, an "on" boolean or a "variations" array.
func looksLikeFlag(r *jreader.Reader) bool {
	return anyLooksLikeFlag(r, r.Any())
}

// anyLooksLikeFlag is looksLikeFlag of a value whose first token Any has read.
func anyLooksLikeFlag(r *jreader.Reader, v jreader.AnyValue) bool {
	switch v.Kind {
	case jreader.ArrayValue:
		for v.Array.Next() {
			_ = r.SkipValue()
		}
		return false
	case jreader.ObjectValue:
	default:
		return false
	}
	flag := false
	for o := v.Object; o.Next(); {
		m := r.Any()
		switch string(o.Name()) {
		case "key":
			flag = flag || m.Kind == jreader.StringValue
		case "on":
			flag = flag || m.Kind == jreader.BoolValue
		case "variations":
			flag = flag || m.Kind == jreader.ArrayValue
		}
		switch m.Kind {
		case jreader.ArrayValue:
			for m.Array.Next() {
				_ = r.SkipValue()
			}
		case jreader.ObjectValue:
			for m.Object.Next() {
			}
		}
	}
	return flag
}

// decoder carries the state of one parse: the reader and where in the
// document we are, so an error can name the flag it happened in.
type decoder struct {
	r      jreader.Reader
	source string
	where  string // "flags.my-flag", "segments.beta", "" at top level
	b      *builder
	// lean keeps only what the resolver reads (ParseLean).
	lean       bool
	leanReader leanReader
}

func parseAs(data []byte, source string, shape Shape, loader Loader, lean bool) (*Payload, error) {
	if shape == ShapeFDv2 {
		return parseFDv2(data, source, lean)
	}
	d := &decoder{r: jreader.NewReader(data), source: source, lean: lean, b: newBuilder(shape)}
	d.b.p.Loader = loader
	top := d.r.Object()
	if d.r.Error() != nil {
		return nil, d.errorf("payload is not a JSON object: %s", describe(d.r.Error()))
	}
	if shape == ShapeFlagMap {
		d.readFlags(top, "")
	} else {
		for top.Next() {
			name := string(top.Name())
			member := topMember(name, loader)
			if member != "" && member != name {
				d.b.caseVariants = append(d.b.caseVariants, name)
			}
			switch member {
			case "flags":
				d.b.startFlags()
				obj := d.r.ObjectOrNull()
				if !obj.IsDefined() {
					d.b.nullMember("flags")
				}
				d.readFlags(obj, "flags.")
			case "segments":
				d.readSegments(d.b.p.Segments)
			case "flagValues":
				d.readFlagValues()
			default:
				// Unknown top-level properties are ignored, as the SDKs do.
				d.b.others++
				_ = d.r.SkipValue()
			}
			if d.r.Error() != nil {
				break
			}
		}
	}
	if err := d.r.Error(); err != nil {
		return nil, d.wrap(err)
	}
	if err := d.r.RequireEOF(); err != nil {
		d.where = ""
		return nil, d.wrap(err)
	}
	p := d.b.finish()
	if msg := d.b.refusal(); msg != "" {
		return nil, d.errorf("%s", msg)
	}
	return p, nil
}

// readFlags decodes a map of flag key -> flag. prefix is prepended to the key
// in error locations ("flags." for latest-all, "" for a bare flag map).
func (d *decoder) readFlags(obj jreader.ObjectState, prefix string) {
	for obj.Next() {
		key := string(obj.Name())
		d.where = prefix + key
		f := new(ldmodel.FeatureFlag)
		if d.lean {
			d.leanReader.readFlag(&d.r, f)
		} else {
			*f = ldmodel.UnmarshalFeatureFlagFromJSONReader(&d.r)
		}
		if d.r.Error() != nil {
			return
		}
		if !d.lean {
			dropLookupCaches(f)
		}
		d.b.add(key, f)
	}
	d.where = ""
}

// dropLookupCaches removes the lookup maps ldmodel builds for the evaluator
// (clause value sets, target key sets): a quarter of the decoded model's
// memory, and nothing the resolver reads. The evaluator falls back to linear
// lookups without them (ldmodel.EvaluatorAccessors); a caller that evaluates
// many contexts can rebuild them with ldmodel.PreprocessFlag.
func dropLookupCaches(f *ldmodel.FeatureFlag) {
	for i := range f.Targets {
		t := &f.Targets[i]
		*t = ldmodel.Target{ContextKind: t.ContextKind, Values: t.Values, Variation: t.Variation}
	}
	for i := range f.ContextTargets {
		t := &f.ContextTargets[i]
		*t = ldmodel.Target{ContextKind: t.ContextKind, Values: t.Values, Variation: t.Variation}
	}
	for i := range f.Rules {
		cs := f.Rules[i].Clauses
		for j := range cs {
			c := &cs[j]
			*c = ldmodel.Clause{ContextKind: c.ContextKind, Attribute: c.Attribute, Op: c.Op, Values: c.Values, Negate: c.Negate}
		}
	}
}

func (d *decoder) readSegments(out map[string]*ldmodel.Segment) {
	obj := d.r.ObjectOrNull()
	if !obj.IsDefined() && d.b != nil {
		d.b.nullMember("segments")
	}
	for obj.Next() {
		key := string(obj.Name())
		d.where = "segments." + key
		s := ldmodel.UnmarshalSegmentFromJSONReader(&d.r)
		if d.r.Error() != nil {
			return
		}
		if s.Deleted && d.b.p.Loader != LoaderFile {
			// The polling loader treats a deleted segment as missing; the
			// file data source keeps it.
			delete(out, key)
			continue
		}
		// s.Key stays the "key" field: the evaluator's segment cycle
		// check compares it (segments are looked up by map key).
		if d.lean {
			out[key] = trimSegment(&s)
			continue
		}
		out[key] = &s
	}
	d.where = ""
}

// readFlagValues decodes the file data source's simplified flags: each value
// becomes a flag that serves it to everyone, built exactly as the Go SDK's
// ldfiledata does (one variation, off, off variation 0).
func (d *decoder) readFlagValues() {
	obj := d.r.ObjectOrNull()
	if !obj.IsDefined() && d.r.Error() == nil {
		d.b.nullMember("flagValues")
	}
	for obj.Next() {
		key := string(obj.Name())
		d.where = "flagValues." + key
		var v ldvalue.Value
		v.ReadFromJSONReader(&d.r)
		if d.r.Error() != nil {
			return
		}
		f := ldbuilders.NewFlagBuilder(key).SingleVariation(v).Build()
		if d.lean {
			f = trimFlag(&f)
		}
		d.b.addValue(key, &f)
	}
	d.where = ""
}

func (d *decoder) errorf(format string, args ...any) error {
	return &InputError{Source: d.source, Msg: fmt.Sprintf(format, args...)}
}

func (d *decoder) wrap(err error) error {
	msg := describe(err)
	if d.where != "" {
		msg = d.where + ": " + msg
	}
	return &InputError{Source: d.source, Msg: msg}
}

// describe turns a jreader error into a sentence that names the byte offset.
func describe(err error) string {
	var se jreader.SyntaxError
	var te jreader.TypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("invalid JSON at byte %d: %s", se.Offset, se.Message)
	case errors.As(err, &te):
		want := te.Expected.String()
		if te.Nullable {
			want += " or null"
		}
		return fmt.Sprintf("expected %s, got %s at byte %d", want, te.Actual, te.Offset)
	}
	return strings.TrimSpace(err.Error())
}

// hasSurrogateEscape reports whether data may hold a JSON escape of a UTF-16
// surrogate (\uD800-\uDBFF starts a pair). A false positive (an escaped
// backslash before "ud8…") only costs the re-decode below.
func hasSurrogateEscape(data []byte) bool {
	for {
		i := bytes.Index(data, []byte(`\u`))
		if i < 0 || i+6 > len(data) {
			return false
		}
		if c, d := data[i+2], data[i+3]; (c == 'd' || c == 'D') && (d == '8' || d == '9' || (d|0x20) == 'a' || (d|0x20) == 'b') {
			return true
		}
		data = data[i+2:]
	}
}

// fixSurrogates re-decodes the variations that hold an escaped surrogate
// pair. jreader (and so ldmodel and ldvalue) decodes each half of
// "\ud83d\ude00" on its own, into two U+FFFD; encoding/json pairs them. It
// runs only when the bytes hold such an escape, and looks at the members in
// document order so that the member a flag was last decoded from is the one
// re-decoded.
func fixSurrogates(data []byte, p *Payload) {
	if !needsRedecode(data) {
		return
	}
	type source struct {
		raw        json.RawMessage
		flagValues bool
	}
	last := map[string]source{}
	flags := func(raw json.RawMessage, fv bool) {
		eachMember(raw, func(key string, v json.RawMessage) { last[key] = source{v, fv} })
	}
	if p.Shape == ShapeFlagMap {
		flags(data, false)
	} else {
		eachMember(data, func(name string, v json.RawMessage) {
			switch name {
			case "flags":
				flags(v, false)
			case "flagValues":
				flags(v, true)
			}
		})
	}
	for key, src := range last {
		f := p.Flags[key]
		switch {
		case f == nil:
		case src.flagValues:
			fixFlagValueSurrogates(src.raw, f)
		default:
			fixFlagSurrogates(src.raw, f)
		}
	}
}

// eachMember calls fn for each member of the JSON object raw, in order
// (repeated names included); it stops quietly at anything else.
func eachMember(raw []byte, fn func(name string, v json.RawMessage)) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return
	}
	for dec.More() {
		t, err := dec.Token()
		name, ok := t.(string)
		var v json.RawMessage
		if err != nil || !ok || dec.Decode(&v) != nil {
			return
		}
		fn(name, v)
	}
}

// fixFlagSurrogates re-decodes the variations of f, decoded from raw, that
// hold an escaped surrogate pair. It leaves f alone unless raw's variations
// decode to as many values as jreader found (a repeated "variations" member
// adds up in ldmodel: left as read rather than guessed).
func fixFlagSurrogates(raw []byte, f *ldmodel.FeatureFlag) {
	if !needsRedecode(raw) {
		return
	}
	var members map[string]json.RawMessage
	var vars []json.RawMessage
	if json.Unmarshal(raw, &members) != nil || json.Unmarshal(members["variations"], &vars) != nil || len(vars) != len(f.Variations) {
		return
	}
	for i, rv := range vars {
		if v, ok := redecode(rv); ok {
			f.Variations[i] = v
		}
	}
}

// fixFlagValueSurrogates does the same for a flag built from a flagValues entry.
func fixFlagValueSurrogates(raw []byte, f *ldmodel.FeatureFlag) {
	if len(f.Variations) != 1 {
		return
	}
	if v, ok := redecode(raw); ok {
		f.Variations[0] = v
	}
}

// redecode decodes one JSON value with encoding/json when it holds an
// escaped surrogate (numbers become float64, as in ldvalue), and keeps it
// as written when it holds an integer the Go SDK reads inexactly
// (exactValue).
func redecode(raw json.RawMessage) (ldvalue.Value, bool) {
	if v, ok := exactValue(raw); ok {
		return v, true
	}
	if !hasSurrogateEscape(raw) {
		return ldvalue.Value{}, false
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return ldvalue.Value{}, false
	}
	return ldvalue.CopyArbitraryValue(v), true
}
