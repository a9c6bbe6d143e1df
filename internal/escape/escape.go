package escape

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Terminal returns s with every character that could control, spoof or break
// a terminal line written as a visible escape: C0 and C1 controls and DEL
// (\n, \r, \t, \x1b, \u0085), Unicode format characters (bidi embeddings,
// overrides and isolates, U+200E/F, U+061C, zero-width characters, U+FEFF),
// line and paragraph separators, spaces other than the ASCII space, a few
// invisible letters and variation selectors, and invalid UTF-8 bytes (\xff).
// A backslash is kept as it is: the output is for reading, not for parsing.
//
// A result cannot start a GitHub workflow command wherever it lands on a
// line: a leading "::" (after ASCII spaces) becomes "\x3a:", and "##[" becomes
// "#\x23[".
func Terminal(s string) string { return terminal(s, false) }

func terminal(s string, keepTab bool) string {
	if isPlain(s, keepTab) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	lead := true // still in the leading ASCII spaces
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case lead && r == ':' && strings.HasPrefix(s[i:], "::"):
			b.WriteString(`\x3a`)
		case r == '#' && strings.HasPrefix(s[i:], "##["):
			b.WriteString(`#\x23`)
			size = 2
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t' && keepTab:
			b.WriteByte('\t')
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && (r < 0x20 || r == 0x7f):
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && hidden(r):
			if r > 0xffff {
				fmt.Fprintf(&b, `\U%08x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		if r != ' ' && !(r == '\t' && keepTab) {
			lead = false
		}
		i += size
	}
	return b.String()
}

// isPlain is the fast path: printable ASCII with no command prefix.
func isPlain(s string, keepTab bool) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 || c >= 0x7f) && !(c == '\t' && keepTab) {
			return false
		}
	}
	return !strings.HasPrefix(strings.TrimLeft(s, " \t"), "::") && !strings.Contains(s, "##[")
}

// hidden reports whether a non-ASCII rune is invisible, controls the terminal
// or the text direction, or breaks a line.
func hidden(r rune) bool {
	switch {
	case unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Zs, unicode.Co, unicode.Cs):
		return true
	case !utf8.ValidRune(r), r == utf8.RuneError:
		return true
	}
	switch r {
	case 0x034f, // combining grapheme joiner
		0x115f, 0x1160, 0x3164, 0xffa0, // Hangul fillers, rendered blank
		0x2800: // braille pattern blank
		return true
	}
	return 0x180b <= r && r <= 0x180f || // Mongolian variation selectors
		0xfe00 <= r && r <= 0xfe0f || // variation selectors
		0xe0100 <= r && r <= 0xe01ef || // variation selectors supplement
		0xfff0 <= r && r <= 0xfffb || // specials (interlinear annotations, …)
		r&0xfffe == 0xfffe // noncharacters U+xxFFFE/F
}

// Line is Terminal for a string printed as a whole line (an error message, a
// warning): the same escaping, named for the call sites.
func Line(s string) string { return Terminal(s) }

// Data escapes a workflow command's data (the text after the second "::"),
// as the runner unescapes it: % \r \n.
func Data(s string) string { return dataEscaper.Replace(s) }

// Property escapes a workflow command's property value (file=…, title=…), as
// the runner unescapes it: % \r \n : ,.
func Property(s string) string { return propertyEscaper.Replace(s) }

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// UnescapeData is the runner's reverse of Data (ActionCommand.UnescapeData):
// sequential replacements, %25 last.
func UnescapeData(s string) string {
	for _, m := range [][2]string{{"%0D", "\r"}, {"%0A", "\n"}, {"%25", "%"}} {
		s = strings.ReplaceAll(s, m[0], m[1])
	}
	return s
}

// UnescapeProperty is the runner's reverse of Property
// (ActionCommand.UnescapeProperty).
func UnescapeProperty(s string) string {
	for _, m := range [][2]string{{"%0D", "\r"}, {"%0A", "\n"}, {"%3A", ":"}, {"%2C", ","}, {"%25", "%"}} {
		s = strings.ReplaceAll(s, m[0], m[1])
	}
	return s
}

// MarkdownText makes s plain text in GitHub-flavoured Markdown: Terminal
// escaping (so no line break, control or invisible character), then a
// backslash before every ASCII punctuation character, so no emphasis, link,
// image, autolink, HTML, entity or table column can start. The text shows as
// Terminal(s).
func MarkdownText(s string) string {
	t := Terminal(s)
	var b strings.Builder
	b.Grow(len(t) + 8)
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c < 0x80 && unicode.IsPunct(rune(c)) || c < 0x80 && unicode.IsSymbol(rune(c)) {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// MarkdownCode returns s as one inline code span that shows Terminal(s): the
// fence is one backtick longer than the longest backtick run in s, and a
// space pads each side when s starts or ends with a backtick or a space (the
// one space CommonMark strips from each side). Nothing inside a code span
// renders. Empty s gives "".
func MarkdownCode(s string) string { return codeSpan(Terminal(s)) }

// MarkdownTableCode is MarkdownCode for a GFM table cell, where the table
// splits cells at "|" before it sees code spans: "|" is written "\|", which
// the table removes again.
func MarkdownTableCode(s string) string {
	return strings.ReplaceAll(codeSpan(Terminal(s)), "|", `\|`)
}

func codeSpan(t string) string {
	if t == "" {
		return ""
	}
	longest, run := 0, 0
	for i := 0; i < len(t); i++ {
		if t[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.Trim(t, " ") == "" {
		return fence + t + fence // all spaces: CommonMark strips nothing
	}
	if t[0] == '`' || t[len(t)-1] == '`' || t[0] == ' ' || t[len(t)-1] == ' ' {
		return fence + " " + t + " " + fence
	}
	return fence + t + fence
}

// MarkdownFence returns content as one fenced code block with the info
// string info ("suggestion" for a GitHub suggested change): the fence is
// backticks, one longer than the longest backtick run in content and at
// least three, so no line of content can close it, and content is kept byte
// for byte (a suggestion must be the exact new text). The caller keeps
// control characters out of content: a code block shows them raw. info must
// hold no backtick or line break (CommonMark forbids them after a backtick
// fence); such an info is dropped.
func MarkdownFence(info, content string) string {
	longest, run := 0, 0
	for i := 0; i < len(content); i++ {
		if content[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	if strings.ContainsAny(info, "`\r\n") {
		info = ""
	}
	fence := strings.Repeat("`", max(3, longest+1))
	return fence + info + "\n" + content + "\n" + fence
}

// SourceLine is Terminal for one line of source code shown as it is (a
// --fix --diff line): tabs stay tabs and a CR ending the line stays, so
// ordinary diffs still apply; every other control, invisible character or
// command prefix is escaped as Terminal does.
func SourceLine(s string) string {
	body, cr := strings.CutSuffix(s, "\r")
	out := terminal(body, true)
	if cr {
		out += "\r"
	}
	return out
}

// JSON makes encoded JSON (or SARIF) safe to print into a terminal or a CI
// log without changing its value. encoding/json escapes C0 controls but
// writes DEL, C1 controls, bidi and other invisible characters raw, and the
// runner finds its older command syntax "##[name]" anywhere on a line. All of
// those can only occur inside JSON strings, where \uXXXX is the same value:
// they are written so. A line of JSON never starts with "::".
func JSON(b []byte) []byte {
	if !needsJSON(b) {
		return b
	}
	var out bytes.Buffer
	out.Grow(len(b) + 16)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == '#' && bytes.HasPrefix(b[i:], []byte("##[")):
			out.WriteString(`##\u005b`)
			size = 3
		case r == 0x7f || r >= 0x80 && r != utf8.RuneError && hidden(r):
			if r > 0xffff {
				r -= 0x10000
				fmt.Fprintf(&out, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
			} else {
				fmt.Fprintf(&out, `\u%04x`, r)
			}
		default:
			out.Write(b[i : i+size])
		}
		i += size
	}
	return out.Bytes()
}

func needsJSON(b []byte) bool {
	for _, c := range b {
		if c >= 0x7f {
			return true
		}
	}
	return bytes.Contains(b, []byte("##["))
}
