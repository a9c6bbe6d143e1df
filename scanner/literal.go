package scanner

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/ldfallback/ldfallback/languages"
)

// maxLiteralDepth bounds the nesting of a literal read as a value: deeper,
// it is not a literal (the fallback is dynamic). No real fallback comes near
// it, and a hostile file nested 10,000 levels would otherwise make a value
// that encoding/json refuses (it stops at 10,000), failing the whole scan.
const maxLiteralDepth = 128

// literal converts a literal expression to JSON. ok is false when the node is
// not fully literal (a reference, a call, an interpolated string, an object
// with a computed member...) or is nested deeper than maxLiteralDepth.
func literal(n *sitter.Node, src []byte, lit *languages.Literals) (val json.RawMessage, t Type, ok bool) {
	// One buffer for the whole value: each level copying its children's
	// output made a deeply nested literal quadratic.
	var buf []byte
	buf, t, ok = appendLiteral(buf, n, src, lit, 0)
	if !ok {
		return nil, "", false
	}
	return buf, t, true
}

// appendLiteral appends n's JSON to buf; depth is n's nesting level.
func appendLiteral(buf []byte, n *sitter.Node, src []byte, lit *languages.Literals, depth int) ([]byte, Type, bool) {
	if depth > maxLiteralDepth {
		return buf, "", false
	}
	for d := 0; d < 8 && n != nil; d++ {
		if !has(lit.Wrappers, n.Type()) {
			break
		}
		if n.NamedChildCount() == 0 {
			// Kotlin wraps a keyword literal (null) in an argument node with no named child.
			if n.ChildCount() == 1 {
				n = n.Child(0)
			}
			break
		}
		n = n.NamedChild(0)
	}
	if n == nil {
		return buf, "", false
	}
	scalar := func(v json.RawMessage, t Type, ok bool) ([]byte, Type, bool) {
		if !ok {
			return buf, "", false
		}
		return append(buf, v...), t, true
	}
	typ := n.Type()
	switch {
	case has(lit.String, typ), has(lit.RawString, typ):
		if len(lit.Interpolation) > 0 && hasDescendant(n, lit.Interpolation, 0) {
			return buf, "", false
		}
		s, ok := unquote(n.Content(src), has(lit.RawString, typ))
		if !ok {
			return buf, "", false
		}
		b, _ := json.Marshal(s)
		return append(buf, b...), TypeString, true
	case has(lit.Number, typ):
		return scalar(number(n.Content(src), false))
	case has(lit.True, typ) && has(lit.False, typ):
		// One node type for both (Kotlin/C# boolean_literal): decide by the text.
		switch strings.TrimSpace(n.Content(src)) {
		case "true", "True", "TRUE":
			return append(buf, "true"...), TypeBool, true
		case "false", "False", "FALSE":
			return append(buf, "false"...), TypeBool, true
		}
		return buf, "", false
	case has(lit.True, typ):
		return append(buf, "true"...), TypeBool, true
	case has(lit.False, typ):
		return append(buf, "false"...), TypeBool, true
	case has(lit.Null, typ):
		return append(buf, "null"...), TypeUnknown, true
	case has(lit.Negation, typ):
		if n.NamedChildCount() == 1 && strings.HasPrefix(strings.TrimSpace(n.Content(src)), "-") {
			arg := n.NamedChild(0)
			if has(lit.Number, arg.Type()) {
				return scalar(number(arg.Content(src), true))
			}
		}
		return buf, "", false
	case has(lit.Array, typ):
		buf = append(buf, '[')
		k := 0
		for i := 0; i < int(n.NamedChildCount()); i++ {
			c := n.NamedChild(i)
			if c.Type() == "comment" {
				continue
			}
			if k > 0 {
				buf = append(buf, ',')
			}
			k++
			var ok bool
			if buf, _, ok = appendLiteral(buf, c, src, lit, depth+1); !ok {
				return buf, "", false
			}
		}
		return append(buf, ']'), TypeJSON, true
	}
	for i := range lit.Composite {
		if lit.Composite[i].Node == typ {
			return appendComposite(buf, &lit.Composite[i], n, src, lit, depth)
		}
	}
	for _, o := range lit.Object {
		if o.Node != typ {
			continue
		}
		buf = append(buf, '{')
		k := 0
		for i := 0; i < int(n.NamedChildCount()); i++ {
			c := n.NamedChild(i)
			if c.Type() == "comment" {
				continue
			}
			if c.Type() != o.Pair {
				return buf, "", false
			}
			kn, vn := c.ChildByFieldName(o.Key), c.ChildByFieldName(o.Value)
			if kn == nil || vn == nil {
				return buf, "", false
			}
			name, ok := propertyName(kn, src, lit)
			if !ok {
				return buf, "", false
			}
			if k > 0 {
				buf = append(buf, ',')
			}
			k++
			kb, _ := json.Marshal(name)
			buf = append(append(buf, kb...), ':')
			if buf, _, ok = appendLiteral(buf, vn, src, lit, depth+1); !ok {
				return buf, "", false
			}
		}
		return append(buf, '}'), TypeJSON, true
	}
	return buf, "", false
}

// appendComposite appends a typed list or map literal (languages.CompositeSyntax).
func appendComposite(buf []byte, c *languages.CompositeSyntax, n *sitter.Node, src []byte, lit *languages.Literals, depth int) ([]byte, Type, bool) {
	tn, body := n.ChildByFieldName(c.Type), n.ChildByFieldName(c.Body)
	if tn == nil || body == nil {
		return buf, "", false
	}
	list := has(c.Lists, tn.Type())
	if !list && !has(c.Maps, tn.Type()) {
		return buf, "", false // a struct or a named type: not JSON
	}
	unwrap := func(e *sitter.Node) *sitter.Node {
		if c.Element != "" && e.Type() == c.Element && e.NamedChildCount() == 1 {
			return e.NamedChild(0)
		}
		return e
	}
	open, close := byte('{'), byte('}')
	if list {
		open, close = '[', ']'
	}
	buf = append(buf, open)
	k := 0
	for i := 0; i < int(body.NamedChildCount()); i++ {
		e := body.NamedChild(i)
		if e.Type() == "comment" {
			continue
		}
		if k > 0 {
			buf = append(buf, ',')
		}
		k++
		var ok bool
		if list {
			if e.Type() == c.Pair {
				return buf, "", false
			}
			if buf, _, ok = appendLiteral(buf, unwrap(e), src, lit, depth+1); !ok {
				return buf, "", false
			}
			continue
		}
		if e.Type() != c.Pair || e.NamedChildCount() != 2 {
			return buf, "", false
		}
		var kt Type
		if buf, kt, ok = appendLiteral(buf, unwrap(e.NamedChild(0)), src, lit, depth+1); !ok || kt != TypeString {
			return buf, "", false
		}
		buf = append(buf, ':')
		if buf, _, ok = appendLiteral(buf, unwrap(e.NamedChild(1)), src, lit, depth+1); !ok {
			return buf, "", false
		}
	}
	return append(buf, close), TypeJSON, true
}

// propertyName is the name of an object key: an identifier or a string literal.
func propertyName(n *sitter.Node, src []byte, lit *languages.Literals) (string, bool) {
	if has(lit.String, n.Type()) || has(lit.RawString, n.Type()) {
		v, _, ok := literal(n, src, lit)
		if !ok {
			return "", false
		}
		var s string
		return s, json.Unmarshal(v, &s) == nil
	}
	if n.NamedChildCount() == 0 && isIdent(n.Content(src)) {
		return n.Content(src), true
	}
	return "", false
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80 || i > 0 && r >= '0' && r <= '9' {
			continue
		}
		return false
	}
	return true
}

// number normalises a numeric literal of any of the supported languages to JSON.
func number(text string, neg bool) (json.RawMessage, Type, bool) {
	s := strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(text), "_", ""), "'", "")
	var f float64
	lower := strings.ToLower(s)
	switch {
	case strings.HasPrefix(lower, "0x"), strings.HasPrefix(lower, "0b"), strings.HasPrefix(lower, "0o"):
		u, err := strconv.ParseUint(strings.TrimRight(lower, "ul"), 0, 64)
		if err != nil {
			return nil, "", false
		}
		f = float64(u)
	default:
		// Type suffixes: Java/Kotlin L, F, D; C# m, u, ul; Go imaginary numbers are not literal values.
		t := strings.TrimRight(lower, "lfdmu")
		var err error
		f, err = strconv.ParseFloat(t, 64)
		if err != nil {
			// Legacy octal or other forms: not worth guessing.
			return nil, "", false
		}
	}
	if neg {
		f = -f
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, "", false
	}
	b, err := json.Marshal(f)
	if err != nil {
		return nil, "", false
	}
	return b, TypeNumber, true
}

// unquote strips a string literal's prefix and quotes and decodes its escapes.
// It accepts the quoting of every supported language: '…', "…", `…`,
// triple quotes, Python prefixes (r, b, u, f), C# @"…" and $"…" and Go raw strings.
func unquote(text string, raw bool) (string, bool) {
	i := strings.IndexAny(text, "\"'`")
	if i < 0 {
		return "", false
	}
	prefix := strings.ToLower(text[:i])
	for _, r := range prefix {
		if !strings.ContainsRune("rbufs@$", r) {
			return "", false
		}
	}
	if strings.ContainsAny(prefix, "f$") && strings.ContainsAny(text[i:], "{") {
		return "", false // interpolated string that the grammar did not split
	}
	verbatim := strings.Contains(prefix, "@")
	raw = raw || strings.Contains(prefix, "r") || verbatim
	body := text[i:]
	q := body[:1]
	if strings.HasPrefix(body, q+q+q) && len(body) >= 6 && strings.HasSuffix(body, q+q+q) {
		body = body[3 : len(body)-3]
	} else if len(body) >= 2 && strings.HasSuffix(body, q) {
		body = body[1 : len(body)-1]
	} else {
		return "", false
	}
	if verbatim {
		return strings.ReplaceAll(body, `""`, `"`), true
	}
	if raw || q == "`" && !strings.Contains(body, `\`) {
		return body, true
	}
	return unescape(body), true
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '0':
			b.WriteByte(0)
		case '\n':
			// line continuation
		case 'x', 'u', 'U':
			n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			hex := ""
			if e == 'u' && i+1 < len(s) && s[i+1] == '{' {
				end := strings.IndexByte(s[i:], '}')
				if end > 0 {
					hex = s[i+2 : i+end]
					i += end
				}
			} else if i+n < len(s)+0 && i+n <= len(s)-1 {
				hex = s[i+1 : i+1+n]
				i += n
			}
			v, err := strconv.ParseUint(hex, 16, 32)
			if err != nil || hex == "" {
				b.WriteByte('\\')
				b.WriteByte(e)
				continue
			}
			if e == 'x' {
				b.WriteByte(byte(v))
			} else {
				b.WriteRune(rune(v))
			}
		default:
			b.WriteByte(e) // \\ \" \' \` \$ and unknown escapes stand for themselves
		}
	}
	out := b.String()
	if !utf8.ValidString(out) {
		out = strings.ToValidUTF8(out, "\uFFFD")
	}
	return out
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hasDescendant(n *sitter.Node, types []string, depth int) bool {
	if depth > 64 {
		return true // treat absurdly nested strings as non-literal
	}
	for i := 0; i < int(n.NamedChildCount()); i++ {
		c := n.NamedChild(i)
		if has(types, c.Type()) || hasDescendant(c, types, depth+1) {
			return true
		}
	}
	return false
}

// converted returns the literal inside a value-keeping conversion of it
// (literals.conversions: `"x".freeze`, `"x".to_string()`; literals.constructors:
// `String::from("x")`), so that its value and span are the literal's; otherwise n.
func converted(n *sitter.Node, src []byte, lit *languages.Literals) *sitter.Node {
	if n == nil || len(lit.Conversions) == 0 && len(lit.Constructors) == 0 {
		return n
	}
	if _, _, ok := literal(n, src, lit); ok {
		return n
	}
	// Breadth-first over the first levels: the literal is the receiver or the argument.
	level := []*sitter.Node{n}
	for depth := 0; depth < 4 && len(level) > 0; depth++ {
		var next []*sitter.Node
		for _, p := range level {
			for i := 0; i < int(p.NamedChildCount()); i++ {
				d := p.NamedChild(i)
				if _, _, ok := literal(d, src, lit); ok {
					before := strings.Join(strings.Fields(string(src[n.StartByte():d.StartByte()])), "")
					after := strings.Join(strings.Fields(string(src[d.EndByte():n.EndByte()])), "")
					if keepsValue(before, after, lit) {
						return d
					}
					continue
				}
				next = append(next, d)
			}
		}
		level = next
	}
	return n
}

func keepsValue(before, after string, lit *languages.Literals) bool {
	if before == "" {
		for _, m := range lit.Conversions {
			if after == "."+m || after == "."+m+"()" {
				return true
			}
		}
	}
	if after == ")" {
		for _, c := range lit.Constructors {
			if before == c+"(" {
				return true
			}
		}
	}
	return false
}
