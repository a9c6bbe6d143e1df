package fallback

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"

	"github.com/ldfallback/ldfallback/payload"
)

// A variation holding an integer the Go SDK reads inexactly (beyond int64,
// or not a float64) reaches the resolver as an ldvalue.Raw of the text the
// payload wrote (payload.InexactInteger). Its outputs keep that number
// exactly: fallback-config.json and the generated code are shared by
// services in every language, and the Node, Java, .NET, Python and Ruby SDKs
// read the number as written (to their number type's precision). The Go
// SDK's reading is named in the answer's warning.

// writeExact writes the raw JSON text of such a variation the way
// writeValue (depth < 0) or writeIndented writes any other value: object
// keys sorted, integers as written, other numbers as ldvalue prints them.
func writeExact(b *bytes.Buffer, raw []byte, depth int) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		b.WriteString("null") // never: the payload reader compacted valid JSON
		return
	}
	writeAny(b, v, depth)
}

func writeAny(b *bytes.Buffer, v any, depth int) {
	newline := func(d int) {
		if depth < 0 {
			return
		}
		b.WriteByte('\n')
		for ; d > 0; d-- {
			b.WriteString("  ")
		}
	}
	next := depth + 1
	if depth < 0 {
		next = -1
	}
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case string:
		writeString(b, x)
	case json.Number:
		b.WriteString(exactNumber(string(x)))
	case []any:
		if len(x) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			newline(next)
			writeAny(b, e, next)
		}
		newline(depth)
		b.WriteByte(']')
	case map[string]any:
		if len(x) == 0 {
			b.WriteString("{}")
			return
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			newline(next)
			writeString(b, k)
			if depth < 0 {
				b.WriteByte(':')
			} else {
				b.WriteString(": ")
			}
			writeAny(b, x[k], next)
		}
		newline(depth)
		b.WriteByte('}')
	}
}

// exactNumber is an integer token as written ("-0" as "0", as the SDKs
// print it) and any other number as ldvalue prints it.
func exactNumber(n string) string {
	if payload.InexactInteger(n) {
		return n
	}
	f, err := strconv.ParseFloat(n, 64)
	if err != nil {
		return n
	}
	return ldvalue.Float64(f).JSONString()
}

// goReading is the warning for a value the Go SDK reads inexactly: what it
// serves in its place.
func goReading(v ldvalue.Value) string {
	if v.Type() != ldvalue.RawType {
		return ""
	}
	var b bytes.Buffer
	writeValue(&b, ldvalue.Parse(v.AsRaw())) // jreader: the Go SDK's reading
	return "the value holds an integer the Go server SDK cannot hold exactly: it reads " + clip(b.String(), 60) +
		" (integers beyond int64 wrap, beyond 2^53 round); the Node, Java and .NET SDKs read the nearest double, Python and Ruby the integer as written, which is what fallback-config.json keeps"
}

// clip cuts s to at most n bytes, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n - 3
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}
