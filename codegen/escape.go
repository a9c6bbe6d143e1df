package codegen

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Each quote function returns a double-quoted string literal for its
// language whose text is pure ASCII: the generated file reads the same in any
// encoding, and no character in a flag key or value can end a comment or a
// string early. Invalid UTF-8 has already become U+FFFD (JSON decoding, range).

// quoteJS quotes for JavaScript/TypeScript and JSON (\uXXXX, surrogate pairs).
func quoteJS(s string) string {
	return quote(s, func(b *strings.Builder, r rune) bool {
		switch r {
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			return false
		}
		return true
	}, utf16Escape)
}

// quoteJSON quotes a JSON string, escaping only what JSON requires.
func quoteJSON(s string) string {
	return quote(s, func(b *strings.Builder, r rune) bool {
		if r >= utf8.RuneSelf {
			b.WriteRune(r)
			return true
		}
		return false
	}, utf16Escape)
}

// quotePython quotes for Python 3 (\uXXXX, \UXXXXXXXX beyond the BMP).
func quotePython(s string) string {
	return quote(s, nil, func(b *strings.Builder, r rune) {
		if r > 0xFFFF {
			fmt.Fprintf(b, `\U%08x`, r)
			return
		}
		fmt.Fprintf(b, `\u%04x`, r)
	})
}

// quoteJava quotes for Java. Java turns \uXXXX into characters before it
// lexes, so \u000a would end the line: ASCII control characters get octal
// escapes instead, and \u is used only for non-ASCII characters.
func quoteJava(s string) string {
	return quote(s, func(b *strings.Builder, r rune) bool {
		if (r < 0x20 && r != '\n' && r != '\r' && r != '\t') || r == 0x7f {
			switch r {
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			default:
				fmt.Fprintf(b, `\%03o`, r)
			}
			return true
		}
		return false
	}, utf16Escape)
}

// quoteKotlin quotes for Kotlin, where '$' starts a template.
func quoteKotlin(s string) string {
	return quote(s, func(b *strings.Builder, r rune) bool {
		if r == '$' {
			b.WriteString(`\$`)
			return true
		}
		return false
	}, utf16Escape)
}

// quoteCSharp quotes for C# (no \x: its variable length swallows digits).
func quoteCSharp(s string) string { return quote(s, nil, utf16Escape) }

func utf16Escape(b *strings.Builder, r rune) {
	if r > 0xFFFF {
		r -= 0x10000
		fmt.Fprintf(b, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		return
	}
	fmt.Fprintf(b, `\u%04x`, r)
}

// quote writes the escapes every target shares (\\ \" \n \r \t), lets special
// handle a language's own cases, and escapes the rest of control and
// non-ASCII characters with esc.
func quote(s string, special func(*strings.Builder, rune) bool, esc func(*strings.Builder, rune)) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		if special != nil && special(&b, r) {
			continue
		}
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || r >= utf8.RuneSelf:
			esc(&b, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
