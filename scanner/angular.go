package scanner

import (
	"bytes"
	"context"
	"path"
	"regexp"
	"sort"
	"strings"
)

// Angular templates evaluate flags through the application's own directives
// and pipes: `<ng-container *appFeatureFlag="featureFlags.newNav">` where the
// directive's `@Input() set appFeatureFlag(key)` passes key on to an
// inferred wrapper, or `{{ 'new-nav' | featureFlag }}` where the pipe's
// `transform(key)` does. This stage runs after wrapper inference: it takes
// the wrappers that are such an input setter (the directive's selector names
// the input: `[appFeatureFlag]`) or a pipe's transform, finds their bindings
// in the component templates (`templateUrl` files and inline `template:`
// strings), and reports each binding as a call of the wrapper at the
// template's line. A binding's expression is read in the scope of the
// component that owns the template: a string literal is the key; `a.b` where
// the component declares the field `a = X` is `X.b`, resolved from the
// component's file like any key; anything else keeps key null with its text.

// ngDirective is a wrapper reached from templates: a binding name (a
// directive input named by its selector, or a pipe's name) and the wrapper.
type ngBinding struct {
	name string
	pipe bool
	w    *Wrapper
	re   *regexp.Regexp // where the binding is written (ngBindingRe)
}

// ngBindingRe finds a binding in a template: for a directive input,
// `*name="…"`, `[name]="…"` or `name="…"`; for a pipe, `| name`.
func ngBindingRe(name string, pipe bool) *regexp.Regexp {
	q := regexp.QuoteMeta(name)
	if pipe {
		return regexp.MustCompile(`[^|]\|\s*` + q + `\b`)
	}
	return regexp.MustCompile(`(^|[\s*\[])(` + q + `)(\]?)\s*=\s*(?:"([^"]*)"|'([^']*)')`)
}

var (
	ngSelector = regexp.MustCompile(`selector\s*:\s*['"` + "`" + `]([^'"` + "`" + `]*)['"` + "`" + `]`)
	ngPipeName = regexp.MustCompile(`\bname\s*:\s*['"]([\w$-]+)['"]`)
	ngAttrName = regexp.MustCompile(`\[([\w$-]+)\]`)
	ngIdent    = regexp.MustCompile(`^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$`)
)

// ngBindings finds, among a root's wrappers, the Angular directive inputs and
// pipes. read returns a root-relative file's source (nil when unreadable).
func ngBindings(found []*Wrapper, read func(rel string) []byte) []ngBinding {
	var out []ngBinding
	for _, w := range found {
		if w.Class == "" || w.KeyParam == nil || w.KeyParam.Index != 0 || w.fam != "javascript" {
			continue
		}
		src := read(w.File)
		if src == nil {
			continue
		}
		deco, kind := classDecorator(src, w.Class)
		switch kind {
		case "Directive":
			m := ngSelector.FindSubmatch(deco)
			if m == nil {
				continue
			}
			input := regexp.MustCompile(`@Input\(\s*(?:['"]([\w$-]+)['"])?\s*\)\s*set\s+` + regexp.QuoteMeta(w.Name) + `\s*\(`).FindSubmatch(src)
			if input == nil {
				continue // not an input setter (a method or a plain input is not followed)
			}
			name := w.Name
			if len(input[1]) > 0 {
				name = string(input[1])
			}
			for _, a := range ngAttrName.FindAllSubmatch(m[1], -1) {
				if string(a[1]) == name {
					out = append(out, ngBinding{name: name, w: w, re: ngBindingRe(name, false)})
					break
				}
			}
		case "Pipe":
			if w.Name != "transform" {
				continue
			}
			if m := ngPipeName.FindSubmatch(deco); m != nil {
				out = append(out, ngBinding{name: string(m[1]), pipe: true, w: w, re: ngBindingRe(string(m[1]), true)})
			}
		}
	}
	return out
}

// classDecorator returns the argument text of the Angular decorator
// (`@Directive(…)`, `@Pipe(…)`, `@Component(…)`) directly on class cls, and its kind.
func classDecorator(src []byte, cls string) ([]byte, string) {
	m := regexp.MustCompile(`\bclass\s+` + regexp.QuoteMeta(cls) + `\b`).FindIndex(src)
	if m == nil {
		return nil, ""
	}
	before := src[:m[0]]
	at := -1
	kind := ""
	for _, k := range []string{"Directive", "Pipe", "Component"} {
		if i := bytes.LastIndex(before, []byte("@"+k+"(")); i > at {
			at, kind = i, k
		}
	}
	if at < 0 || bytes.Contains(before[at:], []byte("class ")) {
		return nil, ""
	}
	return before[at:], kind
}

// ngTemplate is a component template: where its text is and the component's source.
type ngTemplate struct {
	rel       string // the file holding the template text
	start     int    // the template's offset in it (inline templates)
	text      []byte // the template
	file      []byte // the whole file (for lines and columns)
	component string // the component's file
	compSrc   []byte
	compClass string
}

var (
	ngTemplateURL = regexp.MustCompile(`templateUrl\s*:\s*['"` + "`" + `]([^'"` + "`" + `]+)['"` + "`" + `]`)
	ngInline      = regexp.MustCompile("template\\s*:\\s*`")
	ngComponent   = regexp.MustCompile(`@Component\s*\(`)
	ngClassName   = regexp.MustCompile(`\bclass\s+([A-Za-z_$][\w$]*)`)
)

// templateCalls adds the template bindings of the root's directive and pipe
// wrappers to the results of the files holding the templates.
func (s *scanner) templateCalls(ctx context.Context, all []result, found map[string][]*Wrapper) {
	for root, ws := range found {
		var idx []int
		byRel := map[string]int{}
		for i := range all {
			if all[i].job.root == root && all[i].job.lang != nil {
				idx = append(idx, i)
				byRel[all[i].job.rel] = i
			}
		}
		e := newExtractor()
		read := func(rel string) []byte {
			i, ok := byRel[rel]
			if !ok || all[i].skip != "" || all[i].problem != "" {
				return nil
			}
			src, err := e.read(all[i].job.abs, s.maxSize)
			if err != nil {
				return nil
			}
			e.keep()
			return src
		}
		bindings := ngBindings(ws, read)
		if len(bindings) == 0 {
			e.close()
			continue
		}
		var names [][]byte
		for _, b := range bindings {
			names = append(names, []byte(b.name))
		}
		mentions := func(src []byte) bool {
			for _, n := range names {
				if bytes.Contains(src, n) {
					return true
				}
			}
			return false
		}
		// Components: every script file with @Component; its templates.
		var templates []ngTemplate
		for _, i := range idx {
			if ctx.Err() != nil {
				break
			}
			r := &all[i]
			if family(r.job.lang) != "javascript" || isMarkup(r.job.rel) {
				continue
			}
			src := read(r.job.rel)
			if src == nil || !bytes.Contains(src, []byte("@Component")) {
				continue
			}
			for _, loc := range ngComponent.FindAllIndex(src, -1) {
				cm := ngClassName.FindSubmatchIndex(src[loc[1]:])
				if cm == nil {
					continue
				}
				deco := src[loc[1] : loc[1]+cm[0]]
				cls := string(src[loc[1]+cm[2] : loc[1]+cm[3]])
				if u := ngTemplateURL.FindSubmatch(deco); u != nil {
					trel := path.Join(path.Dir(r.job.rel), string(u[1]))
					if t := read(trel); t != nil && mentions(t) {
						templates = append(templates, ngTemplate{rel: trel, text: t, file: t, component: r.job.rel, compSrc: src, compClass: cls})
					}
				} else if in := ngInline.FindIndex(deco); in != nil {
					start := loc[1] + in[1]
					end, ok := templateEnd(src, start)
					if ok && mentions(src[start:end]) {
						templates = append(templates, ngTemplate{rel: r.job.rel, start: start, text: src[start:end], file: src, component: r.job.rel, compSrc: src, compClass: cls})
					}
				}
			}
		}
		e.close()
		sort.SliceStable(templates, func(i, j int) bool {
			if templates[i].rel != templates[j].rel {
				return templates[i].rel < templates[j].rel
			}
			return templates[i].start < templates[j].start
		})
		for _, t := range templates {
			i, ok := byRel[t.rel]
			if !ok {
				continue
			}
			calls, pend := ngSites(t, bindings)
			r := &all[i]
			if r.out == nil {
				r.out = &fileOut{}
			}
			base := len(r.out.calls)
			r.out.calls = append(r.out.calls, calls...)
			for _, p := range pend {
				p.idx += base
				r.out.pending = append(r.out.pending, p)
			}
		}
	}
}

// templateEnd returns the end of an inline template's backquoted text from
// start (after the opening backquote); false when it has `${` or does not end.
func templateEnd(src []byte, start int) (int, bool) {
	for i := start; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '`':
			return i, true
		case '$':
			if i+1 < len(src) && src[i+1] == '{' {
				return i, false
			}
		}
	}
	return len(src), false
}

// ngSites finds the bindings in one template.
func ngSites(t ngTemplate, bindings []ngBinding) ([]Call, []pending) {
	var calls []Call
	var pend []pending
	add := func(b ngBinding, off int, expr string, literal bool) {
		at := t.start + off
		c := Call{
			File:     t.rel,
			Line:     bytes.Count(t.file[:at], []byte("\n")) + 1,
			Column:   Column(t.file, at),
			Language: b.w.Language,
			Method:   b.name,
		}
		b.w.fill(&c, nil, nil)
		ref := ""
		switch {
		case literal:
			k := expr
			c.Key, c.KeyExpr = &k, quoteJS(expr)
		default:
			c.KeyExpr = expr
			if k, ok := stringLiteral(expr); ok {
				c.Key = &k
			} else if x := componentRef(t.compSrc, t.compClass, expr); x != "" {
				ref = refName(x)
			}
		}
		calls = append(calls, c)
		if ref != "" {
			pend = append(pend, pending{idx: len(calls) - 1, keyRef: ref, scope: t.component})
		}
	}
	text := t.text
	tags, interps := ngRegions(text)
	for _, b := range bindings {
		if b.pipe {
			for _, m := range ngPipeInputs(text, b.re) {
				// In an interpolation or a tag's attribute: not the page's text.
				if within(interps, m[0]) || within(tags, m[0]) {
					add(b, m[0], string(text[m[0]:m[1]]), false)
				}
			}
			continue
		}
		for _, m := range b.re.FindAllSubmatchIndex(text, -1) {
			if !within(tags, m[4]) {
				continue // the page's text, not an attribute
			}
			prefix := ""
			if m[3] > m[2] {
				prefix = string(text[m[2]:m[3]])
			}
			closing := m[7] > m[6]
			vs, ve := m[8], m[9]
			if vs < 0 {
				vs, ve = m[10], m[11]
			}
			val := string(text[vs:ve])
			switch {
			case prefix == "*" && !closing:
				// Microsyntax: the expression is the first clause.
				if i := strings.IndexAny(val, ";"); i >= 0 {
					val = val[:i]
				}
				add(b, vs+leadingSpace(val), strings.TrimSpace(val), false)
			case prefix == "[" && closing:
				add(b, vs+leadingSpace(val), strings.TrimSpace(val), false)
			case prefix != "*" && prefix != "[" && !closing:
				// A static attribute: its text is the key (an interpolation is not).
				if strings.Contains(val, "{{") {
					add(b, vs, val, false)
				} else {
					add(b, vs, val, true)
				}
			}
		}
	}
	return calls, pend
}

func leadingSpace(s string) int { return len(s) - len(strings.TrimLeft(s, " \t\r\n")) }

// quoteJS renders a static attribute's text as the string literal it means.
func quoteJS(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

// stringLiteral reads a template expression that is one string literal.
func stringLiteral(expr string) (string, bool) {
	if len(expr) < 2 || (expr[0] != '\'' && expr[0] != '"') || expr[len(expr)-1] != expr[0] {
		return "", false
	}
	body := expr[1 : len(expr)-1]
	if strings.ContainsAny(body, `\'"`) {
		return "", false
	}
	return body, true
}

// componentRef turns a template expression `a.b.c` into the reference it
// means in the component's file: the component's field `a` initialised with
// the name X (`featureFlags = FeatureFlags;`) makes it `X.b.c`. "" when the
// expression is not such a path (it then keeps key null).
func componentRef(src []byte, cls, expr string) string {
	if !ngIdent.MatchString(expr) {
		return ""
	}
	head, rest, _ := strings.Cut(expr, ".")
	body := classBody(src, cls)
	if body == nil {
		return ""
	}
	re := regexp.MustCompile(`(?m)^[ \t]*(?:(?:public|protected|private|readonly|static)\s+)*` + regexp.QuoteMeta(head) + `\s*(?::[^=;\n]+)?=\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*;?[ \t]*$`)
	ms := re.FindAllSubmatch(body, -1)
	if len(ms) != 1 {
		return "" // none, or assigned twice: not a guess
	}
	x := string(ms[0][1])
	if rest != "" {
		x += "." + rest
	}
	return x
}

// classBody is the text of class cls's body in src (to its matching brace).
func classBody(src []byte, cls string) []byte {
	m := regexp.MustCompile(`\bclass\s+` + regexp.QuoteMeta(cls) + `\b[^{]*\{`).FindIndex(src)
	if m == nil {
		return nil
	}
	depth := 1
	for i := m[1]; i < len(src); i++ {
		switch src[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return src[m[1]:i]
			}
		}
	}
	return src[m[1]:]
}

// ngPipeInputs finds the inputs of pipe name in a template: the whole
// expression before the first `| name` of an interpolation `{{ … }}` or a
// bound attribute's value, or of a parenthesised `(… | name)`. Returns
// [start, end) offsets of each input expression.
func ngPipeInputs(text []byte, re *regexp.Regexp) [][2]int {
	var out [][2]int
	for _, m := range re.FindAllIndex(text, -1) {
		bar := m[0] + 1
		if bar+1 < len(text) && text[bar+1] == '|' {
			continue
		}
		// Back to the expression's opening: `{{`, `="`, `='` or `(`, with
		// no pipe or unbalanced bracket on the way.
		depth, start := 0, -1
	back:
		for i := bar - 1; i >= 0 && bar-i < 512; i-- {
			switch c := text[i]; c {
			case ')', ']':
				depth++
			case '(', '[':
				if depth == 0 {
					if c == '(' {
						start = i + 1
					}
					break back
				}
				depth--
			case '|':
				if depth == 0 {
					break back // a chained pipe: its input is another pipe's output
				}
			case '{':
				if depth == 0 && i > 0 && text[i-1] == '{' {
					start = i + 1
					break back
				}
			case '"', '\'':
				if depth == 0 && i > 0 && text[i-1] == '=' {
					start = i + 1
					break back
				}
			case '\n', '<', '>':
				if depth == 0 && c != '\n' {
					break back
				}
			}
		}
		if start < 0 {
			continue
		}
		s, e := start, bar
		for s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '\n') {
			s++
		}
		for e > s && (text[e-1] == ' ' || text[e-1] == '\t' || text[e-1] == '\n') {
			e--
		}
		if s < e {
			out = append(out, [2]int{s, e})
		}
	}
	return out
}

// ngRegions finds a template's tags (`<name …>`, quoted attribute values
// included) and interpolations (`{{ … }}`), as [start, end) offsets in order;
// comments are neither.
func ngRegions(text []byte) (tags, interps [][2]int) {
	for i := 0; i < len(text); i++ {
		switch {
		case bytes.HasPrefix(text[i:], []byte("<!--")):
			k := bytes.Index(text[i+4:], []byte("-->"))
			if k < 0 {
				return tags, interps
			}
			i += 4 + k + 2
		case text[i] == '<' && i+1 < len(text) && isIdentByte(text[i+1]):
			var quote byte
			j := i + 1
			for ; j < len(text); j++ {
				c := text[j]
				if quote != 0 {
					if c == quote {
						quote = 0
					}
					continue
				}
				if c == '"' || c == '\'' {
					quote = c
				} else if c == '>' {
					break
				}
			}
			tags = append(tags, [2]int{i, j})
			i = j
		case text[i] == '{' && i+1 < len(text) && text[i+1] == '{':
			k := bytes.Index(text[i+2:], []byte("}}"))
			if k < 0 {
				return tags, interps
			}
			interps = append(interps, [2]int{i + 2, i + 2 + k})
			i += 2 + k + 1
		}
	}
	return tags, interps
}

// within reports whether off falls in one of the sorted regions.
func within(regions [][2]int, off int) bool {
	i := sort.Search(len(regions), func(i int) bool { return regions[i][1] > off })
	return i < len(regions) && regions[i][0] <= off
}
