package payload

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/launchdarkly/go-jsonstream/v3/jreader"
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"
)

// The FDv2 poll document ("data saving mode"), as LaunchDarkly's SDKs read
// it. No name below is guessed; each is read in the SDKs' own source:
//
//   - python-server-sdk ldclient/impl/datasourcev2/polling_common.py
//     (polling_payload_to_changeset: {"events":[{"event":…,"data":…}]}),
//     ldclient/impl/datasystem/protocolv2.py (put-object and delete-object:
//     version, kind, key, object; error: payloadId, reason; goodbye:
//     reason) and ldclient/interfaces.py (EventName, ObjectKind "flag" and
//     "segment", IntentCode "xfer-full", "xfer-changes", "none", the
//     server-intent's "payloads" with id, target, intentCode, reason, and
//     the payload-transferred selector's state and version);
//   - js-core packages/shared/common/src/internal/fdv2/protocolHandler.ts
//     (the protocol state machine: only the first payload of a
//     server-intent counts; an error event discards what the transfer had
//     received; heart-beat is ignored) and proto.ts;
//   - go-server-sdk internal/fdv2proto/events.go (the same names) and
//     internal/datasourcev2/polling_http_request.go (version, kind, key and
//     object are required properties of put-object).
//
// ldfallback reads only a complete full transfer: a server-intent whose
// first payload says "xfer-full", the objects, then payload-transferred. A
// transfer of changes ("xfer-changes", relative to a basis the SDK already
// holds), an up-to-date answer ("none"), a transfer cut short (no
// payload-transferred, an error or goodbye event before it) is refused:
// resolving from part of the flags would be a wrong answer said with
// confidence.
const (
	fdv2ServerIntent        = "server-intent"
	fdv2PutObject           = "put-object"
	fdv2DeleteObject        = "delete-object"
	fdv2PayloadTransferred  = "payload-transferred"
	fdv2Heartbeat           = "heart-beat"
	fdv2Goodbye             = "goodbye"
	fdv2Error               = "error"
	fdv2IntentFull          = "xfer-full"
	fdv2IntentChanges       = "xfer-changes"
	fdv2IntentNone          = "none"
	fdv2KindFlag            = "flag"
	fdv2KindSegment         = "segment"
	fdv2MaxQuoted           = 80 // bytes of a string from the document quoted in a message
	fdv2EventsMember        = "events"
	fdv2EventNameMember     = "event"
	fdv2EventDataMember     = "data"
	fdv2DoubleEncodedHint   = " (a Relay Proxy before ld-relay pull request 525 wrote payload-transferred's data as a JSON string: upgrade it, or fetch with --protocol fdv1)"
	fdv2IncompleteRefusedAs = "refused rather than resolved from part of the flags"
)

type fdv2Phase uint8

const (
	fdv2BeforeIntent fdv2Phase = iota // no server-intent yet
	fdv2Receiving                     // after an xfer-full server-intent
	fdv2Transferred                   // after payload-transferred
)

// fdv2 is the state of one FDv2 document's reading: the protocol's state
// machine (js-core's protocolHandler.ts) reduced to what a full transfer
// allows, and the builder the objects go to.
type fdv2 struct {
	source string
	lean   bool
	b      *builder
	lr     leanReader
	phase  fdv2Phase

	n     int // index of the event being read in the events array
	base  int // offset of that event in the document
	where string

	intentAt, transferredAt int
	objects                 int
	ignoredEvents           []string
	ignoredKinds            []string
	// State and Version are payload-transferred's selector.
	state   string
	version int
	// objects' bytes by kind and key, kept for LatestAllOf (nil otherwise).
	collect map[string]map[string][]byte
}

func newFDv2(source string, lean bool) *fdv2 {
	return &fdv2{source: source, lean: lean, b: newBuilder(ShapeFDv2), intentAt: -1}
}

// quote quotes a string from the document for a message: Go syntax (control
// characters, invalid UTF-8 and invisible runes escaped), at most
// fdv2MaxQuoted bytes of it.
func quote(s string) string {
	if len(s) > fdv2MaxQuoted {
		cut := fdv2MaxQuoted
		for cut > 0 && s[cut]&0xc0 == 0x80 {
			cut--
		}
		return fmt.Sprintf("%q…", s[:cut])
	}
	return fmt.Sprintf("%q", s)
}

func (d *fdv2) errorf(format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if d.where != "" {
		msg = d.where + ": " + msg
	}
	return &InputError{Source: d.source, Msg: msg}
}

// jerr words a jreader error met at offset off of the event's bytes.
func (d *fdv2) jerr(err error, off int) error {
	return d.errorf("%s", describeAt(err, d.base+off))
}

// describeAt is describe with the error's offset moved by base: the reader
// saw a slice of the document that starts at byte base.
func describeAt(err error, base int) string {
	var se jreader.SyntaxError
	var te jreader.TypeError
	switch {
	case errors.As(err, &se):
		se.Offset += base
		return describe(se)
	case errors.As(err, &te):
		te.Offset += base
		return describe(te)
	}
	return describe(err)
}

// errScanner is a document the member scanner could not split (a syntax
// error between values): the caller words it with jreader over the whole
// document, which names the byte.
var errScanner = errors.New("fdv2: scanner")

// member is one member of an object: its name, its bytes, and where they
// start in the slice scanned.
type member struct {
	name string
	raw  []byte
	off  int
}

// splitObject returns the members of the JSON object raw, in order. It
// checks only the structure; each value is validated by whoever decodes it.
func splitObject(raw []byte) ([]member, bool) {
	s := &stream{buf: raw, eof: true}
	var out []member
	ok := s.members(func(name string) bool {
		if _, ok := s.ws(); !ok {
			return false
		}
		off := s.pos
		v, ok := s.value()
		out = append(out, member{name, v, off})
		return ok
	})
	if !ok {
		return nil, false
	}
	if _, more := s.ws(); more {
		return nil, false
	}
	return out, true
}

// notObject words a value that should have been an object, or the syntax
// error that stopped the scanner in it.
func (d *fdv2) notObject(raw []byte, off int) error {
	r := jreader.NewReader(raw)
	for obj := r.Object(); obj.Next(); {
		_ = r.SkipValue()
	}
	if r.Error() == nil {
		_ = r.RequireEOF()
	}
	if err := r.Error(); err != nil {
		return d.jerr(err, off)
	}
	r = jreader.NewReader(raw)
	_ = r.SkipValue()
	if err := r.Error(); err != nil {
		return d.jerr(err, off)
	}
	return d.errorf("malformed object at byte %d", d.base+off)
}

// skip validates raw as one JSON value that is not kept.
func (d *fdv2) skip(raw []byte, off int) error {
	r := jreader.NewReader(raw)
	if err := r.SkipValue(); err != nil {
		return d.jerr(err, off)
	}
	if err := r.RequireEOF(); err != nil {
		return d.jerr(err, off)
	}
	return nil
}

// str decodes raw as a JSON string.
func (d *fdv2) str(raw []byte, off int) (string, error) {
	r := jreader.NewReader(raw)
	v := r.String()
	if err := r.Error(); err != nil {
		return "", d.jerr(err, off)
	}
	if err := r.RequireEOF(); err != nil {
		return "", d.jerr(err, off)
	}
	return v, nil
}

// integer decodes raw as a JSON number, as jreader's Int does.
func (d *fdv2) integer(raw []byte, off int) (int, error) {
	r := jreader.NewReader(raw)
	v := r.Int()
	if err := r.Error(); err != nil {
		return 0, d.jerr(err, off)
	}
	if err := r.RequireEOF(); err != nil {
		return 0, d.jerr(err, off)
	}
	return v, nil
}

// event reads one element of the events array: raw are its bytes, base
// their offset in the document.
func (d *fdv2) event(raw []byte, base int) error {
	d.base = base
	d.where = fmt.Sprintf("events[%d]", d.n)
	defer func() { d.n++ }()
	ms, ok := splitObject(raw)
	if !ok {
		return d.notObject(raw, 0)
	}
	var name, data *member
	for i := range ms {
		m := &ms[i]
		switch m.name {
		case fdv2EventNameMember:
			name = m
		case fdv2EventDataMember:
			data = m
		default:
			// Other members are ignored, as the SDKs' readers do.
			if err := d.skip(m.raw, m.off); err != nil {
				return err
			}
		}
	}
	if name == nil {
		// python-server-sdk skips an element with no event name.
		if data != nil {
			if err := d.skip(data.raw, data.off); err != nil {
				return err
			}
		}
		d.ignoredEvents = append(d.ignoredEvents, "(no name)")
		return nil
	}
	ev, err := d.str(name.raw, name.off)
	if err != nil {
		return err
	}
	d.where = fmt.Sprintf("events[%d] (%s)", d.n, quoteName(ev))
	switch ev {
	case fdv2ServerIntent, fdv2PutObject, fdv2DeleteObject, fdv2PayloadTransferred:
		if data == nil {
			return d.errorf("no %q member", fdv2EventDataMember)
		}
	}
	if d.phase == fdv2Transferred {
		switch ev {
		case fdv2Heartbeat, fdv2Goodbye:
		default:
			// js-core applies a second payload on top of the first,
			// python-server-sdk stops at the first payload-transferred.
			return d.errorf("an event after the transfer was complete (payload-transferred at events[%d]): the SDKs differ on whether it applies, so the document is %s", d.transferredAt, fdv2IncompleteRefusedAs)
		}
	}
	switch ev {
	case fdv2ServerIntent:
		return d.serverIntent(data)
	case fdv2PutObject, fdv2DeleteObject:
		if d.phase == fdv2BeforeIntent {
			return d.errorf("an object before any server-intent: not a transfer the SDKs accept")
		}
		return d.object(data, ev == fdv2PutObject)
	case fdv2PayloadTransferred:
		if d.phase == fdv2BeforeIntent {
			return d.errorf("payload-transferred before any server-intent: not a transfer the SDKs accept")
		}
		return d.transferred(data)
	case fdv2Error:
		reason := d.optionalString(data, "reason")
		if d.phase == fdv2Receiving {
			// js-core drops what the transfer had received on an error.
			return d.errorf("the server reported an error during the transfer (reason %s): the transfer is incomplete, %s", quote(reason), fdv2IncompleteRefusedAs)
		}
		d.ignoredEvents = append(d.ignoredEvents, ev)
		return nil
	case fdv2Goodbye:
		if d.phase == fdv2Receiving {
			return d.errorf("the server ended the connection (goodbye, reason %s) before payload-transferred: the transfer is incomplete, %s", quote(d.optionalString(data, "reason")), fdv2IncompleteRefusedAs)
		}
		return d.skipData(data)
	case fdv2Heartbeat:
		return d.skipData(data)
	}
	// An event this version does not know: ignored (js-core reports it
	// and goes on; python-server-sdk ignores it).
	d.ignoredEvents = append(d.ignoredEvents, ev)
	return d.skipData(data)
}

// quoteName quotes an event name unless it is one of the protocol's.
func quoteName(ev string) string {
	switch ev {
	case fdv2ServerIntent, fdv2PutObject, fdv2DeleteObject, fdv2PayloadTransferred, fdv2Heartbeat, fdv2Goodbye, fdv2Error:
		return ev
	}
	return "event " + quote(ev)
}

func (d *fdv2) skipData(data *member) error {
	if data == nil {
		return nil
	}
	return d.skip(data.raw, data.off)
}

// optionalString is a string member of data for a message ("" when absent
// or not a string); data is validated.
func (d *fdv2) optionalString(data *member, name string) string {
	if data == nil {
		return ""
	}
	r := jreader.NewReader(data.raw)
	out := ""
	for obj := r.ObjectOrNull(); obj.Next(); {
		if string(obj.Name()) != name {
			_ = r.SkipValue()
			continue
		}
		v := r.Any()
		if v.Kind == jreader.StringValue {
			out = v.String
		}
		skipAny(&r, v)
	}
	return out
}

// skipAny consumes the rest of a value read with Any.
func skipAny(r *jreader.Reader, v jreader.AnyValue) {
	switch v.Kind {
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

// serverIntent reads {"payloads":[{"id","target","intentCode","reason"}]}.
// Only the first payload counts (js-core protocolHandler.ts: "Per spec
// 3.4.2: SDK uses only the first payload").
func (d *fdv2) serverIntent(data *member) error {
	r := jreader.NewReader(data.raw)
	code, codeSet, payloads := "", false, 0
	for obj := r.Object(); obj.Next(); {
		if string(obj.Name()) != "payloads" {
			_ = r.SkipValue()
			continue
		}
		payloads = 0
		for arr := r.Array(); arr.Next(); {
			payloads++
			if payloads > 1 {
				_ = r.SkipValue()
				continue
			}
			codeSet = false
			for p := r.Object(); p.Next(); {
				if string(p.Name()) != "intentCode" {
					_ = r.SkipValue()
					continue
				}
				code, codeSet = r.String(), true
			}
		}
	}
	if err := r.Error(); err != nil {
		return d.jerr(err, data.off)
	}
	if err := r.RequireEOF(); err != nil {
		return d.jerr(err, data.off)
	}
	switch {
	case payloads == 0:
		return d.errorf("no payload in the server-intent: not a transfer the SDKs accept")
	case !codeSet:
		return d.errorf("the server-intent's payload has no intentCode: not a transfer the SDKs accept")
	}
	switch code {
	case fdv2IntentFull:
		// A new full transfer starts over (js-core and python-server-sdk
		// both drop what an earlier intent had received).
		d.phase = fdv2Receiving
		d.b = newBuilder(ShapeFDv2)
		d.intentAt = d.n
		d.objects = 0
		d.ignoredKinds = nil
		if d.collect != nil {
			d.collect = map[string]map[string][]byte{fdv2KindFlag: {}, fdv2KindSegment: {}}
		}
		return nil
	case fdv2IntentChanges:
		return d.errorf("intent %q: the server sent changes to a basis the SDK already holds, not the whole environment: %s (poll /sdk/poll without a basis, or use latest-all)", code, fdv2IncompleteRefusedAs)
	case fdv2IntentNone:
		return d.errorf("intent %q: the server answered that the SDK's basis is up to date, so the document holds no flags: %s (poll /sdk/poll without a basis, or use latest-all)", code, fdv2IncompleteRefusedAs)
	}
	return d.errorf("unknown intent %s: not a full transfer, %s", quote(code), fdv2IncompleteRefusedAs)
}

// object reads put-object {"version","kind","key","object"} or
// delete-object {"version","kind","key"}; go-server-sdk requires each.
func (d *fdv2) object(data *member, put bool) error {
	ms, ok := splitObject(data.raw)
	if !ok {
		return d.notObject(data.raw, data.off)
	}
	var kind, key string
	var obj *member
	var hasVersion, hasKind, hasKey bool
	for i := range ms {
		m := &ms[i]
		off := data.off + m.off
		var err error
		switch m.name {
		case "version":
			_, err = d.integer(m.raw, off)
			hasVersion = true
		case "kind":
			kind, err = d.str(m.raw, off)
			hasKind = true
		case "key":
			key, err = d.str(m.raw, off)
			hasKey = true
		case "object":
			if put {
				mm := *m
				mm.off = off
				obj = &mm
				continue
			}
			err = d.skip(m.raw, off)
		default:
			err = d.skip(m.raw, off)
		}
		if err != nil {
			return err
		}
	}
	var missing []string
	for _, f := range []struct {
		name string
		has  bool
	}{{"version", hasVersion}, {"kind", hasKind}, {"key", hasKey}, {"object", !put || obj != nil}} {
		if !f.has {
			missing = append(missing, `"`+f.name+`"`)
		}
	}
	if len(missing) > 0 {
		return d.errorf("no %s member: not an object the SDKs accept", strings.Join(missing, " or "))
	}
	d.where = fmt.Sprintf("%s %s %s", d.where, kindName(kind), quote(key))
	d.objects++
	if m := d.collect[kind]; m != nil {
		if put {
			m[key] = append([]byte(nil), obj.raw...)
		} else {
			// latest-all's tombstone.
			m[key] = []byte(fmt.Sprintf(`{"key":%s,"version":%d,"deleted":true}`, jsonString(key), d.deleteVersion(data)))
		}
	}
	switch kind {
	case fdv2KindFlag:
		if !put {
			d.b.add(key, &ldmodel.FeatureFlag{Key: key, Deleted: true})
			return nil
		}
		return d.flag(key, obj)
	case fdv2KindSegment:
		if !put {
			delete(d.b.p.Segments, key)
			return nil
		}
		return d.segment(key, obj)
	}
	// A kind this version does not read (js-core ignores a kind it has no
	// processor for).
	d.ignoredKinds = append(d.ignoredKinds, kind)
	if obj != nil {
		return d.skip(obj.raw, obj.off)
	}
	return nil
}

func kindName(kind string) string {
	switch kind {
	case fdv2KindFlag, fdv2KindSegment:
		return kind
	}
	return "kind " + quote(kind)
}

// flag decodes a put-object's flag as latest-all's flags are decoded: the
// event's key is the key the SDK stores it under (the object's own "key"
// field is kept in KeyFields when it differs), and a flag with
// "deleted": true is a tombstone.
func (d *fdv2) flag(key string, obj *member) error {
	f := new(ldmodel.FeatureFlag)
	if d.lean {
		d.lr.flagish = false
		if !decodeFlag(obj.raw, &d.lr, f) {
			*f = ldmodel.FeatureFlag{}
			r := jreader.NewReader(obj.raw)
			d.lr.readFlag(&r, f)
			err := r.Error()
			if err == nil {
				err = r.RequireEOF()
			}
			return d.jerr(err, obj.off)
		}
	} else {
		r := jreader.NewReader(obj.raw)
		*f = ldmodel.UnmarshalFeatureFlagFromJSONReader(&r)
		err := r.Error()
		if err == nil {
			err = r.RequireEOF()
		}
		if err != nil {
			return d.jerr(err, obj.off)
		}
		dropLookupCaches(f)
	}
	fixFlagSurrogates(obj.raw, f)
	d.b.add(key, f)
	return nil
}

func (d *fdv2) segment(key string, obj *member) error {
	r := jreader.NewReader(obj.raw)
	s := ldmodel.UnmarshalSegmentFromJSONReader(&r)
	err := r.Error()
	if err == nil {
		err = r.RequireEOF()
	}
	if err != nil {
		return d.jerr(err, obj.off)
	}
	if s.Deleted {
		// A tombstone, as the polling loader treats "deleted": true.
		delete(d.b.p.Segments, key)
		return nil
	}
	// s.Key stays the "key" field, as readSegments keeps it: the
	// evaluator's segment cycle check compares it (segments are looked up
	// by the event's key).
	if d.lean {
		d.b.p.Segments[key] = trimSegment(&s)
		return nil
	}
	d.b.p.Segments[key] = &s
	return nil
}

// transferred reads payload-transferred {"state","version"}: both are
// required (go-server-sdk fdv2proto Selector.UnmarshalJSON,
// python-server-sdk Selector.from_dict).
func (d *fdv2) transferred(data *member) error {
	if c := firstByte(data.raw); c == '"' {
		return d.errorf("the data is a JSON string, not an object%s", fdv2DoubleEncodedHint)
	}
	ms, ok := splitObject(data.raw)
	if !ok {
		return d.notObject(data.raw, data.off)
	}
	hasState, hasVersion := false, false
	for _, m := range ms {
		off := data.off + m.off
		var err error
		switch m.name {
		case "state":
			d.state, err = d.str(m.raw, off)
			hasState = true
		case "version":
			d.version, err = d.integer(m.raw, off)
			hasVersion = true
		default:
			err = d.skip(m.raw, off)
		}
		if err != nil {
			return err
		}
	}
	if !hasState || !hasVersion {
		return d.errorf("no \"state\" and \"version\" (the selector): not a transfer the SDKs accept")
	}
	d.phase = fdv2Transferred
	d.transferredAt = d.n
	return nil
}

func firstByte(b []byte) byte {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\n', '\r':
		default:
			return c
		}
	}
	return 0
}

// finish checks that the transfer was complete and returns the payload.
func (d *fdv2) finish() (*Payload, error) {
	d.where = ""
	switch d.phase {
	case fdv2BeforeIntent:
		return nil, d.errorf("an FDv2 document (an %q array) with no server-intent event: no transfer to read, %s", fdv2EventsMember, fdv2IncompleteRefusedAs)
	case fdv2Receiving:
		return nil, d.errorf("the FDv2 transfer is incomplete: no payload-transferred event after the server-intent at events[%d] (%s received): %s", d.intentAt, count(d.objects, "object", "objects"), fdv2IncompleteRefusedAs)
	}
	p := d.b.finish()
	if len(d.ignoredEvents) > 0 {
		ev := dedupe(d.ignoredEvents)
		p.Warnings = append(p.Warnings, fmt.Sprintf("%s ignored (%s): not part of the FDv2 transfer as this version of ldfallback reads it", count(len(d.ignoredEvents), "FDv2 event", "FDv2 events"), someKeys(ev)))
	}
	if len(d.ignoredKinds) > 0 {
		n := len(d.ignoredKinds)
		k := dedupe(d.ignoredKinds)
		p.Warnings = append(p.Warnings, fmt.Sprintf("%s of a kind other than flag and segment ignored (kinds %s), as the SDKs do", count(n, "FDv2 object", "FDv2 objects"), someKeys(k)))
	}
	return p, nil
}

// fdv2Events reads the events array at s.pos into d. It returns errScanner
// when the scanner cannot split the array (the caller words the syntax
// error), or the decoder's error. discard is called after each event, so a
// file is read a window at a time.
func (s *stream) fdv2Events(d *fdv2) error {
	if !s.expect('[') {
		return errScanner
	}
	if c, ok := s.ws(); ok && c == ']' {
		s.pos++
		return nil
	}
	for {
		if _, ok := s.ws(); !ok {
			return errScanner
		}
		start := s.pos
		raw, ok := s.value()
		if !ok {
			return errScanner
		}
		if err := d.event(raw, s.offset+start); err != nil {
			return err
		}
		s.discard()
		c, ok := s.ws()
		if !ok {
			return errScanner
		}
		s.pos++
		switch c {
		case ',':
		case ']':
			return nil
		default:
			return errScanner
		}
	}
}

// parseFDv2 reads a whole FDv2 document (detectShape said so). The last
// "events" member is the one read, as encoding/json, JSON.parse and
// Python's json keep the last of a repeated name; other members are
// validated and ignored.
func parseFDv2(data []byte, source string, lean bool) (*Payload, error) {
	return parseFDv2With(data, source, lean, nil)
}

// parseFDv2With is parseFDv2 with setup called on each events member's
// decoder before it reads.
func parseFDv2With(data []byte, source string, lean bool, setup func(*fdv2)) (*Payload, error) {
	s := &stream{buf: data, eof: true}
	var d *fdv2
	var err error
	ok := s.members(func(name string) bool {
		c, _ := s.ws()
		start := s.pos
		if name == fdv2EventsMember {
			d = newFDv2(source, lean)
			if setup != nil {
				setup(d)
			}
			if c != '[' {
				raw, ok := s.value()
				if !ok {
					err = errScanner
					return false
				}
				d.where = fdv2EventsMember
				r := jreader.NewReader(raw)
				r.Array()
				if e := r.Error(); e != nil {
					err = d.jerr(e, start)
				} else {
					err = d.errorf("expected an array")
				}
				return false
			}
			err = s.fdv2Events(d)
			return err == nil
		}
		raw, ok := s.value()
		if !ok {
			err = errScanner
			return false
		}
		r := jreader.NewReader(raw)
		if e := r.SkipValue(); e != nil {
			err = &InputError{Source: source, Msg: describeAt(e, start)}
			return false
		}
		return true
	})
	if ok {
		if _, more := s.ws(); more {
			ok = false
			err = errScanner
		}
	}
	if !ok {
		if err == nil || errors.Is(err, errScanner) {
			return nil, wordSyntax(data, source)
		}
		return nil, err
	}
	if d == nil {
		return nil, &InputError{Source: source, Msg: "no \"events\" member"}
	}
	return d.finish()
}

// wordSyntax words the syntax error the member scanner stopped at, by
// jreader over the whole document.
func wordSyntax(data []byte, source string) error {
	r := jreader.NewReader(data)
	_ = r.SkipValue()
	err := r.Error()
	if err == nil {
		err = r.RequireEOF()
	}
	if err != nil {
		return &InputError{Source: source, Msg: describe(err)}
	}
	return &InputError{Source: source, Msg: "malformed FDv2 document"}
}

// deleteVersion is a delete-object's version (already validated).
func (d *fdv2) deleteVersion(data *member) int {
	r := jreader.NewReader(data.raw)
	v := 0
	for obj := r.Object(); obj.Next(); {
		if string(obj.Name()) == "version" {
			v = r.Int()
			continue
		}
		_ = r.SkipValue()
	}
	return v
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// LatestAllOf rewrites an FDv2 poll document (a complete full transfer) as
// the latest-all document of the same flags and segments,
// {"flags":{…},"segments":{…}}, each object's bytes as the transfer sent
// them, keys in sorted order, a deleted object as {"key","version",
// "deleted":true}. It is what a --jq program sees: such programs (the
// guide's parse-fallbacks.jq) read latest-all's "flags".
func LatestAllOf(data []byte, source string) ([]byte, error) {
	data = stripBOM(data)
	if err := checkDepth(data, source); err != nil {
		return nil, err
	}
	if shape, _ := detectShape(data); shape != ShapeFDv2 {
		return nil, &InputError{Source: source, Msg: "not an FDv2 poll document"}
	}
	var last *fdv2
	if _, err := parseFDv2With(data, source, true, func(d *fdv2) {
		d.collect = map[string]map[string][]byte{fdv2KindFlag: {}, fdv2KindSegment: {}}
		last = d
	}); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(`{"flags":{`)
	for _, kind := range []string{fdv2KindFlag, fdv2KindSegment} {
		if kind == fdv2KindSegment {
			b.WriteString(`},"segments":{`)
		}
		m := last.collect[kind]
		for i, k := range sortedKeys(m) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsonString(k))
			b.WriteByte(':')
			b.Write(m[k])
		}
	}
	b.WriteString("}}")
	return b.Bytes(), nil
}
