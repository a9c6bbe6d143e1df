package fix

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ldfallback/ldfallback/check"
)

// syntax is how one language writes JSON scalars (and, for a few, objects).
type syntax struct {
	True, False string
	Null        string // "" = no safe null literal: skip
	// Quotes are the string delimiters fix may keep; the first is used when the old literal was not a string.
	Quotes string
	// Plain are quotes whose strings know only the escapes \\ and \<quote> (Ruby and PHP '…').
	Plain string
	// Interp are characters that start interpolation in a delimited string
	// and get a backslash (Ruby/Elixir #{}, Kotlin/PHP $, JS template ${}).
	Interp map[byte]string // quote -> characters
	// Control writes a control character; %x/%o/%d of its code point.
	Control string
	// TypedNumbers: integer and floating literals are different types, so an
	// integer literal is never rewritten to a fraction.
	TypedNumbers bool
	Objects      objectSyntax
}

type objectSyntax int

const (
	objectsNone   objectSyntax = iota
	objectsJSON                // JSON text is an expression of the language (JS family)
	objectsPython              // dicts and lists with True/False/None
)

// syntaxes is keyed by the scanner's language names.
var syntaxes = map[string]syntax{
	"go":         {True: "true", False: "false", Quotes: "\"`", Control: `\x%02x`, TypedNumbers: true},
	"javascript": jsSyntax,
	"typescript": jsSyntax,
	"tsx":        jsSyntax,
	"vue":        jsSyntax,
	"python":     {True: "True", False: "False", Null: "None", Quotes: `"'`, Control: `\x%02x`, Objects: objectsPython},
	// Java decodes \u escapes before lexing, so "\u000a" would end the string: use octal.
	"java":   {True: "true", False: "false", Null: "null", Quotes: `"`, Control: `\%03o`, TypedNumbers: true},
	"kotlin": {True: "true", False: "false", Null: "null", Quotes: `"`, Control: `\u%04x`, TypedNumbers: true, Interp: map[byte]string{'"': "$"}},
	"csharp": {True: "true", False: "false", Null: "null", Quotes: `"`, Control: `\u%04x`, TypedNumbers: true},
	"ruby":   {True: "true", False: "false", Null: "nil", Quotes: `"'`, Plain: `'`, Control: `\u%04x`, Interp: map[byte]string{'"': "#"}},
	"php":    {True: "true", False: "false", Null: "null", Quotes: `'"`, Plain: `'`, Control: `\x%02x`, Interp: map[byte]string{'"': "$"}},
	"swift":  {True: "true", False: "false", Null: "nil", Quotes: `"`, Control: `\u{%x}`, TypedNumbers: true},
	"rust":   {True: "true", False: "false", Quotes: `"`, Control: `\u{%x}`, TypedNumbers: true},
	"lua":    {True: "true", False: "false", Null: "nil", Quotes: `"'`, Control: `\%03d`},
	"elixir": {True: "true", False: "false", Null: "nil", Quotes: `"`, Control: `\x%02X`, Interp: map[byte]string{'"': "#"}},
	"cpp":    {True: "true", False: "false", Quotes: `"`, Control: `\%03o`, TypedNumbers: true},
}

var jsSyntax = syntax{True: "true", False: "false", Null: "null", Quotes: "'\"`", Control: `\x%02x`,
	Interp: map[byte]string{'`': "$"}, Objects: objectsJSON}

// Languages returns the languages fix can rewrite, sorted.
func Languages() []string {
	var l []string
	for k := range syntaxes {
		l = append(l, k)
	}
	sort.Strings(l)
	return l
}

// numberRE splits a decimal literal from a type suffix (10L, 1.5f, 2_i64, 3.0f64, 10m).
var numberRE = regexp.MustCompile(`^([-+]?[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?(?:[eE][-+]?[0-9]+)?)(_?(?:[iu](?:8|16|32|64|128|size)|f32|f64)|[lLfFdDmMuU]{1,3})?$`)

// decode reads a scalar literal of lang as JSON: the check that the span
// still holds the value the finding was about. ok is false when the text is
// not a literal fix understands.
func decode(lang, text string) (json.RawMessage, bool) {
	sx, known := syntaxes[lang]
	if !known || text == "" {
		return nil, false
	}
	switch text {
	case sx.True:
		return json.RawMessage("true"), true
	case sx.False:
		return json.RawMessage("false"), true
	}
	if sx.Null != "" && text == sx.Null {
		return json.RawMessage("null"), true
	}
	if strings.IndexByte(sx.Quotes, text[0]) >= 0 {
		s, ok := unquote(sx, text)
		if !ok {
			return nil, false
		}
		b, _ := json.Marshal(s)
		return b, true
	}
	if m := numberRE.FindStringSubmatch(text); m != nil {
		n := strings.ReplaceAll(m[1], "_", "")
		n = strings.TrimPrefix(n, "+")
		if strings.HasSuffix(n, ".") {
			n += "0"
		}
		if _, ok := new(big.Rat).SetString(n); ok {
			return json.RawMessage(n), true
		}
	}
	return nil, false
}

// unquote decodes a delimited string literal.
func unquote(sx syntax, text string) (string, bool) {
	q := text[0]
	if len(text) < 2 || text[len(text)-1] != q {
		return "", false
	}
	body := text[1 : len(text)-1]
	if q == '`' && sx.Interp['`'] == "" { // Go raw string
		return body, !strings.Contains(body, "`")
	}
	plain := strings.IndexByte(sx.Plain, q) >= 0
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == q {
			return "", false
		}
		if c != '\\' {
			if !plain && strings.IndexByte(sx.Interp[q], c) >= 0 && i+1 < len(body) && (body[i+1] == '{' || q != '`' && c == '$' && isIdentStart(body[i+1])) {
				return "", false // interpolation: not a constant
			}
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(body) {
			return "", false
		}
		i++
		e := body[i]
		if plain {
			if e != '\\' && e != q {
				b.WriteByte('\\')
			}
			b.WriteByte(e)
			continue
		}
		switch e {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case '\\', '"', '\'', '`', '$', '#', '/':
			b.WriteByte(e)
		case 'x':
			if i+3 > len(body) {
				return "", false
			}
			v, err := strconv.ParseUint(body[i+1:i+3], 16, 8)
			if err != nil {
				return "", false
			}
			b.WriteRune(rune(v))
			i += 2
		case 'u':
			if i+1 < len(body) && body[i+1] == '{' {
				end := strings.IndexByte(body[i:], '}')
				if end < 0 {
					return "", false
				}
				v, err := strconv.ParseUint(body[i+2:i+end], 16, 32)
				if err != nil || !utf8.ValidRune(rune(v)) {
					return "", false
				}
				b.WriteRune(rune(v))
				i += end
				continue
			}
			if i+5 > len(body) {
				return "", false
			}
			v, err := strconv.ParseUint(body[i+1:i+5], 16, 16)
			if err != nil {
				return "", false
			}
			b.WriteRune(rune(v))
			i += 4
		default:
			if e >= '0' && e <= '9' {
				// Octal (C family) or decimal (Lua) escapes of up to three digits.
				j := i
				for j < len(body) && j < i+3 && body[j] >= '0' && body[j] <= '9' {
					j++
				}
				base := 8
				if sx.Control == `\%03d` {
					base = 10
				}
				v, err := strconv.ParseUint(body[i:j], base, 8)
				if err != nil {
					return "", false
				}
				b.WriteRune(rune(v))
				i = j - 1
				continue
			}
			return "", false
		}
	}
	return b.String(), true
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// render writes value (JSON) as a literal of lang, in the style of the old
// literal text (quote character, number suffix and float form). It returns
// a reason when there is no safe rewrite.
func render(lang, old string, value json.RawMessage) (string, string) {
	sx, known := syntaxes[lang]
	if !known {
		return "", fmt.Sprintf("fix does not know %s literals", lang)
	}
	dec := json.NewDecoder(bytes.NewReader(value))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", "the recommended value is not JSON"
	}
	switch x := v.(type) {
	case bool:
		if x {
			return sx.True, ""
		}
		return sx.False, ""
	case nil:
		if sx.Null == "" {
			return "", fmt.Sprintf("%s has no plain null literal for this call", lang)
		}
		return sx.Null, ""
	case string:
		q := sx.Quotes[0]
		if old != "" && strings.IndexByte(sx.Quotes, old[0]) >= 0 {
			q = old[0]
		}
		if q == '`' && sx.Interp['`'] == "" { // Go raw string: a normal string says the same
			q = '"'
		}
		return quote(sx, q, x), ""
	case json.Number:
		return renderNumber(sx, old, x)
	}
	switch sx.Objects {
	case objectsJSON:
		return string(value), ""
	case objectsPython:
		var b strings.Builder
		if !writePython(&b, sx, v) {
			return "", "the value cannot be written as a Python literal"
		}
		return b.String(), ""
	}
	return "", fmt.Sprintf("fix does not write JSON objects or arrays as %s literals", lang)
}

func quote(sx syntax, q byte, s string) string {
	if strings.IndexByte(sx.Plain, q) >= 0 {
		for _, r := range s {
			if r < 0x20 || r == 0x7f {
				// A plain string cannot hold control characters: use the language's escaping string.
				for i := 0; i < len(sx.Quotes); i++ {
					if strings.IndexByte(sx.Plain, sx.Quotes[i]) < 0 {
						return quote(sx, sx.Quotes[i], s)
					}
				}
			}
		}
		r := strings.NewReplacer(`\`, `\\`, string(q), `\`+string(q))
		return string(q) + r.Replace(s) + string(q)
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == '\\' || r == rune(q):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, sx.Control, r)
		case r < 0x80 && strings.ContainsRune(sx.Interp[q], r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

func renderNumber(sx syntax, old string, n json.Number) (string, string) {
	text := string(n)
	newInt := !strings.ContainsAny(text, ".eE")
	m := numberRE.FindStringSubmatch(old)
	if m == nil {
		return text, ""
	}
	oldFloat := strings.ContainsAny(m[1], ".eE")
	suffix := m[2]
	if sx.TypedNumbers && !oldFloat && !newInt && !isFloatSuffix(suffix) {
		return "", fmt.Sprintf("the recommended value %s is not an integer, and the code's literal %s is", text, old)
	}
	if (oldFloat || isFloatSuffix(suffix)) && newInt {
		text += ".0"
	}
	return text + suffix, ""
}

func isFloatSuffix(s string) bool {
	switch strings.TrimPrefix(s, "_") {
	case "f", "F", "d", "D", "m", "M", "f32", "f64":
		return true
	}
	return false
}

func writePython(b *strings.Builder, sx syntax, v any) bool {
	switch x := v.(type) {
	case nil:
		b.WriteString("None")
	case bool:
		if x {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case json.Number:
		b.WriteString(string(x))
	case string:
		b.WriteString(quote(sx, '"', x))
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			if !writePython(b, sx, e) {
				return false
			}
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quote(sx, '"', k))
			b.WriteString(": ")
			if !writePython(b, sx, x[k]) {
				return false
			}
		}
		b.WriteByte('}')
	default:
		return false
	}
	return true
}

// sameValue compares two JSON values semantically (1 == 1.0, key order ignored).
func sameValue(a, b []byte) bool { return check.JSONEqual(a, b) }
