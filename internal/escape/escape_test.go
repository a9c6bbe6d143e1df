package escape

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTerminal(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain/file.py", "plain/file.py"},
		{"", ""},
		{"a\nb", `a\nb`},
		{"x\r::error::y", `x\r::error::y`},
		{"\x1b]8;;http://e\x07link\x1b]8;;\x07", `\x1b]8;;http://e\x07link\x1b]8;;\x07`},
		{"\x1b[31mred", `\x1b[31mred`},
		{"nul\x00del\x7f", `nul\x00del\x7f`},
		{"tab\there", `tab\there`},
		{"c1\u0085\u009b", `c1\u0085\u009b`},
		{"bad\xff\xc3", `bad\xff\xc3`},
		{"\u202eevil\u202c", `\u202eevil\u202c`},
		{"\u2066iso\u2069 \u200e\u200f\u061c", `\u2066iso\u2069 \u200e\u200f\u061c`},
		{"zw\u200b\u200d\ufeff", `zw\u200b\u200d\ufeff`},
		{"nb\u00a0sp\u3000", `nb\u00a0sp\u3000`},
		{"ls\u2028ps\u2029", `ls\u2028ps\u2029`},
		{"tag\U000e0041", `tag\U000e0041`},
		{"vs\ufe0f", `vs\ufe0f`},
		{"::add-mask::x", `\x3a:add-mask::x`},
		{"  ::error::x", `  \x3a:error::x`},
		{"a::b", "a::b"}, // Ruby/PHP/C++ scope: only a leading :: can start a command
		{"Flags::NEW_UI", "Flags::NEW_UI"},
		{"x ##[error]y", `x #\x23[error]y`},
		{"###[", `##\x23[`},
		{"héllo wörld ✓ 日本", "héllo wörld ✓ 日本"},
		{`back\slash`, `back\slash`},
	} {
		if got := Terminal(tc.in); got != tc.want {
			t.Errorf("Terminal(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWorkflowCommand(t *testing.T) {
	for _, tc := range []struct{ in, data, prop string }{
		{"a%b", "a%25b", "a%25b"},
		{"l1\r\nl2", "l1%0D%0Al2", "l1%0D%0Al2"},
		{"f.py:3,4", "f.py:3,4", "f.py%3A3%2C4"},
		{"%0A", "%250A", "%250A"},
		{"::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"},
	} {
		if got := Data(tc.in); got != tc.data {
			t.Errorf("Data(%q) = %q, want %q", tc.in, got, tc.data)
		}
		if got := Property(tc.in); got != tc.prop {
			t.Errorf("Property(%q) = %q, want %q", tc.in, got, tc.prop)
		}
	}
}

func TestMarkdown(t *testing.T) {
	for _, tc := range []struct{ in, text, code, cell string }{
		{"flag", "flag", "`flag`", "`flag`"},
		{"", "", "", ""},
		{"a`b", "a\\`b", "``a`b``", "``a`b``"},
		{"`x`", "\\`x\\`", "`` `x` ``", "`` `x` ``"},
		{"``` ", "\\`\\`\\` ", "```` ```  ````", "```` ```  ````"},
		{"a|b", `a\|b`, "`a|b`", "`a\\|b`"},
		{"![i](http://e/x.png)", `\!\[i\]\(http\:\/\/e\/x\.png\)`, "`![i](http://e/x.png)`", "`![i](http://e/x.png)`"},
		{"<img src=x>", `\<img src\=x\>`, "`<img src=x>`", "`<img src=x>`"},
		{"l1\nl2", `l1\\nl2`, "`l1\\nl2`", "`l1\\nl2`"},
		{"  ", "  ", "`  `", "`  `"},
	} {
		if got := MarkdownText(tc.in); got != tc.text {
			t.Errorf("MarkdownText(%q) = %q, want %q", tc.in, got, tc.text)
		}
		if got := MarkdownCode(tc.in); got != tc.code {
			t.Errorf("MarkdownCode(%q) = %q, want %q", tc.in, got, tc.code)
		}
		if got := MarkdownTableCode(tc.in); got != tc.cell {
			t.Errorf("MarkdownTableCode(%q) = %q, want %q", tc.in, got, tc.cell)
		}
	}
}

// seeds is a corpus of hostile strings shared by the fuzz targets.
var seeds = []string{
	"x\n::add-mask::secret\n.py", "\r::error::pwned", "\x1b]0;title\x07", "\x1b[2J", "nul\x00",
	"\u202egnp.exe", "a`b``c", "%0A%25", "::", "##[error]x", "  ::warning::", "\xff\xfe", "|a|b|",
	"[l](javascript:alert(1))", "<script>", "www.example.com", "@someone #12",
}

// noBreakOrControl is the terminal invariant: nothing that moves the cursor,
// starts an escape sequence, breaks the line or reorders it.
func noBreakOrControl(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8 in %q", s)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && hidden(r) {
			t.Fatalf("control or invisible %U in %q", r, s)
		}
	}
	if strings.HasPrefix(strings.TrimLeft(s, " "), "::") || strings.Contains(s, "##[") {
		t.Fatalf("workflow command prefix in %q", s)
	}
}

func FuzzTerminal(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Terminal(s)
		noBreakOrControl(t, got)
		// Any text before it cannot make it start a command either (on the same line).
		noBreakOrControl(t, Terminal("x")+got)
		if Terminal(got) != got {
			// Escaping is idempotent: its output is plain text.
			t.Fatalf("Terminal(Terminal(%q)) = %q, not %q", s, Terminal(got), got)
		}
	})
}

func FuzzWorkflowCommand(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := UnescapeData(Data(s)); got != s {
			t.Fatalf("UnescapeData(Data(%q)) = %q", s, got)
		}
		if got := UnescapeProperty(Property(s)); got != s {
			t.Fatalf("UnescapeProperty(Property(%q)) = %q", s, got)
		}
		if strings.ContainsAny(Data(s), "\r\n") || strings.ContainsAny(Property(s), "\r\n:,") {
			t.Fatalf("unescaped separator in %q / %q", Data(s), Property(s))
		}
	})
}

// FuzzMarkdown parses the output back: code spans with the CommonMark rules,
// text with its backslash escapes, and checks both show Terminal(s).
func FuzzMarkdown(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := Terminal(s)
		if got := unescapeMarkdownText(t, MarkdownText(s)); got != want {
			t.Fatalf("MarkdownText(%q) shows %q, want %q", s, got, want)
		}
		if got := parseCodeSpan(t, MarkdownCode(s)); got != want {
			t.Fatalf("MarkdownCode(%q) shows %q, want %q", s, got, want)
		}
		cell := MarkdownTableCode(s)
		for i := 0; i < len(cell); i++ {
			if cell[i] == '|' && (i == 0 || cell[i-1] != '\\') {
				t.Fatalf("MarkdownTableCode(%q) = %q splits the cell", s, cell)
			}
		}
		if got := parseCodeSpan(t, strings.ReplaceAll(cell, `\|`, "|")); got != want {
			t.Fatalf("MarkdownTableCode(%q) shows %q, want %q", s, got, want)
		}
	})
}

// unescapeMarkdownText checks that every ASCII punctuation byte is escaped and
// returns the text shown.
func unescapeMarkdownText(t *testing.T, m string) string {
	var b strings.Builder
	for i := 0; i < len(m); i++ {
		c := m[i]
		if c == '\\' && i+1 < len(m) && strings.IndexByte(asciiPunct, m[i+1]) >= 0 {
			b.WriteByte(m[i+1])
			i++
			continue
		}
		if strings.IndexByte(asciiPunct, c) >= 0 || c == '\n' || c == '\r' {
			t.Fatalf("unescaped %q in Markdown text %q", c, m)
		}
		b.WriteByte(c)
	}
	return b.String()
}

const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// parseCodeSpan reads m as exactly one CommonMark code span (or nothing) and
// returns its content.
func parseCodeSpan(t *testing.T, m string) string {
	if m == "" {
		return ""
	}
	n := len(m) - len(strings.TrimLeft(m, "`"))
	fence := m[:n]
	if n == 0 || !strings.HasSuffix(m, fence) || len(m) < 2*n || strings.HasSuffix(m[:len(m)-n], "`") {
		t.Fatalf("%q is not one code span", m)
	}
	body := m[n : len(m)-n]
	// The closing fence is the first backtick run of the same length.
	for i := 0; i < len(body); {
		if body[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(body) && body[j] == '`' {
			j++
		}
		if j-i == n {
			t.Fatalf("%q closes early", m)
		}
		i = j
	}
	if len(body) >= 2 && body[0] == ' ' && body[len(body)-1] == ' ' && strings.Trim(body, " ") != "" {
		body = body[1 : len(body)-1]
	}
	return body
}

func TestSourceLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"\tx := 1\r", "\tx := 1\r"},
		{" \t::add-mask::x", " \t\\x3a:add-mask::x"},
		{"a\x1b[2Jb\tc", "a\\x1b[2Jb\tc"},
		{"mid\rline\r", "mid\\rline\r"},
	} {
		if got := SourceLine(tc.in); got != tc.want {
			t.Errorf("SourceLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzJSON(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Add("del\x7f c1\u0085 bidi\u202e tag\U000e0041 ##[x")
	f.Fuzz(func(t *testing.T, s string) {
		b, err := json.Marshal(map[string]string{s: s})
		if err != nil {
			t.Skip()
		}
		out := JSON(b)
		var back map[string]string
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("JSON(%s) = %s: %v", b, out, err)
		}
		var want map[string]string
		_ = json.Unmarshal(b, &want)
		if !reflect.DeepEqual(back, want) {
			t.Fatalf("JSON changed the value: %s -> %s", b, out)
		}
		if bytes.Contains(out, []byte("##[")) {
			t.Fatalf("##[ in %s", out)
		}
		for _, r := range string(out) {
			if r < 0x20 || r == 0x7f || r >= 0x80 && hidden(r) && r != utf8.RuneError {
				t.Fatalf("%U in %s", r, out)
			}
		}
	})
}

func TestMarkdownFence(t *testing.T) {
	for _, tc := range []struct{ info, in, want string }{
		{"suggestion", "x := 1", "```suggestion\nx := 1\n```"},
		{"suggestion", "s := \"```\"", "````suggestion\ns := \"```\"\n````"},
		{"suggestion", "```\n`````", "``````suggestion\n```\n`````\n``````"},
		{"suggestion", "a `b` c", "```suggestion\na `b` c\n```"},
		{"sugg`estion", "x", "```\nx\n```"},
		{"a\nb", "x", "```\nx\n```"},
		{"", "", "```\n\n```"},
	} {
		if got := MarkdownFence(tc.info, tc.in); got != tc.want {
			t.Errorf("MarkdownFence(%q, %q) = %q, want %q", tc.info, tc.in, got, tc.want)
		}
	}
}

// FuzzMarkdownFence: the content comes back byte for byte between the first
// and the last line, and no line of it could close the fence (CommonMark: up
// to three spaces, then a backtick run at least as long as the fence).
func FuzzMarkdownFence(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Add("```\n   ````\n~~~")
	f.Fuzz(func(t *testing.T, s string) {
		out := MarkdownFence("suggestion", s)
		first, rest, _ := strings.Cut(out, "\n")
		fence := strings.TrimSuffix(first, "suggestion")
		if len(fence) < 3 || strings.Trim(fence, "`") != "" {
			t.Fatalf("bad opening line %q", first)
		}
		body, ok := strings.CutSuffix(rest, "\n"+fence)
		if !ok || body != s {
			t.Fatalf("content not kept: %q", out)
		}
		for _, l := range strings.Split(body, "\n") {
			l = strings.TrimLeft(l, " ")
			if strings.HasPrefix(l, fence) {
				t.Fatalf("line %q closes the fence %q", l, fence)
			}
		}
	})
}
