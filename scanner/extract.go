package scanner

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/languages"
)

// matcher is everything one language needs at extraction time, built once per scan.
type matcher struct {
	lang *languages.Language
	comp *languages.Compiled
	// callCaps are the calls query's capture names by index (a cgo call each otherwise).
	callCaps []string
	// byMethod lists the shapes (built-in first, then wrappers) for each method name.
	byMethod map[string][]shapeRef
	// objDefs are object-literal definitions; their key properties.
	objDefs []*languages.Definition
}

type shapeRef struct {
	shape   *languages.Shape
	def     *languages.Definition // constructor-style definition instead of a shape
	wrapper bool
}

func newMatcher(l *languages.Language, cfg *config.Config) (*matcher, error) {
	comp, err := l.Compile()
	if err != nil {
		return nil, err
	}
	m := &matcher{lang: l, comp: comp, byMethod: map[string][]shapeRef{}}
	for i := uint32(0); i < comp.Calls.CaptureCount(); i++ {
		m.callCaps = append(m.callCaps, comp.Calls.CaptureNameForId(i))
	}
	for i := range l.Shapes {
		s := &l.Shapes[i]
		for _, name := range s.Methods {
			m.byMethod[name] = append(m.byMethod[name], shapeRef{shape: s})
		}
	}
	defs := append([]languages.Definition(nil), l.Definitions...)
	if cfg != nil {
		for i := range cfg.Wrappers {
			w := &cfg.Wrappers[i]
			if !forLanguage(w.Languages, l) {
				continue
			}
			for _, name := range w.Methods {
				m.byMethod[name] = append(m.byMethod[name], shapeRef{shape: w, wrapper: true})
			}
		}
		for _, d := range cfg.Definitions {
			if forLanguage(d.Languages, l) {
				defs = append(defs, d)
			}
		}
	}
	for i := range defs {
		d := &defs[i]
		for _, c := range d.Constructors {
			m.byMethod[c] = append(m.byMethod[c], shapeRef{def: d})
		}
		if d.KeyProperty != "" {
			m.objDefs = append(m.objDefs, d)
		}
	}
	return m, nil
}

func forLanguage(names []string, l *languages.Language) bool {
	if len(names) == 0 {
		return true
	}
	for _, n := range names {
		if n == l.Name || n == l.Inherit {
			return true
		}
	}
	return false
}

// constVal is a constant declaration's value, kept after the tree is closed.
type constVal struct {
	json json.RawMessage // nil when not literal
	typ  Type
	ref  string // the value is a reference to another name
	file string
	span Span
	// props holds an object literal's literal members (for definition objects passed as keys).
	props map[string]constVal
}

// pending is a call whose key or fallback names a constant not found in its own file.
type pending struct {
	idx         int // index in the file's calls
	keyRef      string
	fallbackRef string
}

// fileOut is what extraction of one file produces.
type fileOut struct {
	calls []Call
	// consts is nil when extraction did not need the file's own constants;
	// resolveRefs collects them if another file's reference reaches this one.
	consts map[string]constVal
	// binds are the file's import bindings, collected with consts.
	binds   []binding
	pending []pending
	m       *matcher // the matcher used (a .vue or .svelte file may use TypeScript's)
}

// extractor is one worker's state: its own parsers, query cursors and read
// buffer, reused from file to file.
type extractor struct {
	parsers map[string]*sitter.Parser
	// calls runs the calls query; aux runs the imports and constants
	// queries, which the calls loop may need while it is iterating.
	calls, aux *sitter.QueryCursor
	buf        []byte
	// eager runs the imports and constants queries over the whole tree for
	// every file, as extraction did before it was made lazy (benchmarks only).
	eager bool
}

func newExtractor() *extractor {
	return &extractor{parsers: map[string]*sitter.Parser{}, calls: sitter.NewQueryCursor(), aux: sitter.NewQueryCursor()}
}

// span is a byte range of a source file: where the pre-filter found one of its strings.
type span struct{ start, end int }

// pointRange is a span as tree-sitter points (row, byte column).
type pointRange struct{ start, end sitter.Point }

// wholeFile is the range that makes a query cursor visit the whole tree.
var wholeFile = []pointRange{{sitter.Point{}, sitter.Point{Row: ^uint32(0), Column: ^uint32(0)}}}

// nearHits merges hits less than this many bytes apart into one query range.
const nearHits = 256

// pointRanges turns sorted pre-filter hits into merged point ranges; nil hits = the whole file.
func pointRanges(src []byte, hits []span) []pointRange {
	if hits == nil {
		return wholeFile
	}
	var out []pointRange
	row, lineStart, at := 0, 0, 0 // newlines counted up to at
	point := func(off int) sitter.Point {
		for {
			i := bytes.IndexByte(src[at:off], '\n')
			if i < 0 {
				break
			}
			row++
			at += i + 1
			lineStart = at
		}
		at = off
		return sitter.Point{Row: uint32(row), Column: uint32(off - lineStart)}
	}
	for i := 0; i < len(hits); {
		start, end := hits[i].start, hits[i].end
		for i++; i < len(hits) && hits[i].start <= end+nearHits; i++ {
			end = max(end, hits[i].end)
		}
		out = append(out, pointRange{point(start), point(end)})
	}
	return out
}

// runQuery runs q over the part of root's tree that intersects r: a query whose
// pattern contains a node intersecting r is matched as over the whole tree,
// and subtrees outside r are not visited.
func runQuery(qc *sitter.QueryCursor, q *sitter.Query, root *sitter.Node, r pointRange) {
	qc.SetPointRange(r.start, r.end)
	qc.Exec(q, root)
}

// parser returns the worker's parser for m's grammar, reset so that it never
// resumes an earlier, cancelled parse.
func (e *extractor) parser(m *matcher) *sitter.Parser {
	p := e.parsers[m.lang.Grammar]
	if p == nil {
		p = sitter.NewParser()
		p.SetLanguage(m.comp.Lang)
		e.parsers[m.lang.Grammar] = p
	}
	p.Reset()
	return p
}

func (e *extractor) drop(m *matcher) {
	if p := e.parsers[m.lang.Grammar]; p != nil {
		p.Close()
		delete(e.parsers, m.lang.Grammar)
	}
}

func (e *extractor) close() {
	for _, p := range e.parsers {
		p.Close()
	}
	e.calls.Close()
	e.aux.Close()
}

func (e *extractor) parse(ctx context.Context, m *matcher, src []byte) (*sitter.Tree, error) {
	tree, err := e.parser(m).ParseCtx(ctx, nil, src)
	if err != nil {
		// go-tree-sitter's watcher goroutine can set a parser's cancel flag
		// after the parse it watched has finished (it races the end of the
		// parse with the context's end), and the flag is never cleared: that
		// parser then fails every later parse. Drop it, and retry once on a
		// fresh one unless the context really ended.
		e.drop(m)
		if ctx.Err() != nil {
			return nil, err
		}
		if tree, err = e.parser(m).ParseCtx(ctx, nil, src); err != nil {
			e.drop(m)
			return nil, err
		}
	}
	if int(tree.RootNode().EndByte()) > len(src) {
		tree.Close()
		return nil, fmt.Errorf("parser returned a tree larger than the file")
	}
	return tree, nil
}

// extract finds the calls in one file, or with !callsWanted only its
// constants. rel is the file's root-relative path.
func (e *extractor) extract(ctx context.Context, m *matcher, rel string, src []byte, callsWanted bool) (*fileOut, error) {
	if callsWanted {
		return e.extractHits(ctx, m, rel, src, nil)
	}
	tree, err := e.parse(ctx, m, src)
	if err != nil {
		return nil, err
	}
	defer tree.Close()
	root := tree.RootNode()
	return &fileOut{consts: collectConstants(e.aux, m, root, src, rel), binds: collectBindings(e.aux, m, root, src), m: m}, nil
}

// extractHits finds the calls in one file. hits are the pre-filter's matches
// in src, in order (nil = search the whole tree): every call's method name,
// and every SDK import marker, overlaps one of them, so the calls and imports
// queries only visit the parts of the tree around them. The file's constants
// are collected only when a call names one.
func (e *extractor) extractHits(ctx context.Context, m *matcher, rel string, src []byte, hits []span) (*fileOut, error) {
	tree, err := e.parse(ctx, m, src)
	if err != nil {
		return nil, err
	}
	defer tree.Close()
	root := tree.RootNode()
	out := &fileOut{m: m}
	ranges := pointRanges(src, hits)
	var sdks map[string]bool // imported SDKs, looked up at the first call that needs them
	lit := &m.lang.Literals
	if e.eager {
		sdks = importedSDKs(e.aux, m, root, src, wholeFile)
		out.consts = collectConstants(e.aux, m, root, src, rel)
		out.binds = collectBindings(e.aux, m, root, src)
	}

	qc := e.calls
	seen := map[uint32]bool{}
	for ri := 0; ri < len(ranges); ri++ {
		runQuery(qc, m.comp.Calls, root, ranges[ri])
		for {
			match, ok := qc.NextMatch()
			if !ok {
				break
			}
			var methodN, argsN, callN, pipeN *sitter.Node
			for _, c := range match.Captures {
				switch m.callCaps[c.Index] {
				case "pipe":
					pipeN = c.Node
				case "method":
					methodN = c.Node
				case "args":
					argsN = c.Node
				case "call":
					callN = c.Node
				}
			}
			if methodN == nil || argsN == nil || callN == nil || seen[callN.StartByte()<<1^argsN.StartByte()] {
				continue
			}
			refs := m.byMethod[methodN.Content(src)]
			if len(refs) == 0 {
				continue
			}
			seen[callN.StartByte()<<1^argsN.StartByte()] = true
			if sdks == nil {
				sdks = importedSDKs(e.aux, m, root, src, ranges)
			}
			pos, named, runs := splitArgs(m, argsN, src)
			if pipeN != nil {
				pos = append([]*sitter.Node{pipeN}, pos...)
			}
			ref, ok := pickShape(refs, receiverSDKs(m, sdks, src[callN.StartByte():methodN.StartByte()]), pos, named)
			if !ok {
				continue
			}
			c := Call{
				File:     rel,
				Line:     int(methodN.StartPoint().Row) + 1,
				Column:   Column(src, int(methodN.StartByte())),
				Language: m.lang.Name,
				Method:   methodN.Content(src),
			}
			var keyRef, fbRef string
			if ref.def != nil {
				c.Type = Type(orDefault(ref.def.Type, "unknown"))
				if ref.def.Name != "" {
					c.Method = ref.def.Name
				}
				keyRef, fbRef = fillCall(&c, lit, src, argAt(pos, named, ref.def.Key), argAt(pos, named, ref.def.Fallback), "", false, runs)
			} else {
				s := ref.shape
				c.Type = Type(orDefault(s.Type, "unknown"))
				c.FromConfig = s.FromConfig && !s.Fallback.IsSet()
				var fb *sitter.Node
				if s.Fallback.IsSet() {
					fb = argAt(pos, named, s.Fallback)
				}
				keyRef, fbRef = fillCall(&c, lit, src, argAt(pos, named, s.Key), fb, s.Implicit, c.FromConfig, runs)
			}
			c.Ignored, c.IgnoreReason = ignored(src, m.lang.Comments, c.Line)
			out.calls = append(out.calls, c)
			if keyRef != "" || fbRef != "" {
				out.pending = append(out.pending, pending{idx: len(out.calls) - 1, keyRef: keyRef, fallbackRef: fbRef})
			}
		}
	}
	if len(m.objDefs) > 0 {
		out.calls = append(out.calls, objectDefinitions(m, root, src, rel)...)
	}
	if len(out.pending) > 0 {
		if out.consts == nil {
			out.consts = collectConstants(e.aux, m, root, src, rel)
			out.binds = collectBindings(e.aux, m, root, src)
		}
		// Resolve what the file itself declares; the rest waits for resolveRefs.
		out.pending = resolvePending(out.calls, out.pending, []map[string]constVal{out.consts}, rel, false)
	}
	return out, nil
}

// fillCall sets key and fallback from their argument nodes and returns the
// names still to resolve (constants) for each. runs holds the source text of
// arguments that span several nodes (args.separator); they are never literal.
func fillCall(c *Call, lit *languages.Literals, src []byte, keyN, fbN *sitter.Node, implicit string, fromConfig bool, runs map[*sitter.Node]string) (keyRef, fbRef string) {
	if text, ok := runs[keyN]; ok && keyN != nil {
		c.KeyExpr = text
		keyRef = refName(text)
		keyN = nil
	}
	if text, ok := runs[fbN]; ok && fbN != nil {
		c.FallbackText = text
		c.Dynamic = true
		fbRef = refName(text)
		fbN = nil
	}
	keyN, fbN = converted(keyN, src, lit), converted(fbN, src, lit)
	if keyN != nil {
		if v, t, ok := literal(keyN, src, lit); ok && t == TypeString {
			var s string
			_ = json.Unmarshal(v, &s)
			c.Key = &s
		} else {
			c.KeyExpr = keyN.Content(src)
			keyRef = refName(c.KeyExpr)
		}
	}
	switch {
	case fbN != nil:
		c.FallbackText = fbN.Content(src)
		if v, t, ok := literal(fbN, src, lit); ok {
			c.Fallback = v
			c.FallbackSpan = Span{int(fbN.StartByte()), int(fbN.EndByte())}
			if c.Type == TypeUnknown && t != "" {
				c.Type = t
			}
		} else {
			c.Dynamic = true
			fbRef = refName(c.FallbackText)
		}
	case fromConfig:
	case implicit != "":
		c.Fallback = json.RawMessage(implicit)
		c.Implicit = true
	}
	return keyRef, fbRef
}

// refName normalises an expression that may name a constant (a.b.c,
// this.x, Flags::X, FLAGS['x']); "" when it cannot.
func refName(expr string) string {
	s := strings.Join(strings.Fields(expr), "")
	s = strings.ReplaceAll(s, "?.", ".")
	s = strings.ReplaceAll(s, "::", ".")
	s = strings.ReplaceAll(s, "!.", ".")
	// "@": Ruby instance variables and Elixir module attributes (@flag_key).
	for _, p := range []string{"this.", "self.", "Self.", "static.", "@"} {
		s = strings.TrimPrefix(s, p)
	}
	// FLAGS['x'] / FLAGS["x"] → FLAGS.x
	for {
		i := strings.Index(s, "[")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "]")
		if j < 0 {
			return ""
		}
		inner := s[i+1 : i+j]
		if len(inner) < 2 || (inner[0] != '\'' && inner[0] != '"') || inner[len(inner)-1] != inner[0] {
			return ""
		}
		s = s[:i] + "." + inner[1:len(inner)-1] + s[i+j+1:]
	}
	for _, part := range strings.Split(s, ".") {
		if !isIdent(part) && !isIdentish(part) {
			return ""
		}
	}
	return s
}

func isIdentish(s string) bool { // object keys like 'new-checkout' after FLAGS['new-checkout']
	return s != "" && !strings.ContainsAny(s, "()+*/,;{} \t\n'\"`")
}

// splitArgs returns an argument list's positional arguments and named ones.
// With args.separator, an argument made of several nodes is represented by its
// first node, and runs maps that node to the argument's whole source text.
func splitArgs(m *matcher, args *sitter.Node, src []byte) (pos []*sitter.Node, named map[string]*sitter.Node, runs map[*sitter.Node]string) {
	a := &m.lang.Args
	if a.Separator != "" {
		pos, runs = separatedArgs(a, args, src)
		return pos, nil, runs
	}
	for i := 0; i < int(args.NamedChildCount()); i++ {
		c := args.NamedChild(i)
		t := c.Type()
		if t == "comment" || has(a.Skip, t) {
			continue
		}
		isNamed := a.Named != "" && t == a.Named
		if t == a.Wrapper || isNamed {
			name, val := namedArg(a, c, src)
			if name != "" {
				if named == nil {
					named = map[string]*sitter.Node{}
				}
				named[name] = val
				continue
			}
			if val != nil {
				c = val
			}
		}
		pos = append(pos, c)
	}
	return pos, named, nil
}

// separatedArgs splits an argument list at the separator tokens.
func separatedArgs(a *languages.Args, args *sitter.Node, src []byte) (pos []*sitter.Node, runs map[*sitter.Node]string) {
	var first, last *sitter.Node
	flush := func() {
		if first == nil {
			return
		}
		pos = append(pos, first)
		if last != first {
			if runs == nil {
				runs = map[*sitter.Node]string{}
			}
			runs[first] = string(src[first.StartByte():last.EndByte()])
		}
		first, last = nil, nil
	}
	for i := 0; i < int(args.ChildCount()); i++ {
		c := args.Child(i)
		switch {
		case !c.IsNamed() && c.Type() == a.Separator:
			flush()
		case !c.IsNamed(), c.Type() == "comment", has(a.Skip, c.Type()):
		default:
			if first == nil {
				first = c
			}
			last = c
		}
	}
	flush()
	return pos, runs
}

func namedArg(a *languages.Args, n *sitter.Node, src []byte) (name string, val *sitter.Node) {
	if a.NameField != "" {
		if nn := n.ChildByFieldName(a.NameField); nn != nil {
			name = nn.Content(src)
		}
	} else if a.NameNode != "" && n.NamedChildCount() > 1 && n.NamedChild(0).Type() == a.NameNode {
		name = strings.TrimRight(strings.TrimSpace(n.NamedChild(0).Content(src)), ":= \t")
	}
	if a.ValueField != "" {
		val = n.ChildByFieldName(a.ValueField)
	} else if k := int(n.NamedChildCount()); k > 0 {
		val = n.NamedChild(k - 1)
	}
	return name, val
}

func argAt(pos []*sitter.Node, named map[string]*sitter.Node, r languages.ArgRef) *sitter.Node {
	if !r.IsSet() {
		return nil
	}
	if r.Name != "" {
		if n, ok := named[r.Name]; ok {
			return n
		}
	}
	if r.Index >= 0 && r.Index < len(pos) {
		return pos[r.Index]
	}
	return nil
}

func present(pos []*sitter.Node, named map[string]*sitter.Node, r languages.ArgRef) bool {
	return argAt(pos, named, r) != nil
}

// pickShape chooses the first shape that fits the call: its SDK is imported,
// its key is present, its fallback is present (or implicit, or from config),
// and the call has no more arguments than MaxArgs.
func pickShape(refs []shapeRef, sdks map[string]bool, pos []*sitter.Node, named map[string]*sitter.Node) (shapeRef, bool) {
	n := len(pos) + len(named)
	for _, r := range refs {
		if r.def != nil {
			if present(pos, named, r.def.Key) {
				return r, true
			}
			continue
		}
		s := r.shape
		if s.SDK != "" && !sdks[s.SDK] {
			continue
		}
		if s.MaxArgs > 0 && n > s.MaxArgs {
			continue
		}
		if !present(pos, named, s.Key) {
			continue
		}
		if s.Fallback.IsSet() && !present(pos, named, s.Fallback) && s.Implicit == "" && !s.FromConfig {
			continue
		}
		return r, true
	}
	return shapeRef{}, false
}

// receiverSDKs adds to the file's imported SDKs those whose receiver markers
// appear in the call's receiver text; it returns sdks itself when none does.
func receiverSDKs(m *matcher, sdks map[string]bool, receiver []byte) map[string]bool {
	if len(receiver) == 0 {
		return sdks
	}
	var out map[string]bool
	lower := bytes.ToLower(receiver)
	for _, sdk := range m.lang.SDKs {
		if sdks[sdk.Name] {
			continue
		}
		for _, marker := range sdk.Receivers {
			if containsWordStart(lower, []byte(strings.ToLower(marker))) {
				if out == nil {
					out = make(map[string]bool, len(sdks)+1)
					for k, v := range sdks {
						out[k] = v
					}
				}
				out[sdk.Name] = true
				break
			}
		}
	}
	if out == nil {
		return sdks
	}
	return out
}

// containsWordStart reports whether marker occurs in s at the start of a word
// (not preceded by a letter or digit), so "ldclient" matches `ld.ldClient.`
// and `self._ldclient.` but not `oldClient.`.
func containsWordStart(s, marker []byte) bool {
	for off := 0; ; {
		i := bytes.Index(s[off:], marker)
		if i < 0 {
			return false
		}
		i += off
		if i == 0 || !isAlnum(s[i-1]) {
			return true
		}
		off = i + 1
	}
}

func isAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// importedSDKs returns the names of the SDKs whose import markers appear in the file's imports.
// An import node contains its marker, so only the ranges around pre-filter hits are searched.
func importedSDKs(qc *sitter.QueryCursor, m *matcher, root *sitter.Node, src []byte, ranges []pointRange) map[string]bool {
	out := map[string]bool{}
	if m.comp.Imports == nil {
		return out
	}
	for _, r := range ranges {
		runQuery(qc, m.comp.Imports, root, r)
		for {
			match, ok := qc.NextMatch()
			if !ok {
				break
			}
			match = qc.FilterPredicates(match, src)
			for _, c := range match.Captures {
				if m.comp.Imports.CaptureNameForId(c.Index) != "import" {
					continue
				}
				text := c.Node.Content(src)
				for _, sdk := range m.lang.SDKs {
					for _, marker := range sdk.Imports {
						if strings.Contains(text, marker) {
							out[sdk.Name] = true
						}
					}
				}
			}
		}
	}
	return out
}

// collectConstants records constant-like declarations: name → value, also
// Scope.name, and the members of object literals as name.member.
func collectConstants(qc *sitter.QueryCursor, m *matcher, root *sitter.Node, src []byte, rel string) map[string]constVal {
	out := map[string]constVal{}
	q, err := m.comp.Constants()
	if q == nil || err != nil {
		return out // a broken built-in query fails TestDeclarations
	}
	runQuery(qc, q, root, wholeFile[0])
	for {
		match, ok := qc.NextMatch()
		if !ok {
			break
		}
		match = qc.FilterPredicates(match, src)
		var name, scope string
		var val *sitter.Node
		for _, c := range match.Captures {
			switch q.CaptureNameForId(c.Index) {
			case "name":
				name = refName(c.Node.Content(src))
			case "scope":
				scope = c.Node.Content(src)
			case "value":
				val = c.Node
			}
		}
		if name == "" || val == nil {
			continue
		}
		cv := constValue(m, val, src, rel, 0)
		if _, dup := out[name]; !dup {
			out[name] = cv
		}
		if scope != "" {
			out[scope+"."+name] = cv
		}
		flatten(out, name, cv)
		if scope != "" {
			flatten(out, scope+"."+name, cv)
		}
	}
	return out
}

func flatten(out map[string]constVal, prefix string, cv constVal) {
	for k, v := range cv.props {
		if _, dup := out[prefix+"."+k]; !dup {
			out[prefix+"."+k] = v
		}
		flatten(out, prefix+"."+k, v)
	}
}

func constValue(m *matcher, n *sitter.Node, src []byte, rel string, depth int) constVal {
	lit := &m.lang.Literals
	for d := 0; d < 8 && has(lit.Wrappers, n.Type()) && n.NamedChildCount() > 0; d++ {
		n = n.NamedChild(0)
	}
	n = converted(n, src, lit)
	cv := constVal{file: rel, span: Span{int(n.StartByte()), int(n.EndByte())}}
	if v, t, ok := literal(n, src, lit); ok {
		cv.json, cv.typ = v, t
	} else {
		cv.ref = refName(n.Content(src))
	}
	if depth > 4 {
		return cv
	}
	for _, o := range lit.Object {
		if o.Node != n.Type() {
			continue
		}
		for i := 0; i < int(n.NamedChildCount()); i++ {
			p := n.NamedChild(i)
			if p.Type() != o.Pair {
				continue
			}
			kn, vn := p.ChildByFieldName(o.Key), p.ChildByFieldName(o.Value)
			if kn == nil || vn == nil {
				continue
			}
			name, ok := propertyName(kn, src, lit)
			if !ok {
				continue
			}
			if cv.props == nil {
				cv.props = map[string]constVal{}
			}
			cv.props[name] = constValue(m, vn, src, rel, depth+1)
		}
	}
	return cv
}

// objectDefinitions turns object literals carrying a definition's key
// property into calls: { flag: 'new-checkout', defaultValue: false }.
func objectDefinitions(m *matcher, root *sitter.Node, src []byte, rel string) []Call {
	var out []Call
	lit := &m.lang.Literals
	var walk func(n *sitter.Node, depth int)
	walk = func(n *sitter.Node, depth int) {
		if depth > 200 {
			return
		}
		for _, o := range lit.Object {
			if o.Node != n.Type() {
				continue
			}
			members := map[string]*sitter.Node{}
			for i := 0; i < int(n.NamedChildCount()); i++ {
				p := n.NamedChild(i)
				if p.Type() != o.Pair {
					continue
				}
				kn, vn := p.ChildByFieldName(o.Key), p.ChildByFieldName(o.Value)
				if kn == nil || vn == nil {
					continue
				}
				if name, ok := propertyName(kn, src, lit); ok {
					members[name] = vn
				}
			}
			for _, d := range m.objDefs {
				kn := members[d.KeyProperty]
				if kn == nil {
					continue
				}
				c := Call{
					File: rel, Line: int(n.StartPoint().Row) + 1, Column: Column(src, int(n.StartByte())),
					Language: m.lang.Name, Method: orDefault(d.Name, "{"+d.KeyProperty+"}"),
					Type: Type(orDefault(d.Type, "unknown")),
				}
				var fb *sitter.Node
				if d.FallbackProperty != "" {
					fb = members[d.FallbackProperty]
				}
				fillCall(&c, lit, src, kn, fb, "", false, nil)
				if c.Key == nil {
					continue // an object with a 'flag' member that is not a literal: not a definition
				}
				c.Ignored, c.IgnoreReason = ignored(src, m.lang.Comments, c.Line)
				out = append(out, c)
				break
			}
		}
		for i := 0; i < int(n.NamedChildCount()); i++ {
			walk(n.NamedChild(i), depth+1)
		}
	}
	walk(root, 0)
	return out
}

// lookup finds a constant by name in the scopes, following references and
// dropping leading qualifiers (pkg.Flags.X → Flags.X) when the full name is unknown.
func lookup(scopes []map[string]constVal, name string) (constVal, bool) {
	for depth := 0; depth < 8 && name != ""; depth++ {
		cv, ok := find(scopes, name)
		if !ok {
			return constVal{}, false
		}
		if cv.json != nil || cv.props != nil || cv.ref == "" || cv.ref == name {
			return cv, cv.json != nil || cv.props != nil
		}
		name = cv.ref
	}
	return constVal{}, false
}

func find(scopes []map[string]constVal, name string) (constVal, bool) {
	for n := name; ; {
		for _, s := range scopes {
			if cv, ok := s[n]; ok {
				return cv, true
			}
		}
		i := strings.IndexByte(n, '.')
		if i < 0 || strings.Count(n, ".") < 2 {
			return constVal{}, false
		}
		n = n[i+1:]
	}
}

// resolvePending fills the calls' keys and fallbacks from constants and
// returns what is still unresolved. When final, dynamic fallbacks stay dynamic.
func resolvePending(calls []Call, ps []pending, scopes []map[string]constVal, rel string, final bool) []pending {
	var left []pending
	for _, p := range ps {
		c := &calls[p.idx]
		keyLeft, fbLeft := "", ""
		if p.keyRef != "" {
			if cv, ok := lookup(scopes, p.keyRef); ok && cv.typ == TypeString {
				var s string
				_ = json.Unmarshal(cv.json, &s)
				c.Key = &s
			} else if ok && cv.props != nil {
				// A definition object passed as the key: take its key (and fallback) members.
				resolveDefinitionObject(c, cv)
			} else {
				keyLeft = p.keyRef
			}
		}
		if p.fallbackRef != "" {
			if cv, ok := lookup(scopes, p.fallbackRef); ok && cv.json != nil {
				c.Fallback = cv.json
				c.Dynamic = false
				c.FallbackSpan = cv.span
				if cv.file != rel {
					c.FallbackFile = cv.file
				}
				if c.Type == TypeUnknown && cv.typ != "" {
					c.Type = cv.typ
				}
			} else {
				fbLeft = p.fallbackRef
			}
		}
		if keyLeft != "" || fbLeft != "" {
			left = append(left, pending{idx: p.idx, keyRef: keyLeft, fallbackRef: fbLeft})
		}
	}
	return left
}

// definitionProps are the member names taken as key and fallback of a
// definition object passed where a key is expected.
var keyProps = []string{"key", "flag", "flagKey", "name"}
var defaultProps = []string{"defaultValue", "default", "fallback", "fallbackValue"}

func resolveDefinitionObject(c *Call, cv constVal) {
	for _, k := range keyProps {
		if p, ok := cv.props[k]; ok && p.typ == TypeString {
			var s string
			_ = json.Unmarshal(p.json, &s)
			c.Key = &s
			break
		}
	}
	if c.Key == nil || c.Fallback != nil || c.Dynamic {
		return
	}
	for _, k := range defaultProps {
		if p, ok := cv.props[k]; ok && p.json != nil {
			c.Fallback, c.FallbackSpan, c.FallbackText = p.json, p.span, ""
			if p.file != c.File {
				c.FallbackFile = p.file
			}
			c.FromConfig = false
			if c.Type == TypeUnknown {
				c.Type = p.typ
			}
			return
		}
	}
}

// ignored reports whether an ldfallback:ignore comment is on line or the line above.
func ignored(src []byte, comments []string, line int) (bool, string) {
	for _, l := range []int{line, line - 1} {
		text := lineText(src, l)
		i := bytes.Index(text, []byte("ldfallback:ignore"))
		if i < 0 {
			continue
		}
		before := string(text[:i])
		isComment := false
		for _, c := range comments {
			if strings.Contains(before, c) {
				isComment = true
			}
		}
		if !isComment {
			continue
		}
		reason := string(text[i+len("ldfallback:ignore"):])
		for _, closer := range []string{"*/", "-->", "#}", "--]]"} {
			reason = strings.TrimSuffix(strings.TrimSpace(reason), closer)
		}
		return true, strings.TrimSpace(reason)
	}
	return false, ""
}

func lineText(src []byte, line int) []byte {
	if line < 1 {
		return nil
	}
	start := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[start:], '\n')
		if i < 0 {
			return nil
		}
		start += i + 1
	}
	end := bytes.IndexByte(src[start:], '\n')
	if end < 0 {
		return src[start:]
	}
	return src[start : start+end]
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
