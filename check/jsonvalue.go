package check

import (
	"bytes"
	"encoding/json"
	"math/big"
	"sort"
	"strconv"

	"github.com/ldfallback/ldfallback/languages"
)

// Fallback literals and resolver answers are compared as JSON values, not as
// text: 1 == 1.0 == 1e0, and object key order does not matter.

// decodeJSON decodes raw keeping numbers exact. ok is false for invalid JSON.
func decodeJSON(raw []byte) (v any, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	if dec.More() {
		return nil, false
	}
	return v, true
}

// JSONEqual reports whether a and b are the same JSON value: numbers by
// value (1 == 1.0), objects whatever their key order.
func JSONEqual(a, b []byte) bool {
	va, oka := decodeJSON(a)
	vb, okb := decodeJSON(b)
	if !oka || !okb {
		return oka == okb && bytes.Equal(bytes.TrimSpace(a), bytes.TrimSpace(b))
	}
	return valueEqual(va, vb, numberEqual)
}

// valueEqual compares decoded JSON values, numbers by num.
func valueEqual(a, b any, num func(x, y json.Number) bool) bool {
	switch x := a.(type) {
	case json.Number:
		y, ok := b.(json.Number)
		return ok && num(x, y)
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !valueEqual(v, w, num) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !valueEqual(x[i], y[i], num) {
				return false
			}
		}
		return true
	default: // nil, bool, string
		return a == b
	}
}

func numberEqual(a, b json.Number) bool {
	ra, oka := new(big.Rat).SetString(string(a))
	rb, okb := new(big.Rat).SetString(string(b))
	if !oka || !okb {
		return a == b
	}
	return ra.Cmp(rb) == 0
}

// normalizeJSON returns a canonical text for raw: compact, object keys
// sorted, integers without a fraction, other numbers in Go's shortest form.
// Invalid JSON is returned trimmed, as is.
func normalizeJSON(raw []byte) string {
	v, ok := decodeJSON(raw)
	if !ok {
		return string(bytes.TrimSpace(raw))
	}
	var buf bytes.Buffer
	writeCanonical(&buf, v)
	return buf.String()
}

func writeCanonical(buf *bytes.Buffer, v any) {
	switch x := v.(type) {
	case json.Number:
		buf.WriteString(canonicalNumber(x))
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		buf.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				buf.WriteByte(',')
			}
			kb, _ := json.Marshal(k)
			buf.Write(kb)
			buf.WriteByte(':')
			writeCanonical(buf, x[k])
		}
		buf.WriteByte('}')
	case []any:
		buf.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				buf.WriteByte(',')
			}
			writeCanonical(buf, e)
		}
		buf.WriteByte(']')
	default:
		b, _ := json.Marshal(x)
		buf.Write(b)
	}
}

func canonicalNumber(n json.Number) string {
	r, ok := new(big.Rat).SetString(string(n))
	if !ok {
		return string(n)
	}
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// jsonType is the scanner type of a JSON value: bool, string, number, json
// (objects, arrays) or "null"; "" for invalid JSON.
func jsonType(raw []byte) string {
	v, ok := decodeJSON(raw)
	if !ok {
		return ""
	}
	return valueType(v)
}

func valueType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "bool"
	case string:
		return "string"
	case json.Number:
		return "number"
	default:
		return "json"
	}
}

// readsDoubles reports whether the SDK of language reads every JSON number
// as a double (languages' exactIntegers says which do not). An unknown
// language compares exactly.
func readsDoubles(language string) bool {
	l := languages.ByName(language)
	return l != nil && !l.ExactIntegers
}

// DoubleEqual is JSONEqual with numbers compared as the float64 each
// rounds to (ParseFloat, as the double-reading SDKs parse them).
func DoubleEqual(a, b []byte) bool {
	va, oka := decodeJSON(a)
	vb, okb := decodeJSON(b)
	return oka && okb && valueEqual(va, vb, doubleNumbers)
}

// doubleNumbers compares two JSON numbers as the float64 each rounds to.
func doubleNumbers(x, y json.Number) bool {
	fx, errx := strconv.ParseFloat(string(x), 64)
	fy, erry := strconv.ParseFloat(string(y), 64)
	return errx == nil && erry == nil && fx == fy
}
