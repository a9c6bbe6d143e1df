package payload

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
)

// Integers the SDKs read differently. The Go SDK's JSON reader (jreader,
// behind ldmodel and ldvalue) reads an integer token through int64, wrapping
// beyond it (12345678901234567890 becomes -6101065172474983424), and then
// holds it as a float64 (9007199254740993 becomes 9007199254740992); the
// Node, Java and .NET SDKs read the nearest double, the Python and Ruby SDKs
// the exact integer. A variation holding such an integer is kept as an
// ldvalue.Raw of its JSON text, compacted: ldvalue reads it as the Go SDK
// does, and the writers of fallback-config.json, explain and codegen keep
// the number as the payload wrote it (README, "Numbers the SDKs read
// differently").

// hasLongInteger reports whether data may hold an integer token of 16
// digits or more (the shortest that can differ from its float64). A digit
// run inside a string is a false positive, which only costs a re-decode.
func hasLongInteger(data []byte) bool {
	run := 0
	for _, c := range data {
		if c >= '0' && c <= '9' {
			run++
			if run >= 16 {
				return true
			}
			continue
		}
		run = 0
	}
	return false
}

// needsRedecode reports whether the variations in data may need
// encoding/json's reading (an escaped surrogate pair, a long integer).
func needsRedecode(data []byte) bool {
	return hasSurrogateEscape(data) || hasLongInteger(data)
}

// InexactInteger reports whether the JSON number text n is an integer token
// (no fraction, no exponent) that the Go SDK does not hold exactly: outside
// int64, or not a float64.
func InexactInteger(n string) bool {
	for i := 0; i < len(n); i++ {
		if c := n[i]; c == '.' || c == 'e' || c == 'E' {
			return false
		}
	}
	i, err := strconv.ParseInt(n, 10, 64)
	if err != nil {
		return true
	}
	f := float64(i)
	return f >= 1<<63 || int64(f) != i
}

// hasInexact reports whether the decoded value v (numbers as json.Number)
// holds an inexact integer.
func hasInexact(v any) bool {
	switch x := v.(type) {
	case json.Number:
		return InexactInteger(string(x))
	case []any:
		for _, e := range x {
			if hasInexact(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range x {
			if hasInexact(e) {
				return true
			}
		}
	}
	return false
}

// exactValue is the variation raw as the payload wrote it when it holds an
// inexact integer: an ldvalue.Raw of the compacted text.
func exactValue(raw []byte) (ldvalue.Value, bool) {
	if !hasLongInteger(raw) {
		return ldvalue.Value{}, false
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || !hasInexact(v) {
		return ldvalue.Value{}, false
	}
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return ldvalue.Value{}, false
	}
	return ldvalue.Raw(b.Bytes()), true
}
