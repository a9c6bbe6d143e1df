package fallback

import (
	"bytes"
	"encoding/json"
	"sort"

	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
)

// Config renders fallback-config.json: a JSON object of flag key → safest
// fallback, keys sorted, two-space indent, trailing newline. Flags with no
// safe value are left out and returned in leftOut (sorted) so the caller can
// name them.
func (r *Result) Config() (data []byte, leftOut []string) {
	// Written as json.Indent would indent the compact object, in one pass.
	// Arrays and objects are indented by writeIndented, not json.Indent,
	// whose 10,000-level limit a payload value may reach.
	var out bytes.Buffer
	out.Grow(len(r.Answers) * 48)
	out.WriteByte('{')
	n := 0
	for _, a := range r.Answers { // already sorted by key
		if !a.HasValue {
			leftOut = append(leftOut, a.Key)
			continue
		}
		if n > 0 {
			out.WriteByte(',')
		}
		n++
		out.WriteString("\n  ")
		writeString(&out, a.Key)
		out.WriteString(": ")
		writeIndented(&out, a.Value, 1)
	}
	if n > 0 {
		out.WriteByte('\n')
	}
	out.WriteString("}\n")
	return out.Bytes(), leftOut
}

// ValueJSON is v as compact JSON with object keys sorted and numbers as the
// SDK prints them: the one spelling of a flag value in every output, so that
// reports and generated files are byte-for-byte stable.
func ValueJSON(v ldvalue.Value) json.RawMessage {
	var b bytes.Buffer
	writeValue(&b, v)
	return b.Bytes()
}

// writeValue writes v as compact JSON with object keys sorted (ldvalue's own
// encoder walks a Go map, whose order is random). Numbers are printed as
// ldvalue prints them, i.e. as the SDK would.
func writeValue(b *bytes.Buffer, v ldvalue.Value) {
	switch v.Type() {
	case ldvalue.RawType:
		writeExact(b, v.AsRaw(), -1)
	case ldvalue.StringType:
		writeString(b, v.StringValue())
	case ldvalue.ArrayType:
		b.WriteByte('[')
		for i := 0; i < v.Count(); i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			writeValue(b, v.GetByIndex(i))
		}
		b.WriteByte(']')
	case ldvalue.ObjectType:
		keys := v.Keys(nil)
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, k)
			b.WriteByte(':')
			writeValue(b, v.GetByKey(k))
		}
		b.WriteByte('}')
	default: // null, bool, number
		b.WriteString(v.JSONString())
	}
}

// writeIndented writes v as json.Indent(b, compact, "  ", "  ") prints it
// at nesting level depth (1 for a member of the config object): empty
// arrays and objects stay "[]" and "{}".
func writeIndented(b *bytes.Buffer, v ldvalue.Value, depth int) {
	newline := func(d int) {
		b.WriteByte('\n')
		for ; d > 0; d-- {
			b.WriteString("  ")
		}
	}
	switch v.Type() {
	case ldvalue.RawType:
		writeExact(b, v.AsRaw(), depth)
	case ldvalue.ArrayType:
		if v.Count() == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteByte('[')
		for i := 0; i < v.Count(); i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			newline(depth + 1)
			writeIndented(b, v.GetByIndex(i), depth+1)
		}
		newline(depth)
		b.WriteByte(']')
	case ldvalue.ObjectType:
		if v.Count() == 0 {
			b.WriteString("{}")
			return
		}
		keys := v.Keys(nil)
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			newline(depth + 1)
			writeString(b, k)
			b.WriteString(": ")
			writeIndented(b, v.GetByKey(k), depth+1)
		}
		newline(depth)
		b.WriteByte('}')
	default:
		writeValue(b, v)
	}
}

// writeString writes s as a JSON string without HTML escaping (as jq does).
func writeString(b *bytes.Buffer, s string) {
	if plainASCII(s) {
		// What the encoder would write, without building one per string
		// (flag keys and most values are plain).
		b.WriteByte('"')
		b.WriteString(s)
		b.WriteByte('"')
		return
	}
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)       // cannot fail for a string
	b.Truncate(b.Len() - 1) // Encode appends a newline
}

// ConfigMap returns the config as a map, for callers that compare values.
func (r *Result) ConfigMap() map[string]ldvalue.Value {
	m := make(map[string]ldvalue.Value, len(r.Answers))
	for _, a := range r.Answers {
		if a.HasValue {
			m[a.Key] = a.Value
		}
	}
	return m
}

// plainASCII reports whether s is printable ASCII with no quote or
// backslash: the bytes encoding/json writes unchanged.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
