package payload

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"

	"github.com/launchdarkly/go-jsonstream/v3/jreader"
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"
)

// streamBlock is how much of the file is read at a time (a variable so the
// tests can make blocks end inside every token).
var streamBlock = 1 << 20

// ParseLeanFile is ParseLean of the file at path, read a block at a time so
// the whole file is never in memory: only the flag being decoded is, next to
// the lean model. A top-level object is split into its members by a small
// string- and bracket-aware scanner, and each flag (each other member) is
// decoded from its own bytes by the same readers ParseLean uses.
//
// The scanner takes only the plain case: anything it does not expect (a
// syntax or type error, a byte-order mark, the bare map whose first flag is
// named "flags") makes it give up, and the file is then read whole and
// handed to ParseLean, so results and error messages are ParseLean's.
func ParseLeanFile(path, source string) (*Payload, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, readError(source, err)
	}
	defer f.Close()
	s := &stream{r: f, buf: make([]byte, 0, streamBlock)}
	if p, ok := s.parse(); ok {
		return p, nil
	}
	if s.readErr != nil {
		return nil, readError(source, s.readErr)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, readError(source, err)
	}
	return parseLeanJreader(data, source)
}

// readError words an I/O error as the CLI always has: the file is named by
// the source already, so a *fs.PathError's own prefix is dropped.
func readError(source string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &InputError{Source: source, Msg: "cannot read payload: " + err.Error()}
}

// stream is a window on the file: buf holds the bytes not yet discarded and
// pos is the scanner's position in it. Indexes into buf stay valid until
// discard, which is only called between members.
type stream struct {
	r       io.Reader
	buf     []byte
	pos     int
	offset  int // bytes discarded before buf[0]: buf[i] is byte offset+i of the input
	eof     bool
	readErr error
	d       decoder // its reader is reset to each member's bytes
}

// at returns the byte at index i of the window, reading more as needed.
func (s *stream) at(i int) (byte, bool) {
	for i >= len(s.buf) {
		if !s.fill() {
			return 0, false
		}
	}
	return s.buf[i], true
}

func (s *stream) fill() bool {
	if s.eof {
		return false
	}
	if len(s.buf) == cap(s.buf) {
		nb := make([]byte, len(s.buf), 2*cap(s.buf)+streamBlock)
		copy(nb, s.buf)
		s.buf = nb
	}
	n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
	s.buf = s.buf[:len(s.buf)+n]
	if err != nil {
		s.eof = true
		if err != io.EOF {
			s.readErr = err
		}
	}
	return n > 0 || !s.eof
}

// discard drops the bytes before pos once they fill half the window, so the
// copy costs O(1) per byte read.
func (s *stream) discard() {
	if s.r == nil || s.pos < cap(s.buf)/2 {
		return
	}
	n := copy(s.buf, s.buf[s.pos:])
	s.buf = s.buf[:n]
	s.offset += s.pos
	s.pos = 0
}

// ws skips JSON whitespace and returns the next byte without consuming it.
func (s *stream) ws() (byte, bool) {
	for {
		c, ok := s.at(s.pos)
		if !ok {
			return 0, false
		}
		switch c {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return c, true
		}
	}
}

// expect consumes c after optional whitespace.
func (s *stream) expect(c byte) bool {
	if b, ok := s.ws(); !ok || b != c {
		return false
	}
	s.pos++
	return true
}

// value scans one JSON value starting at pos (after whitespace) and returns
// its bytes. Only the boundaries are checked here: the bytes are validated
// by jreader when decoded.
func (s *stream) value() ([]byte, bool) {
	c, ok := s.ws()
	if !ok {
		return nil, false
	}
	start, i, depth := s.pos, s.pos, 0
	switch c {
	case '"':
		end, ok := s.str(i)
		if !ok {
			return nil, false
		}
		s.pos = end
		return s.buf[start:end], true
	case '{', '[':
		for {
			c, ok := s.at(i)
			if !ok {
				return nil, false
			}
			switch c {
			case '"':
				if i, ok = s.str(i); !ok {
					return nil, false
				}
				continue
			case '{', '[':
				depth++
				if depth > MaxDepth-3 {
					// Too deep for this scanner's callers (recursive
					// readers): the whole-document path words the error.
					return nil, false
				}
			case '}', ']':
				depth--
				if depth == 0 {
					s.pos = i + 1
					return s.buf[start:s.pos], true
				}
			}
			i++
		}
	}
	// A scalar runs to the next delimiter or whitespace.
	for {
		c, ok := s.at(i)
		if !ok || c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			break
		}
		i++
	}
	if i == start {
		return nil, false
	}
	s.pos = i
	return s.buf[start:i], true
}

// str scans the string whose opening quote is at i and returns the index
// after its closing quote.
func (s *stream) str(i int) (int, bool) {
	for i++; ; i++ {
		c, ok := s.at(i)
		if !ok {
			return 0, false
		}
		switch c {
		case '\\':
			i++
		case '"':
			return i + 1, true
		}
	}
}

// name scans a member name and its colon, and decodes the name as jreader does.
func (s *stream) name() (string, bool) {
	if c, ok := s.ws(); !ok || c != '"' {
		return "", false
	}
	raw, ok := s.value()
	if !ok || !s.expect(':') {
		return "", false
	}
	if plain := raw[1 : len(raw)-1]; bytes.IndexByte(plain, '\\') < 0 {
		return string(plain), true // what jreader returns for a string without escapes
	}
	r := jreader.NewReader(raw)
	n := r.String()
	return n, r.Error() == nil
}

// members calls member for each member of the object at pos; it reports
// false as soon as the scanner or member does.
func (s *stream) members(member func(name string) bool) bool {
	if !s.expect('{') {
		return false
	}
	if c, ok := s.ws(); ok && c == '}' {
		s.pos++
		return true
	}
	for {
		name, ok := s.name()
		if !ok || !member(name) {
			return false
		}
		c, ok := s.ws()
		if !ok {
			return false
		}
		s.pos++
		switch c {
		case ',':
		case '}':
			return true
		default:
			return false
		}
	}
}

// decodeWith runs read on the bytes of the next value, which must be read
// whole, and returns them.
func (s *stream) decodeWith(read func(d *decoder)) ([]byte, bool) {
	raw, ok := s.value()
	if !ok {
		return nil, false
	}
	s.d.r = jreader.NewReader(raw)
	read(&s.d)
	return raw, s.d.r.Error() == nil && s.d.r.RequireEOF() == nil
}

// decodeFlag decodes one flag's bytes into the lean model: by fastReader
// when the flag is plain, else by leanReader (jreader). It reports false
// when jreader rejects the bytes.
func decodeFlag(raw []byte, lr *leanReader, f *ldmodel.FeatureFlag) bool {
	fr := fastReader{data: raw}
	fr.flag(lr, f)
	if !fr.bad {
		return true
	}
	*f = ldmodel.FeatureFlag{}
	r := jreader.NewReader(raw)
	lr.readFlag(&r, f)
	return r.Error() == nil && r.RequireEOF() == nil
}

func (s *stream) parse() (*Payload, bool) {
	s.d.lean = true
	// A leading byte-order mark is skipped, as Parse does.
	if c, ok := s.at(0); ok && c == utf8BOM[0] {
		if c1, _ := s.at(1); c1 == utf8BOM[1] {
			if c2, _ := s.at(2); c2 == utf8BOM[2] {
				s.pos = 3
			}
		}
	}
	var b *builder
	// flag decodes one flag. The shape is guessed from the first member name
	// and confirmed as the members come (detectShape's rule): a bare map
	// whose members do not all look like flags, or a latest-all document
	// that might be a bare map, is left to the whole-document path.
	flag := func(key string) bool {
		f := new(ldmodel.FeatureFlag)
		// Plain flags are decoded where they lie in the window, which also
		// finds their end; one that is not plain, or runs past the bytes
		// read so far, is cut out by the scanner and decoded on its own.
		if _, ok := s.ws(); !ok {
			return false
		}
		s.d.leanReader.flagish = false
		fr := fastReader{data: s.buf[s.pos:]}
		fr.object(&s.d.leanReader, f)
		if !fr.bad {
			s.pos += fr.pos
		} else {
			*f = ldmodel.FeatureFlag{}
			s.d.leanReader.flagish = false
			raw, ok := s.value()
			if !ok || !decodeFlag(raw, &s.d.leanReader, f) {
				return false
			}
			fixFlagSurrogates(raw, f)
		}
		if b.p.Shape == ShapeFlagMap && !s.d.leanReader.flagish {
			return false
		}
		b.add(key, f)
		s.discard()
		return true
	}
	first := true
	sawSegments := false // read before the loader was known: deleted segments were dropped
	// fd reads an FDv2 document, an event at a time (fdv2.go).
	var fd *fdv2
	ok := s.members(func(name string) bool {
		if onlyFileLoaderReads(name) && name != "flagValues" {
			return false // a case variant: the whole-document path reads it as the file loader does
		}
		if first {
			first = false
			shape := ShapeFlagMap
			if reservedTop(name) {
				shape = ShapeLatestAll
			} else if c, ok := s.ws(); ok && c == '[' && name == fdv2EventsMember {
				shape = ShapeFDv2
			}
			b = newBuilder(shape)
			s.d.b = b
		}
		switch b.p.Shape {
		case ShapeFlagMap:
			return flag(name)
		case ShapeFDv2:
			switch name {
			case fdv2EventsMember:
				if fd != nil {
					return false // repeated: the whole-document path reads the last
				}
				fd = newFDv2("", true)
				return s.fdv2Events(fd) == nil
			case "flags", "flagValues":
				return false // the document is latest-all after all
			}
			_, ok := s.decodeWith(func(d *decoder) { _ = d.r.SkipValue() })
			return ok
		}
		switch name {
		case fdv2EventsMember:
			return false // an FDv2 document, if it has no "flags": the whole-document path decides
		case "flags":
			if b.flagsMembers > 0 || sawSegments {
				return false // the loaders differ: let the whole-document path decide
			}
			b.startFlags()
			if c, ok := s.ws(); ok && c == 'n' {
				_, ok := s.decodeWith(func(d *decoder) { d.r.ObjectOrNull() })
				return ok
			}
			return s.members(flag)
		case "segments":
			sawSegments = true
			_, ok := s.decodeWith(func(d *decoder) { d.readSegments(b.p.Segments) })
			return ok
		case "flagValues":
			if b.flagsMembers > 0 || sawSegments {
				// "flags" was read before the loader was known: the
				// whole-document path reads it as the file loader.
				return false
			}
			b.p.Loader = LoaderFile
			s.d.b = b
			raw, ok := s.decodeWith(func(d *decoder) { d.readFlagValues() })
			if ok {
				// A flag named "flagValues" heading a bare map?
				r := jreader.NewReader(raw)
				if looksLikeFlag(&r) {
					return false
				}
			}
			if ok && needsRedecode(raw) {
				last := map[string]json.RawMessage{} // a repeated key: the last one was kept
				eachMember(raw, func(key string, v json.RawMessage) { last[key] = v })
				for key, v := range last {
					if f := b.p.Flags[key]; f != nil {
						fixFlagValueSurrogates(v, f)
					}
				}
			}
			return ok
		}
		b.others++
		_, ok := s.decodeWith(func(d *decoder) { _ = d.r.SkipValue() })
		return ok
	})
	if !ok || first {
		// first: not even one member; "{}" is left to ParseLean too.
		return nil, false
	}
	if b.refusal() != "" {
		return nil, false // the whole-document path words the error
	}
	if _, more := s.ws(); more || s.readErr != nil {
		return nil, false
	}
	if b.p.Shape == ShapeFDv2 {
		if fd == nil {
			return nil, false
		}
		p, err := fd.finish()
		return p, err == nil // an error is worded by the whole-document path
	}
	return b.finish(), true
}
