package codegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/ldfallback/ldfallback/payload"
)

// kind is the JSON type of a fallback, which decides the constant's type.
type kind int

const (
	kindBool kind = iota
	kindString
	kindNumber
	kindJSON // object, array or null
)

// value is a decoded JSON value with object members sorted by name, so that
// rendering is deterministic whatever the input order.
type value struct {
	Kind kind
	Bool bool
	Str  string
	Num  float64
	// Exact is the number as written when it is an integer the Go SDK
	// does not hold exactly (payload.InexactInteger): beyond int64, or
	// beyond what a float64 holds. Each language writes it as its SDK
	// reads the payload (README, "Numbers the SDKs read differently").
	Exact   string
	IsNull  bool
	IsArray bool
	Elems   []value  // array elements
	Members []member // object members, sorted by Name
}

type member struct {
	Name  string
	Value value
}

// flag is one flag to generate: its key, the identifier chosen for the
// target language and its fallback.
type entry struct {
	Key   string
	Name  string
	Value value
}

func parseValue(raw json.RawMessage) (value, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return value{}, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return value{}, fmt.Errorf("trailing data after JSON value")
	}
	return fromAny(v)
}

func fromAny(v any) (value, error) {
	switch x := v.(type) {
	case nil:
		return value{Kind: kindJSON, IsNull: true}, nil
	case bool:
		return value{Kind: kindBool, Bool: x}, nil
	case string:
		return value{Kind: kindString, Str: x}, nil
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil || math.IsInf(f, 0) {
			return value{}, fmt.Errorf("number %s does not fit a float64", x)
		}
		v := value{Kind: kindNumber, Num: f}
		if payload.InexactInteger(string(x)) {
			v.Exact = string(x)
		}
		return v, nil
	case []any:
		out := value{Kind: kindJSON, IsArray: true, Elems: make([]value, 0, len(x))}
		for _, e := range x {
			ev, err := fromAny(e)
			if err != nil {
				return value{}, err
			}
			out.Elems = append(out.Elems, ev)
		}
		return out, nil
	case map[string]any:
		out := value{Kind: kindJSON, Members: make([]member, 0, len(x))}
		for k, e := range x {
			ev, err := fromAny(e)
			if err != nil {
				return value{}, err
			}
			out.Members = append(out.Members, member{k, ev})
		}
		sort.Slice(out.Members, func(i, j int) bool { return out.Members[i].Name < out.Members[j].Name })
		return out, nil
	}
	return value{}, fmt.Errorf("unexpected JSON value %T", v)
}

// canonicalJSON renders v as compact JSON with sorted keys, the text handed
// to each SDK's JSON parser. Non-ASCII characters stay raw UTF-8 (the
// language's string literal escapes them): go-jsonstream, behind
// ldvalue.Parse, decodes a \ud83d\ude00 surrogate pair as two U+FFFD.
func canonicalJSON(v value) string {
	var b strings.Builder
	writeJSON(&b, v)
	return b.String()
}

func writeJSON(b *strings.Builder, v value) {
	switch v.Kind {
	case kindBool:
		b.WriteString(strconv.FormatBool(v.Bool))
	case kindString:
		b.WriteString(quoteJSON(v.Str))
	case kindNumber:
		b.WriteString(numberText(v))
	case kindJSON:
		switch {
		case v.IsNull:
			b.WriteString("null")
		case v.IsArray:
			b.WriteByte('[')
			for i, e := range v.Elems {
				if i > 0 {
					b.WriteByte(',')
				}
				writeJSON(b, e)
			}
			b.WriteByte(']')
		default:
			b.WriteByte('{')
			for i, m := range v.Members {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(quoteJSON(m.Name))
				b.WriteByte(':')
				writeJSON(b, m.Value)
			}
			b.WriteByte('}')
		}
	}
}

// jsonNumber is the shortest JSON text for f.
func jsonNumber(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// numberText is the JSON text of a number: as written when Exact, else the
// shortest text for its float64.
func numberText(v value) string {
	if v.Exact != "" {
		return v.Exact
	}
	return jsonNumber(v.Num)
}

// numberLiteral is floatLiteral of a number value; an Exact integer keeps
// its digits, as a floating-point literal (the compiler rounds it to the
// nearest double, as the Java, .NET and Node SDKs round the payload's text).
func numberLiteral(v value) string {
	if v.Exact != "" {
		return v.Exact + ".0"
	}
	return floatLiteral(v.Num)
}

// beyondInt64 reports whether an Exact integer is outside int64: the Go
// SDK's JSON reader wraps it, so no Go constant holds what it serves.
func beyondInt64(exact string) bool {
	_, err := strconv.ParseInt(exact, 10, 64)
	return exact != "" && err != nil
}

// floatLiteral is a floating-point literal that every target language reads
// as a double (always a '.' or an exponent: Kotlin will not widen 1 to Double).
func floatLiteral(f float64) string {
	if f == 0 && math.Signbit(f) {
		return "-0.0"
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatFloat(f, 'f', -1, 64) + ".0"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}
