package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ldfallback/ldfallback/codegen"
	"github.com/ldfallback/ldfallback/internal/escape"
)

// hostile are outside strings that try every sink: workflow commands (both
// syntaxes, after a line break, a CR, or leading spaces), terminal escape
// sequences (CSI, OSC 8 hyperlinks), bidi and zero-width characters, C1
// controls, Markdown (backticks, links, images, HTML, table pipes) and the
// runner's own escape characters.
var hostile = []string{
	"n1\n::add-mask::secret\n",
	"n2\r::error::pwned",
	"n3\x1b]8;;http://evil/\x07osc\x1b]8;;\x07",
	"n4\x1b[31mred\x1b[2J",
	"n5\u202egnp\u2066x\u2069",
	"n6`tick``s```",
	"n7 ![img](http://e.x/i.png) <img src=x> [l](javascript:x)",
	"n8 %0A%25 a:b,c|d",
	"::warning::n9",
	"  ::notice::n10",
	"n11 ##[error]old",
	"n12\u200b\ufeff\u0085\u009bzw",
	"n13\x7fdel\x00nul",
}

// hostileFiles are the hostile strings as file names (no "/" or NUL), plus
// invalid UTF-8.
func hostileFiles() []string {
	var out []string
	for _, h := range hostile {
		out = append(out, strings.NewReplacer("\x00", "", "/", "_").Replace(h)+".py")
	}
	return append(out, "n14\xff\xfe.py")
}

// hostileTree writes a repository whose file names, flag keys in code, flag
// keys in the payload and flag values are all hostile, and returns the
// payload's path.
func hostileTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	flags := map[string]any{}
	addFlag := func(key string, variations []any, off int) {
		flags[key] = map[string]any{
			"key": key, "version": 1, "on": false, "prerequisites": []any{}, "targets": []any{},
			"contextTargets": []any{}, "rules": []any{}, "fallthrough": map[string]any{"variation": 0},
			"offVariation": off, "variations": variations, "salt": "s", "deleted": false,
		}
	}
	for i, h := range hostile {
		addFlag(h, []any{true, false}, 1)
		addFlag("str-"+h, []any{"ok", h}, 1) // a hostile value as the safest fallback
		name := hostileFiles()[i]
		src := fmt.Sprintf("import ldclient\nclient = ldclient.get()\n\n  # ::add-mask::from-a-comment \x1b[2J\ndef f(ctx):\n    a = client.variation(%s, ctx, True)\n    b = client.variation(%s, ctx, \"ok\")\n    c = client.variation(%s, ctx, False)\n    return a, b, c\n",
			strconv.Quote(h), strconv.Quote("str-"+h), strconv.Quote("unknown-"+h))
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			t.Fatalf("%q: %v", name, err)
		}
	}
	addFlag("unused \x1b[1m::error::`x`", []any{true, false}, 1)
	// A map key different from the flag's key field: a payload warning on stderr quoting both.
	addFlag("mismatch ##[error]x\u202e", []any{true, false}, 1)
	flags["mismatch ##[error]x\u202e"].(map[string]any)["key"] = "other\x1b[2J\n::error::y"
	bad := hostileFiles()[len(hostile)]
	if err := os.WriteFile(bad, []byte("import ldclient\nclient = ldclient.get()\nclient.variation(\"checkout\", {}, True)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(map[string]any{"flags": flags, "segments": map[string]any{}})
	if err != nil {
		t.Fatal(err)
	}
	payload := filepath.Join(t.TempDir(), "flags.json")
	if err := os.WriteFile(payload, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return payload
}

// ghLine is the only workflow command ldfallback itself writes.
var ghLine = regexp.MustCompile(`^::(error|warning|notice) file=[^:,\r\n]*,line=\d+,col=\d+,title=[^:,\r\n]*::[^\r\n]*$|^::notice title=ldfallback::[^\r\n]*$`)

type sinkKind int

const (
	sinkTerminal sinkKind = iota // text for a terminal: no control or invisible character
	sinkGitHub                   // --format github: terminal text plus our own commands
	sinkJSON                     // JSON or SARIF: valid, controls escaped by encoding
	sinkCode                     // generated code: the code generator's own escaping
	sinkXML                      // JUnit XML: well-formed, controls escaped by encoding
)

// assertSafe checks one output against the invariants of its sink.
func assertSafe(t *testing.T, what, out string, kind sinkKind) {
	t.Helper()
	if strings.Contains(out, "##[") {
		t.Errorf("%s: the runner's old command syntax ##[ in output:\n%s", what, out)
	}
	if kind == sinkJSON && !json.Valid([]byte(out)) {
		t.Errorf("%s: not valid JSON:\n%s", what, out)
	}
	if kind == sinkXML {
		dec := xml.NewDecoder(strings.NewReader(out))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s: not well-formed XML: %v", what, err)
				break
			}
		}
	}
	if !utf8.ValidString(out) {
		t.Errorf("%s: invalid UTF-8 reaches the output: %q", what, out)
	}
	// The runner reads lines split at \n and at \r.
	for _, line := range strings.FieldsFunc(out, func(r rune) bool { return r == '\n' || r == '\r' }) {
		trimmed := strings.TrimLeftFunc(line, unicode.IsSpace)
		if strings.HasPrefix(trimmed, "::") && !(kind == sinkGitHub && ghLine.MatchString(line)) {
			t.Errorf("%s: a line starts a workflow command: %q", what, line)
		}
		if kind == sinkGitHub && ghLine.MatchString(line) {
			data := line[strings.Index(line[2:], "::")+4:]
			if d := escape.UnescapeData(data); d != escape.Terminal(d) {
				t.Errorf("%s: workflow command data carries controls: %q", what, d)
			}
		}
	}
	for i, r := range out {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20 || r == 0x7f:
			t.Errorf("%s: control byte %#x at %d: %q", what, r, i, around(out, i))
			return
		case kind != sinkJSON && kind != sinkCode && kind != sinkXML && r >= 0x80 && (unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp) || unicode.Is(unicode.Zs, r)):
			t.Errorf("%s: invisible or control %U at %d: %q", what, r, i, around(out, i))
			return
		}
	}
}

func around(s string, i int) string {
	return s[max(0, i-40):min(len(s), i+40)]
}

// runCLI runs the command in-process and returns stdout, stderr and the exit code.
func runCLI(args ...string) (string, string, int) {
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"ldfallback"}, args...), strings.NewReader(""), &stdout, &stderr)
	return stdout.String(), stderr.String(), code
}

// TestHostileCorpus runs every command and format over hostile names, keys
// and values and checks each sink's invariants (issue 8, items 4 and 5).
func TestHostileCorpus(t *testing.T) {
	payload := hostileTree(t)
	type c struct {
		args []string
		kind sinkKind
	}
	cases := []c{
		{[]string{"scan", "."}, sinkTerminal},
		{[]string{"scan", "--format", "json", "."}, sinkJSON},
		{[]string{"check", "--payload", payload, "--fail-on", "never", "."}, sinkTerminal},
		{[]string{"check", "--payload", payload, "--fail-on", "never", "--color", "always", "."}, sinkTerminal + 100},
		{[]string{"check", "--payload", payload, "--format", "json", "."}, sinkJSON},
		{[]string{"check", "--payload", payload, "--format", "sarif", "."}, sinkJSON},
		{[]string{"check", "--payload", payload, "--format", "github", "."}, sinkGitHub},
		{[]string{"check", "--payload", payload, "--format", "gitlab", "."}, sinkJSON},
		{[]string{"check", "--payload", payload, "--format", "rdjson", "."}, sinkJSON},
		{[]string{"check", "--payload", payload, "--format", "junit", "."}, sinkXML},
		{[]string{"scan", "--wrappers", "."}, sinkTerminal},
		{[]string{"check", "--payload", payload, "--format", "gitlab", "."}, sinkJSON},
		{[]string{"check", "--payload", payload, "--format", "rdjson", "."}, sinkJSON},
		{[]string{"check", "--payload", payload, "--format", "junit", "."}, sinkTerminal},
		{[]string{"check", "--payload", payload, "--summary", "summary.md", "--sarif", "out.sarif", "."}, sinkTerminal},
		{[]string{"check", "--payload", payload, "--fix", "--diff", "."}, sinkTerminal},
		{[]string{"explain", "--payload", payload}, sinkTerminal},
		{[]string{"explain", "--payload", payload, "--format", "json"}, sinkJSON},
		{append([]string{"explain", "--payload", payload}, hostile...), sinkTerminal},
		{[]string{"explain", "--payload", payload, "nope\n::error::x\x1b[2J"}, sinkTerminal},
		{[]string{"generate", "--payload", payload, "-o", "-"}, sinkJSON},
		{[]string{"generate", "--payload", payload, "-o", "out\n::error::x.json"}, sinkTerminal},
		{[]string{"generate", "--payload", payload, "--check", "-o", "stale.json"}, sinkTerminal},
		{[]string{"generate", "--payload", payload, "--check", "-o", "missing\r::error::x.json"}, sinkTerminal},
		{[]string{"check", "--payload", "no\n::add-mask::such\x1b[2J.json", "."}, sinkTerminal},
		{[]string{"check", "--payload", payload, "--baseline", "base\n::error::x.json", "."}, sinkTerminal},
	}
	for _, lang := range codegen.Languages() {
		cases = append(cases, c{[]string{"codegen", "--payload", payload, "--lang", lang}, sinkCode})
	}
	// A stale fallback-config.json with hostile keys and values, for the drift lines.
	stale := map[string]any{}
	for _, h := range hostile {
		stale[h] = true
		stale["gone-"+h] = h
	}
	staleJSON, _ := json.Marshal(stale)
	if err := os.WriteFile("stale.json", staleJSON, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		name := strings.Join(tc.args, " ")
		stdout, stderr, code := runCLI(tc.args...)
		t.Logf("%q: exit %d", name, code)
		kind := tc.kind
		if kind == sinkTerminal+100 {
			kind = sinkTerminal
			// Our own colours are the only escape sequences: strip them, then check.
			stdout = regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(stdout, "")
		}
		assertSafe(t, name+" (stdout)", stdout, kind)
		if strings.Contains(name, "--diff") {
			// A file name with a newline in it must not split the diff's headers.
			lines := strings.Split(stdout, "\n")
			headers := 0
			for i, l := range lines {
				if strings.HasPrefix(l, "--- a/") {
					headers++
					if i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "+++ b/") {
						t.Errorf("%s: header %q not followed by its +++ line", name, l)
					}
				}
			}
			if headers < 10 {
				t.Errorf("%s: %d diff headers, want one per fixable hostile file:\n%s", name, headers, stdout)
			}
		}
		if strings.HasPrefix(name, "explain") && !strings.Contains(stderr, `mismatch #\x23[error]x`) && !strings.Contains(name, "nope") {
			t.Errorf("%s: the payload warning naming the hostile map key is missing or unescaped: %q", name, stderr)
		}
		assertSafe(t, name+" (stderr)", stderr, sinkTerminal)
		if code == 2 && !strings.HasPrefix(tc.args[0], "explain") && !strings.Contains(name, "no\n") && !strings.Contains(name, "base\n") && !strings.Contains(name, "out\n") {
			t.Errorf("%q: exit 2: %s", name, stderr)
		}
	}
	for _, f := range []string{"out.sarif"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		assertSafe(t, f, string(b), sinkJSON)
	}
	md, err := os.ReadFile("summary.md")
	if err != nil {
		t.Fatal(err)
	}
	assertSafe(t, "summary.md", string(md), sinkTerminal)
	assertMarkdown(t, string(md))
}

// assertMarkdown checks the summary's finding rows and cleanup list: every
// cell that can carry outside text is code spans and backslash-escaped text
// only, so no link, image, HTML or extra column can render.
func assertMarkdown(t *testing.T, md string) {
	t.Helper()
	rows := 0
	for _, line := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(line, "| :"):
			rows++
			cells := splitRow(line)
			if len(cells) != 7 {
				t.Errorf("row has %d cells, want 7: %q", len(cells), line)
				continue
			}
			for i, cell := range cells {
				if i == 0 || i == 2 { // severity and kind: our own words
					continue
				}
				if err := inert(strings.ReplaceAll(strings.TrimSpace(cell), `\|`, "|")); err != nil {
					t.Errorf("cell %d %q: %v", i, cell, err)
				}
			}
		case strings.HasPrefix(line, "- "):
			rows++
			if err := inert(line[2:]); err != nil {
				t.Errorf("list item %q: %v", line, err)
			}
		}
	}
	if rows < len(hostile) {
		t.Errorf("only %d rows in the summary:\n%s", rows, md)
	}
}

// splitRow splits a GFM table row at the pipes that are not backslash-escaped.
func splitRow(line string) []string {
	var cells []string
	start := 1
	for i := 1; i < len(line); i++ {
		if line[i] == '|' && line[i-1] != '\\' {
			cells = append(cells, line[start:i])
			start = i + 1
		}
	}
	return cells
}

// inert reads s as CommonMark inline text and fails on any ASCII punctuation
// that is neither backslash-escaped nor inside a code span, and on a backtick
// run that opens no code span.
func inert(s string) error {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte(mdPunct, s[i+1]) >= 0:
			i += 2
		case c == '`':
			n := 0
			for i+n < len(s) && s[i+n] == '`' {
				n++
			}
			end := closingRun(s, i+n, n)
			if end < 0 {
				return fmt.Errorf("unbalanced code span at %d", i)
			}
			i = end + n
		case strings.IndexByte(mdPunct, c) >= 0:
			return fmt.Errorf("unescaped %q at %d", c, i)
		default:
			i++
		}
	}
	return nil
}

const mdPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// closingRun finds the next backtick run of exactly n at or after from.
func closingRun(s string, from, n int) int {
	for i := from; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '`' {
			j++
		}
		if j-i == n {
			return i
		}
		i = j
	}
	return -1
}

// TestWriteErrors runs each command with stdout on /dev/full (every write
// fails with ENOSPC): each must fail with one line on stderr, not exit 0.
func TestWriteErrors(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer full.Close()
	repo, _ := os.Getwd()
	demo := filepath.Join(repo, "testdata", "demo")
	payload := filepath.Join(demo, "flags.json")
	src := filepath.Join(demo, "src")
	for _, args := range [][]string{
		{"scan", src},
		{"scan", "--format", "json", src},
		{"explain", "--payload", payload},
		{"explain", "--payload", payload, "--format", "json"},
		{"check", "--payload", payload, "--fail-on", "never", src},
		{"check", "--payload", payload, src}, // findings (exit 1) and lost output: the write error wins
		{"check", "--payload", payload, "--format", "github", "--fail-on", "never", src},
		{"check", "--payload", payload, "--format", "sarif", "--fail-on", "never", src},
		{"check", "--payload", payload, "--write-baseline", "-", src},
		{"generate", "--payload", payload, "-o", "-"},
		{"generate", "--payload", payload, "--check", "-o", filepath.Join(t.TempDir(), "missing.json")},
		{"codegen", "--payload", payload, "--lang", "go"},
	} {
		var stderr bytes.Buffer
		code := run(append([]string{"ldfallback"}, args...), strings.NewReader(""), full, &stderr)
		msg := stderr.String()
		if code != exitUsage || !strings.HasSuffix(msg, "ldfallback: cannot write the output: write /dev/full: no space left on device\n") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and the write error", args, code, msg)
		}
		if strings.Count(msg, "cannot write") != 1 {
			t.Errorf("%v: the write error said %d times: %q", args, strings.Count(msg, "cannot write"), msg)
		}
	}
}

// TestStderrSafetyNet: a line written to stderr without escaping (a message
// added later that forgets) is still escaped on its way out.
func TestStderrSafetyNet(t *testing.T) {
	var b bytes.Buffer
	w := &stderrWriter{w: &b}
	fmt.Fprintf(w, "ldfallback: warning: %s\n", "x\x1b[2J")
	fmt.Fprint(w, "::add-mask::")
	fmt.Fprint(w, "secret\n##[error]y")
	w.flush()
	want := "ldfallback: warning: x\\x1b[2J\n\\x3a:add-mask::secret\n#\\x23[error]y"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}
