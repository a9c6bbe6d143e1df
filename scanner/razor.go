package scanner

import (
	"bytes"
	"path"
	"regexp"
	"strings"
)

// Razor views (.cshtml, ASP.NET MVC and Razor Pages; .razor, Blazor) mix
// markup and C#. RazorCode keeps their C# and blanks the markup, so the file
// parses with the C# grammar at its own byte offsets and lines. It follows
// the Razor syntax reference (learn.microsoft.com/aspnet/core/mvc/views/razor):
// `@{ … }` code blocks, `@code`/`@functions` members, `@if/@foreach/@for/
// @while/@switch/@using/@lock (…) { … }` control structures (with `else`,
// `catch`, `finally`), `@(…)` explicit and `@a.b(c)` implicit expressions,
// `@inject T Name` (kept as the declaration `T Name;`, so a receiver's type
// is known), `@using X` (kept while no statement precedes it, as C# wants),
// markup inside code (`<tag>…</tag>`, `<text>`, `@:` lines) blanked again,
// `@@` and `x@y` (an e-mail address) left as text, `@* … *@` comments.
//
// It is a scanner, not a Razor compiler: a part it cannot close (an
// unbalanced brace, an unterminated string) is blanked again rather than
// guessed, nesting is bounded, and every step moves forward, so messy input
// can neither crash nor hang it.

// razorExts are the Razor view files, scanned as C#.
var razorExts = []string{".cshtml", ".razor"}

// IsRazor reports whether a file is a Razor view.
func IsRazor(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	for _, e := range razorExts {
		if e == ext {
			return true
		}
	}
	return false
}

// maxRazorDepth bounds the nesting of code in markup in code: deeper parts stay blank.
const maxRazorDepth = 64

// RazorCode returns src with everything but its C# blanked (newlines kept).
func RazorCode(src []byte) []byte {
	r := &razor{src: src, out: blank(src), budget: 8*len(src) + 1<<16}
	r.markup(0, stopEOF)
	return r.out
}

type razor struct {
	src, out []byte
	depth    int
	// statement: a C# statement has been kept, so a later `@using X` can no
	// longer be a using directive.
	statement bool
	// budget is the bytes left to examine: a part that does not close is
	// scanned to the end and then again from the next byte, so without a
	// bound `@(` repeated would take quadratic time. When it runs out the
	// rest of the file stays blank.
	budget int
}

// searched charges a search from byte from that found its target k bytes
// on (or, k < 0, nothing up to the end) and reports whether it found it
// within the budget.
func (r *razor) searched(k, from int) bool {
	if k < 0 {
		r.budget -= len(r.src) - from
		return false
	}
	return r.spend(k)
}

// spend takes n from the budget and reports whether any is left.
func (r *razor) spend(n int) bool {
	r.budget -= n
	return r.budget >= 0
}

// Where a run of markup ends.
const (
	stopEOF     = iota // the end of the file
	stopElement        // the end of the element that starts here (markup inside code)
	stopBrace          // an unmatched `}` (a @section's body)
	stopLine           // the end of the line (`@:`)
)

// voidElements have no closing tag (HTML's void elements).
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true, "!doctype": true}

// keep copies src[i:j] to the output.
func (r *razor) keep(i, j int) {
	copy(r.out[i:j], r.src[i:j])
}

// unkeep blanks src[i:j] again (a part that turned out not to be C#).
func (r *razor) unkeep(i, j int) {
	for k := i; k < j; k++ {
		if r.out[k] != '\n' {
			r.out[k] = ' '
		}
	}
}

// markup scans markup from i and returns where it stops (see the stop kinds).
func (r *razor) markup(i, stop int) int {
	src := r.src
	depth := 0 // open elements
	for i < len(src) {
		if !r.spend(1) {
			return len(src)
		}
		c := src[i]
		switch {
		case c == '\n' && stop == stopLine:
			return i
		case c == '}' && stop == stopBrace && depth <= 0:
			return i
		case c == '@':
			i = r.transition(i)
			continue
		case c == '<' && stop != stopLine:
			j, d, raw := r.tag(i)
			if raw != "" {
				j = r.rawText(j, raw)
			}
			depth += d
			i = j
			if stop == stopElement && depth <= 0 {
				return i
			}
			continue
		}
		i++
	}
	return i
}

// tag reads the tag (or comment) at src[i] == '<' and returns its end, its
// change to the element depth, and for <script>/<style> the raw-text element's name.
func (r *razor) tag(i int) (end, depth int, raw string) {
	src := r.src
	if bytes.HasPrefix(src[i:], []byte("<!--")) {
		if k := bytes.Index(src[i+4:], []byte("-->")); k >= 0 {
			return i + 4 + k + 3, 0, ""
		}
		return len(src), 0, ""
	}
	j := i + 1
	closing := j < len(src) && src[j] == '/'
	if closing {
		j++
	}
	n := j
	for n < len(src) && (isIdentByte(src[n]) || src[n] == '-' || src[n] == ':' || src[n] == '!' || src[n] == '.') {
		n++
	}
	name := strings.ToLower(string(src[j:n]))
	if name == "" {
		return i + 1, 0, "" // `a < b` in text
	}
	// Attributes, with quoted values, and Razor in them.
	var quote byte
	k := n
	for k < len(src) {
		c := src[k]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\'') && k > n && src[skipBack(src, k-1)] == '=':
			quote = c
		case c == '@':
			k = r.transition(k)
			continue
		case quote == 0 && c == '>':
			self := src[k-1] == '/'
			switch {
			case closing:
				return k + 1, -1, ""
			case self || voidElements[name]:
				return k + 1, 0, ""
			case name == "script" || name == "style":
				return k + 1, 1, name
			}
			return k + 1, 1, ""
		}
		k++
	}
	return len(src), 0, ""
}

// rawText skips a <script> or <style> element's content (Razor still
// applies in it) up to its closing tag, which it leaves to the caller.
func (r *razor) rawText(i int, name string) int {
	closeTag := []byte("</" + name)
	for i < len(r.src) {
		if r.src[i] == '<' && len(r.src)-i >= len(closeTag) && bytes.EqualFold(r.src[i:i+len(closeTag)], closeTag) {
			return i
		}
		if r.src[i] == '@' {
			i = r.transition(i)
			continue
		}
		i++
	}
	return i
}

var (
	// razorDirective: directives whose line is not C# the scanner needs.
	razorDirective = regexp.MustCompile(`^@(model|page|layout|inherits|implements|namespace|attribute|addTagHelper|removeTagHelper|tagHelperPrefix|preservewhitespace|rendermode|typeparam|section)\b`)
	injectLine     = regexp.MustCompile(`^@inject[ \t]+([A-Za-z_][\w.]*(?:<[\w.<>, ?\[\]]*>)?(?:\[\])?\??)[ \t]+([A-Za-z_]\w*)[ \t]*;?[ \t]*\r?$`)
	usingLine      = regexp.MustCompile(`^@using[ \t]+((?:static[ \t]+)?(?:[A-Za-z_]\w*[ \t]*=[ \t]*)?[A-Za-z_][\w.]*)[ \t]*;?[ \t]*\r?$`)
	controlWords   = []string{"if", "foreach", "for", "while", "switch", "using", "lock"}
)

// transition handles the `@` at src[i] and returns where markup resumes.
func (r *razor) transition(i int) int {
	src := r.src
	if i+1 >= len(src) {
		return i + 1
	}
	next := src[i+1]
	switch {
	case next == '@':
		return i + 2 // `@@`: a literal @
	case next == '*':
		if k := bytes.Index(src[i+2:], []byte("*@")); k >= 0 {
			return i + 2 + k + 2
		}
		return len(src)
	case i > 0 && (isIdentByte(src[i-1]) || src[i-1] == '.') && !(i == len(bom) && bytes.HasPrefix(src, bom)):
		return i + 1 // an e-mail address: `user@example.com`
	}
	if r.depth >= maxRazorDepth {
		return i + 1
	}
	r.depth++
	defer func() { r.depth-- }()
	switch {
	case next == '{':
		r.statement = true
		return r.codeBlock(i + 1)
	case next == '(':
		end, ok := r.balanced(i+1, '(', ')')
		if !ok {
			return i + 1
		}
		r.keep(i+1, end)
		r.terminate(end)
		r.statement = true
		return end
	case next == ':':
		return i + 1
	}
	if atLineStart(src, i) {
		line := razorLine(src, i)
		if m := injectLine.FindSubmatch(line); m != nil {
			// `@inject T Name` → `T Name;`, moved to the @ (same line).
			decl := string(m[1]) + " " + string(m[2]) + ";"
			if len(decl) <= len(line) {
				copy(r.out[i:], decl)
				r.statement = true
			}
			return i + len(line)
		}
		if m := usingLine.FindSubmatch(line); m != nil {
			if !r.statement {
				decl := "using " + string(m[1]) + ";"
				if len(decl) <= len(line) {
					copy(r.out[i:], decl)
				}
			}
			return i + len(line)
		}
		if m := razorDirective.FindSubmatch(line); m != nil {
			if string(m[1]) == "section" {
				// `@section Name { markup }`
				if b := bytes.IndexByte(line, '{'); b >= 0 {
					end := r.markup(i+b+1, stopBrace)
					if end < len(src) {
						end++
					}
					return end
				}
			}
			return i + len(line)
		}
	}
	word := identAt(src, i+1)
	switch {
	case word == "code" || word == "functions":
		return r.members(i, i+1+len(word))
	case word == "do" || word == "try":
		return r.control(i, i+1+len(word), false)
	}
	for _, w := range controlWords {
		if word == w {
			return r.control(i, i+1+len(word), true)
		}
	}
	if word == "" {
		return i + 1
	}
	return r.implicit(i + 1)
}

// razorLine is the rest of src's line from i, without its newline.
func razorLine(src []byte, i int) []byte {
	if k := bytes.IndexByte(src[i:], '\n'); k >= 0 {
		return src[i : i+k]
	}
	return src[i:]
}

// bom is the UTF-8 byte order mark Visual Studio writes at the start of views.
var bom = []byte("\xef\xbb\xbf")

func atLineStart(src []byte, i int) bool {
	for k := i - 1; k >= 0; k-- {
		if k == len(bom)-1 && bytes.HasPrefix(src, bom) {
			return true
		}
		switch src[k] {
		case '\n':
			return true
		case ' ', '\t':
			continue
		}
		return false
	}
	return true
}

func identAt(src []byte, i int) string {
	j := i
	for j < len(src) && isIdentByte(src[j]) {
		j++
	}
	if j == i || src[i] >= '0' && src[i] <= '9' {
		return ""
	}
	return string(src[i:j])
}

// terminate ends a kept expression statement with `;` in the markup byte
// after it when that byte is free (not a newline).
func (r *razor) terminate(end int) {
	if end < len(r.out) && r.out[end] == ' ' && r.src[end] != '\n' {
		r.out[end] = ';'
	}
}

// implicit keeps an implicit expression `@a.b(c)[d]?.e` starting at i (after the @).
func (r *razor) implicit(i int) int {
	src := r.src
	j := i
	if identAt(src, i) == "await" && i+5 < len(src) && src[i+5] == ' ' {
		j = skipSpace(src, i+5)
	}
	for j < len(src) {
		switch c := src[j]; {
		case isIdentByte(c):
			j++
		case c == '(' || c == '[':
			closeB := byte(')')
			if c == '[' {
				closeB = ']'
			}
			end, ok := r.balanced(j, c, closeB)
			if !ok {
				return i
			}
			j = end
		case (c == '.' || c == '?' && j+1 < len(src) && src[j+1] == '.') && j+1 < len(src):
			k := j + 1
			if c == '?' {
				k++
			}
			if k >= len(src) || !isIdentByte(src[k]) || src[k] >= '0' && src[k] <= '9' {
				goto done
			}
			j = k
		default:
			goto done
		}
	}
done:
	if j > i {
		r.keep(i, j)
		r.terminate(j)
		r.statement = true
	}
	return j
}

// control keeps a control structure at the @ at i: the keyword (kw ends at
// k), its `(…)` head when head, its block, and the clauses that continue it.
func (r *razor) control(at, k int, head bool) int {
	src := r.src
	j := k
	if head {
		j = skipWS(src, j)
		if j >= len(src) || src[j] != '(' {
			return k // `@if` in text
		}
		end, ok := r.balanced(j, '(', ')')
		if !ok {
			return k
		}
		j = end
	}
	j = skipWS(src, j)
	if j >= len(src) || src[j] != '{' {
		if word := string(src[at+1 : k]); word == "using" && head {
			// `@using (x)` without a block is not Razor; leave it.
			return k
		}
		return k
	}
	end, ok := r.block(j)
	if !ok {
		return k
	}
	r.keep(at+1, j) // the keyword and head (the block is kept by block)
	r.statement = true
	// else / else if / catch / finally / while (after do).
	for {
		n := skipWS(src, end)
		word := identAt(src, n)
		var nj int
		switch word {
		case "else", "catch", "finally", "while":
			nj = skipWS(src, n+len(word))
		default:
			return end
		}
		if word == "else" && identAt(src, nj) == "if" {
			nj = skipWS(src, nj+2)
		}
		if nj < len(src) && src[nj] == '(' {
			e, ok := r.balanced(nj, '(', ')')
			if !ok {
				return end
			}
			if word == "while" {
				// `@do { } while (c);`
				e2 := skipWS(src, e)
				if e2 < len(src) && src[e2] == ';' {
					e2++
				}
				r.keep(n, e2)
				return e2
			}
			nj = skipWS(src, e)
		}
		if word == "while" || nj >= len(src) || src[nj] != '{' {
			return end
		}
		e, ok := r.block(nj)
		if !ok {
			return end
		}
		r.keep(n, nj)
		end = e
	}
}

// skipBack returns the index of the last non-blank byte at or before i (0 when none).
func skipBack(src []byte, i int) int {
	for i > 0 && (src[i] == ' ' || src[i] == '\t') {
		i--
	}
	return max(i, 0)
}

func skipWS(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i++
	}
	return i
}

// codeBlock keeps the `{ … }` at i and returns its end; an unclosed block stays blank.
func (r *razor) codeBlock(i int) int {
	end, ok := r.block(i)
	if !ok {
		return i + 1
	}
	return end
}

// members keeps `@code { … }` / `@functions { … }` (k is after the word)
// as a class: its content is members, not statements. The class header
// needs the word `class` in blank bytes before the @ (the previous line's
// markup); when there is no room the block is left blank rather than guessed.
func (r *razor) members(at, k int) int {
	src := r.src
	j := skipWS(src, k)
	if j >= len(src) || src[j] != '{' {
		return k
	}
	// Room for "class": five blanks before the @ with only blanks and
	// newlines between them and it (the markup of the lines above).
	room, run := -1, 0
	for p := at - 1; p >= 0 && (r.out[p] == ' ' || r.out[p] == '\n') && r.spend(1); p-- {
		if r.out[p] == '\n' {
			run = 0
			continue
		}
		run++
		if run >= 5 && p+5 < at && (p == 0 || !isIdentByte(r.out[p-1])) {
			room = p
			break
		}
	}
	if room < 0 {
		return j // no room: the block's content stays blank rather than guessed
	}
	end, ok := r.block(j)
	if !ok {
		return k
	}
	copy(r.out[room:], "class")
	copy(r.out[at:k], "C"+strings.Repeat("_", k-at-1)) // `@code` → `C____`
	return end
}

// block keeps a C# block `{ … }` starting at src[i] == '{', with markup in
// it blanked, and returns the index after its `}`; false (and nothing kept)
// when it does not close.
func (r *razor) block(i int) (int, bool) {
	end, ok := r.code(i+1, true)
	if !ok || end >= len(r.src) || r.src[end] != '}' {
		r.unkeep(i, min(end, len(r.src)))
		return i + 1, false
	}
	r.keep(i, i+1)
	r.keep(end, end+1)
	return end + 1, true
}

// code keeps C# from i up to the `}` that closes the enclosing block (when
// inBlock) and returns its index; ok is false when the input ends first.
func (r *razor) code(i int, inBlock bool) (int, bool) {
	src := r.src
	depth := 0
	last := byte('{') // the last significant code byte: markup may start a statement
	for i < len(src) {
		if !r.spend(1) {
			return len(src), false
		}
		c := src[i]
		switch {
		case c == '"' || c == '\'' || c == '$' && i+1 < len(src) && (src[i+1] == '"' || src[i+1] == '@') ||
			c == '@' && i+1 < len(src) && (src[i+1] == '"' || src[i+1] == '$'):
			end, ok := stringEnd(src, i)
			if !r.spend(end-i) || !ok {
				return end, false
			}
			r.keep(i, end)
			i, last = end, '"'
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			i += len(razorLine(src, i))
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			k := bytes.Index(src[i+2:], []byte("*/"))
			if !r.searched(k, i) {
				return len(src), false
			}
			i += 2 + k + 2
			continue
		case c == '@' && i+1 < len(src) && src[i+1] == '*':
			k := bytes.Index(src[i+2:], []byte("*@"))
			if !r.searched(k, i) {
				return len(src), false
			}
			i += 2 + k + 2
			continue
		case c == '@' && i+1 < len(src) && src[i+1] == ':':
			// `@:text` — markup to the end of the line.
			i = r.markupIn(i+2, stopLine)
			continue
		case c == '@' && (last == '{' || last == '}' || last == ';') && i+1 < len(src) && (isIdentByte(src[i+1]) || src[i+1] == '{' || src[i+1] == '('):
			// `@if (…)` / `@{` inside code: the @ is redundant.
			i++
			continue
		case c == '<' && (last == '{' || last == '}' || last == ';') && i+1 < len(src) && (isIdentByte(src[i+1]) || src[i+1] == '!'):
			// An element in code: markup until it closes (`<text>` included).
			i = r.markupIn(i, stopElement)
			continue
		case c == '{':
			depth++
		case c == '}':
			if depth == 0 && inBlock {
				return i, true
			}
			depth--
		}
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			last = c
		}
		r.out[i] = c
		i++
	}
	return i, !inBlock
}

// markupIn scans markup met inside code, bounded by the nesting limit.
func (r *razor) markupIn(i, stop int) int {
	if r.depth >= maxRazorDepth {
		return len(r.src)
	}
	r.depth++
	defer func() { r.depth-- }()
	end := r.markup(i, stop)
	if end <= i {
		end = i + 1
	}
	return end
}

// stringEnd returns the index after the C# string or char literal at i
// (`"…"`, `'…'`, `@"…"`, `$"…"`, `$@"…"`, `"""…"""`); false when it does not end.
func stringEnd(src []byte, i int) (int, bool) {
	verbatim := false
	for i < len(src) && (src[i] == '$' || src[i] == '@') {
		verbatim = verbatim || src[i] == '@'
		i++
	}
	if i >= len(src) {
		return i, false
	}
	q := src[i]
	if q == '"' && bytes.HasPrefix(src[i:], []byte(`"""`)) {
		k := bytes.Index(src[i+3:], []byte(`"""`))
		if k < 0 {
			return len(src), false
		}
		return i + 3 + k + 3, true
	}
	for j := i + 1; j < len(src); j++ {
		switch c := src[j]; {
		case c == '\\' && !verbatim:
			j++
		case c == '\n' && !verbatim:
			return j, false
		case c == q:
			if verbatim && j+1 < len(src) && src[j+1] == q {
				j++
				continue
			}
			return j + 1, true
		}
	}
	return len(src), false
}

// balanced returns the index after the bracket that closes src[i] == open,
// skipping C# strings; false when it does not close. The brackets stay
// unkept: the caller keeps what it decides is C#.
func (r *razor) balanced(i int, open, closeB byte) (int, bool) {
	src := r.src
	depth := 0
	for j := i; j < len(src); j++ {
		if !r.spend(1) {
			return len(src), false
		}
		switch c := src[j]; {
		case c == '"' || c == '\'':
			end, ok := stringEnd(src, j)
			if !r.spend(end-j) || !ok {
				return j, false
			}
			j = end - 1
		case c == open:
			depth++
		case c == closeB:
			depth--
			if depth == 0 {
				return j + 1, true
			}
		}
	}
	return len(src), false
}
