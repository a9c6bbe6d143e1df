package scanner

import (
	"bytes"
	"encoding/json"
	"path"
	"slices"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/ldfallback/ldfallback/languages"
)

// Wrapper inference, the export half: when extraction meets an evaluation
// call (an SDK row, a config wrapper, or an inferred wrapper in a later
// round) whose key is a parameter of the declaration around it, that
// declaration is a wrapper. The fact it exports says which parameter reaches
// the key and which reaches the fallback (or what the wrapper fixes
// inside), the way a go/analysis pass exports a fact about a function for
// the passes over the files that call it (wrappers.go imports them). What a
// declaration looks like comes from the language data (languages.Functions);
// nothing here knows a language.

// Wrapper is an inferred wrapper: function Name (a method of Class, when set)
// declared in File at Line forwards its parameter KeyParam to the key of an
// evaluation call (or fixes the key inside: Key), and its parameter
// FallbackParam to the fallback (or fixes it inside: Fallback, Implicit,
// FromConfig).
type Wrapper struct {
	Name     string `json:"name"`
	Class    string `json:"class,omitempty"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Language string `json:"language"`
	// Calls is the method the wrapper's body calls: an SDK method or another wrapper.
	Calls         string          `json:"calls"`
	KeyParam      *Param          `json:"keyParam,omitempty"`
	Key           *string         `json:"key,omitempty"`
	FallbackParam *Param          `json:"fallbackParam,omitempty"`
	Fallback      json.RawMessage `json:"fallback,omitempty"`
	FallbackText  string          `json:"fallbackText,omitempty"`
	Implicit      bool            `json:"implicit,omitempty"`
	FromConfig    bool            `json:"fromConfig,omitempty"`
	// KeyLookup is set when the key is the caller's value looked up in
	// node-config files (`config.toggles[name]`): see nodeconfig.go.
	KeyLookup *ConfigLookup `json:"keyLookup,omitempty"`
	Type      Type          `json:"type"`
	// Positional is how many parameters a call may pass by position;
	// Required how many of them have no default.
	Positional int `json:"-"`
	Required   int `json:"-"`
	// Constructs: Name is a class, and a construction of it (`new C(k)`,
	// an attribute `[C(k)]`, `C(k)`) is the wrapper's call; its constructor
	// stores KeyParam in Field, which a method of the class (at Line) passes
	// to the evaluation. Alias is the name a construction may also use (C#
	// `RequireFeature` for RequireFeatureAttribute).
	Constructs bool   `json:"constructs,omitempty"`
	Field      string `json:"field,omitempty"`
	Alias      string `json:"alias,omitempty"`
	// bases are the types Class extends or implements (languages.Class.Bases).
	bases []string
	// module is the table the function is declared on (languages.FuncDecl.Module).
	module string
	// decl is the declaration's start byte: with File, its identity.
	decl uint32
	fam  string
}

// Param is a wrapper parameter: its position among those a call passes
// positionally (-1: by name only), its name and its declared default.
type Param struct {
	Index int    `json:"index"`
	Name  string `json:"name"`
	// Label is the label a call passes the argument by, when it is not Name
	// (Swift `forKey key: String`).
	Label string `json:"label,omitempty"`
	// Member is the accessor the wrapper reads the key through (`getKey`,
	// `key`): the caller passes a flag enum constant or definition object.
	Member string `json:"member,omitempty"`
	// Prop is the property of an object of parameters that carries the key
	// (`opts.name`, `({ name }) =>`): the caller passes an object literal
	// and the key is the value it gives that property.
	Prop string `json:"prop,omitempty"`
	// Default is the declared default as JSON when it is a literal;
	// DefaultText its source text (set whenever there is a default).
	Default     json.RawMessage `json:"default,omitempty"`
	DefaultText string          `json:"defaultText,omitempty"`
}

func (p *Param) ref() languages.ArgRef {
	if p.Label != "" {
		return languages.Named(p.Label, p.Index)
	}
	return languages.Named(p.Name, p.Index)
}

// Via names the wrapper a call was found through (scan JSON `via`).
type Via struct {
	Name string `json:"name"`
	File string `json:"file"`
	Line int    `json:"line"`
}

// maxDeclDepth bounds the walk from a call up to its declaration.
const maxDeclDepth = 64

// declParam is a parameter of a declaration being read.
type declParam struct {
	Param
	keyword bool
	// props are the names a destructuring parameter binds (`{ name: n }`):
	// local name → property.
	props map[string]string
	// node is the parameter's node (its modifiers make it a field: a parameter property).
	node *sitter.Node
}

// decl is a declaration enclosing a call.
type decl struct {
	node   *sitter.Node
	name   string
	class  string
	module string
	bases  []string
	params []declParam
}

func (d *decl) param(name string) *declParam {
	for i := range d.params {
		if d.params[i].Name == name {
			return &d.params[i]
		}
	}
	for i := range d.params {
		if prop, ok := d.params[i].props[name]; ok {
			p := d.params[i]
			p.Prop, p.props = prop, nil
			return &p
		}
	}
	return nil
}

// inferFact returns the fact a call exports about its enclosing
// declaration, or nil: keyN and fbN are the call's key and fallback argument
// nodes, c the call as extracted (its literal key, fallback, type), sdk the
// SDK of the built-in row it matched ("" for a wrapper call).
func inferFact(m *matcher, rel string, src []byte, callN, keyN, fbN *sitter.Node, c *Call, sdk string) *Wrapper {
	fns := &m.lang.Functions
	if len(fns.Decls) == 0 || callN == nil {
		return nil
	}
	if w := paramFact(m, rel, src, callN, keyN, fbN, c, sdk); w != nil {
		return w
	}
	if c.keyTail != "" {
		return nil // a config-file lookup's computed part: a parameter's or nothing
	}
	// Not a parameter's: perhaps a field a constructor stored it in.
	return fieldFact(m, rel, src, callN, keyN, fbN, c)
}

// paramFact is inferFact for a key (or fallback) that is a parameter of an
// enclosing declaration.
func paramFact(m *matcher, rel string, src []byte, callN, keyN, fbN *sitter.Node, c *Call, sdk string) *Wrapper {
	fns := &m.lang.Functions
	keyName, member, prop := keyParamName(keyN, src)
	if c.keyTail != "" {
		// The key is a config-file lookup whose last part is computed:
		// that part is what the wrapper's caller must give.
		keyName, prop, _ = strings.Cut(c.keyTail, ".")
		member = ""
	}
	fbName := identName(fbN, src)
	if keyName == "" && (c.Key == nil || fbName == "") {
		return nil
	}
	// The innermost declaration with the key's (or, for a fixed key, the
	// fallback's) parameter; closures in between are passed through.
	want := keyName
	if want == "" {
		want = fbName
	}
	for n, depth := callN.Parent(), 0; n != nil && depth < maxDeclDepth; n, depth = n.Parent(), depth+1 {
		row := declRow(fns, n, src)
		if row == nil {
			continue
		}
		d := readDecl(m, row, n, src)
		p := d.resolveParam(fns, want, src)
		if p == nil {
			continue
		}
		if d.name == "" || d.name == c.Method || sdk != "" && m.sdkMethod(sdk, d.name) {
			// Anonymous, or the SDK's own implementation of its API: a
			// method of the same SDK calling another (OpenFeature's
			// getBooleanValue calling getBooleanDetails).
			return nil
		}
		w := &Wrapper{Name: d.name, Class: d.class, File: rel, Line: int(n.StartPoint().Row) + 1,
			Language: m.lang.Name, Calls: c.Method, Type: c.Type, decl: n.StartByte(), fam: family(m.lang), bases: d.bases, module: d.module}
		for _, q := range d.params {
			if !q.keyword {
				w.Positional++
				if q.DefaultText == "" {
					w.Required++
				}
			}
		}
		if keyName != "" {
			kp := p.Param
			kp.Member = member
			if kp.Prop != "" && (prop != "" || member != "") {
				return nil // a property of a destructured property: not followed
			}
			if prop != "" {
				kp.Prop = prop
			}
			w.KeyParam = &kp
			w.KeyLookup = c.keyLookup
		} else {
			w.Key = c.Key
		}
		switch fp := d.resolveParam(fns, fbName, src); {
		case fbName != "" && fp != nil:
			w.FallbackParam = &fp.Param
		case keyName == "":
			return nil
		case c.Fallback != nil && !c.Dynamic:
			w.Fallback, w.FallbackText, w.Implicit = c.Fallback, c.FallbackText, c.Implicit
		case c.FromConfig:
			w.FromConfig = true
		case c.Dynamic && m.fallbackConfig != "" && containsWord([]byte(c.FallbackText), keyName) &&
			bytes.Contains(src, []byte(m.fallbackConfig)):
			// The guide's variationWithFallback: the fallback is looked up by
			// the key in fallback-config.json, which the file reads.
			w.FromConfig = true
		default:
			w.FallbackText = c.FallbackText
		}
		return w
	}
	return nil
}

// keyAccessors are the members through which a wrapper may read the key of
// a flag object or enum it is passed (`flag.key`, `feature.getKey()`): the
// caller's argument then resolves to the object's key member, or to the
// enum constant's one string argument. Others (`name()`, `toString()`) are
// not the key: such a wrapper is not inferred.
var keyAccessors = map[string]bool{"key": true, "getKey": true, "flagKey": true, "getFlagKey": true, "value": true, "getValue": true}

// keyParamName is the parameter a key argument names: a bare identifier,
// one read through a key accessor (member is then the accessor), or one
// whose other property is read (prop: an object of parameters, `opts.name`).
func keyParamName(n *sitter.Node, src []byte) (name, member, prop string) {
	if name = identName(n, src); name != "" || n == nil {
		return name, "", ""
	}
	s := strings.Join(strings.Fields(n.Content(src)), "")
	call := strings.HasSuffix(s, "()")
	s = strings.TrimSuffix(s, "()")
	if i := strings.IndexByte(s, '['); i > 0 && strings.HasSuffix(s, "]") {
		// params['key'], a dictionary of parameters (Python, JS).
		q, ok := quoted(s[i+1 : len(s)-1])
		if !ok || !isIdent(s[:i]) || !isIdent(q) {
			return "", "", ""
		}
		return s[:i], "", q
	}
	base, acc, ok := strings.Cut(s, ".")
	switch {
	case !ok || !isIdent(base):
		return "", "", ""
	case keyAccessors[acc]:
		return base, acc, ""
	case !call && isIdent(acc):
		return base, "", acc
	}
	return "", "", ""
}

// identName is the name an argument node stands for when it is a bare
// identifier (Ruby's `default:` shorthand stands for `default`), else "".
func identName(n *sitter.Node, src []byte) string {
	if n == nil {
		return ""
	}
	s := strings.TrimSuffix(strings.TrimSpace(n.Content(src)), ":")
	s = strings.TrimPrefix(s, ":")
	if !isIdent(s) {
		return ""
	}
	return s
}

// keywordIs reports whether the text at path kw of n is one of words (no
// path: always).
func keywordIs(n *sitter.Node, kw string, words []string, src []byte) bool {
	if kw == "" {
		return true
	}
	k := child(n, kw)
	return k != nil && slices.Contains(words, k.Content(src))
}

func declRow(fns *languages.Functions, n *sitter.Node, src []byte) *languages.FuncDecl {
	t := n.Type()
	for i := range fns.Decls {
		r := &fns.Decls[i]
		if r.Node == t && child(n, r.Params) != nil && keywordIs(n, r.Keyword, r.Keywords, src) {
			return r
		}
	}
	return nil
}

// readDecl reads a declaration's name, class and parameters.
func readDecl(m *matcher, row *languages.FuncDecl, n *sitter.Node, src []byte) *decl {
	fns := &m.lang.Functions
	d := &decl{node: n}
	switch {
	case row.Name != "":
		if nn := child(n, row.Name); nn != nil {
			d.name = nn.Content(src)
			if mn := child(n, row.Module); mn != nil && mn.StartByte() != nn.StartByte() && isIdent(mn.Content(src)) {
				d.module = mn.Content(src)
			}
		}
	case row.ParentName != "":
		if p := n.Parent(); p != nil {
			if nn := child(p, row.ParentName); nn != nil {
				d.name = nn.Content(src)
			}
		}
	}
	if !isIdent(strings.TrimRight(d.name, "?!")) {
		d.name = ""
	}
	if row.Receiver != "" {
		if rn := child(n, row.Receiver); rn != nil {
			if d.class = typeName(rn, src, 0); d.class == "" && isIdent(rn.Content(src)) {
				d.class = rn.Content(src) // C++ `Flags::IsOn`: the scope is the class
			}
		}
	}
	if d.class == "" {
		d.class, d.bases = classOf(fns, n, src)
	}
	list := child(n, row.Params)
	children := []*sitter.Node{list}
	if paramRow(fns, list) == nil {
		children = children[:0]
		for i := 0; i < int(list.NamedChildCount()); i++ {
			children = append(children, list.NamedChild(i))
		}
	}
	pos := 0
	for _, c := range children {
		pr := paramRow(fns, c)
		if pr == nil {
			continue
		}
		var names []*sitter.Node
		switch {
		case isPath(pr.Name):
			if nn := child(c, pr.Name); nn != nil {
				names = append(names, nn)
			}
		case pr.Name != "":
			for i := 0; i < int(c.ChildCount()); i++ {
				if c.FieldNameForChild(i) == pr.Name {
					names = append(names, c.Child(i))
				}
			}
		case pr.NameNode != "":
			for i := 0; i < int(c.NamedChildCount()); i++ {
				if c.NamedChild(i).Type() == pr.NameNode {
					names = append(names, c.NamedChild(i))
					break
				}
			}
		default:
			names = []*sitter.Node{c}
		}
		var def *sitter.Node
		if pr.Default == "sibling" {
			// Kotlin: the default follows the parameter in the list, after `=`.
			if e := c.NextSibling(); e != nil && e.Type() == "=" {
				def = e.NextNamedSibling()
			}
		} else if pr.Default != "" {
			def = child(c, pr.Default)
		} else {
			def = afterEquals(c)
		}
		if fns.ReceiverModifier != "" && len(d.params) == 0 && pos == 0 && hasChildText(c, fns.ReceiverModifier, src) {
			// An extension method's receiver (C# `this T x`): not passed in
			// the parentheses; the method is reached through a T.
			if tn := child(c, "type"); tn != nil {
				d.bases = typeNames(tn, src, d.bases, 0)
			}
			continue
		}
		for _, nn := range names {
			name := nn.Content(src)
			if has(fns.Self, name) && len(d.params) == 0 && pos == 0 {
				continue // the receiver: not passed in a call
			}
			p := declParam{Param: Param{Index: -1, Name: name}, keyword: pr.Keyword, node: c}
			if !isIdent(name) {
				p.Name = ""
				p.props = destructured(name)
			}
			if pr.Label != "" {
				if ln := child(c, pr.Label); ln != nil {
					// Swift: `_ key` is passed by position, `forKey key` by its label.
					if l := ln.Content(src); l == "_" {
						p.keyword = false
					} else if isIdent(l) {
						p.Label, p.keyword = l, true
					}
				}
			}
			if !p.keyword {
				p.Index = pos
				pos++
			}
			if def != nil {
				p.DefaultText = def.Content(src)
				if v, _, ok := literal(converted(def, src, &m.lang.Literals), src, &m.lang.Literals); ok {
					p.Default = v
				}
			}
			d.params = append(d.params, p)
		}
	}
	return d
}

// hasChildText reports whether one of n's unnamed-field children reads text
// (a modifier keyword).
func hasChildText(n *sitter.Node, text string, src []byte) bool {
	for i := 0; i < int(n.ChildCount()); i++ {
		if n.FieldNameForChild(i) == "" && n.Child(i).Content(src) == text {
			return true
		}
	}
	return false
}

func paramRow(fns *languages.Functions, n *sitter.Node) *languages.Param {
	if n == nil {
		return nil
	}
	t := n.Type()
	for i := range fns.Params {
		if fns.Params[i].Node == t {
			return &fns.Params[i]
		}
	}
	return nil
}

// child is the node at path spec from n (languages.FuncDecl): steps
// separated by "/", each a field, "type:T" (first named child of type T),
// "last:T" (last named child of type T), "desc:T" (n or its first
// descendant of type T) or "." (n); alternatives separated by "|".
func child(n *sitter.Node, spec string) *sitter.Node {
	if n == nil || spec == "" {
		return nil
	}
	for alt := range strings.SplitSeq(spec, "|") {
		c := n
		for step := range strings.SplitSeq(alt, "/") {
			if c = childStep(c, step); c == nil {
				break
			}
		}
		if c != nil {
			return c
		}
	}
	return nil
}

// isPath reports whether spec is a path rather than a plain field name.
func isPath(spec string) bool { return strings.ContainsAny(spec, ":/|.") }

// maxDescDepth bounds a "desc:T" step: declarators nest a few levels.
const maxDescDepth = 6

func childStep(n *sitter.Node, step string) *sitter.Node {
	switch {
	case step == ".":
		return n
	case strings.HasPrefix(step, "type:"):
		t := step[len("type:"):]
		for i := 0; i < int(n.NamedChildCount()); i++ {
			if c := n.NamedChild(i); c.Type() == t {
				return c
			}
		}
		return nil
	case strings.HasPrefix(step, "last:"):
		t := step[len("last:"):]
		for i := int(n.NamedChildCount()) - 1; i >= 0; i-- {
			if c := n.NamedChild(i); c.Type() == t {
				return c
			}
		}
		return nil
	case strings.HasPrefix(step, "desc:"):
		return descendant(n, step[len("desc:"):], 0)
	}
	return n.ChildByFieldName(step)
}

// descendant is n or its first descendant of type t, depth first.
func descendant(n *sitter.Node, t string, depth int) *sitter.Node {
	if n.Type() == t {
		return n
	}
	if depth >= maxDescDepth {
		return nil
	}
	for i := 0; i < int(n.NamedChildCount()); i++ {
		if c := descendant(n.NamedChild(i), t, depth+1); c != nil {
			return c
		}
	}
	return nil
}

// afterEquals returns the named child that follows an `=` token (a C#
// parameter's default, a C# declarator's value), or nil.
func afterEquals(n *sitter.Node) *sitter.Node {
	for i := 0; i+1 < int(n.ChildCount()); i++ {
		if c := n.Child(i); !c.IsNamed() && c.Type() == "=" {
			for j := i + 1; j < int(n.ChildCount()); j++ {
				if n.Child(j).IsNamed() {
					return n.Child(j)
				}
			}
		}
	}
	return nil
}

// typeName is the first type identifier under n (a Go receiver's type).
func typeName(n *sitter.Node, src []byte, depth int) string {
	if depth > 6 {
		return ""
	}
	if strings.HasSuffix(n.Type(), "type_identifier") {
		return n.Content(src)
	}
	for i := 0; i < int(n.NamedChildCount()); i++ {
		if t := typeName(n.NamedChild(i), src, depth+1); t != "" {
			return t
		}
	}
	return ""
}

// enclosingClass is the name of the class (or module) around n, or "".
func enclosingClass(fns *languages.Functions, n *sitter.Node, src []byte) string {
	name, _ := classOf(fns, n, src)
	return name
}

// classOf is the name of the class (or module) around n and the types it
// extends or implements.
func classOf(fns *languages.Functions, n *sitter.Node, src []byte) (string, []string) {
	if len(fns.Classes) == 0 {
		return "", nil
	}
	for p, depth := n.Parent(), 0; p != nil && depth < maxDeclDepth; p, depth = p.Parent(), depth+1 {
		t := p.Type()
		for _, c := range fns.Classes {
			if c.Node != t || !keywordIs(p, c.Keyword, c.Keywords, src) {
				continue
			}
			var bases []string
			for i := 0; i < int(p.ChildCount()); i++ {
				ch := p.Child(i)
				if has(c.Bases, ch.Type()) || has(c.Bases, p.FieldNameForChild(i)) {
					bases = typeNames(ch, src, bases, 0)
				}
			}
			if nn := child(p, c.Name); nn != nil {
				return nn.Content(src), bases
			}
			return "", nil
		}
	}
	return "", nil
}

// typeNames appends the last part of every identifier under n that names a
// type (`Bit.Core.IFeatureService` gives IFeatureService); type arguments
// are not base types and are skipped.
func typeNames(n *sitter.Node, src []byte, out []string, depth int) []string {
	if depth > 8 || strings.Contains(n.Type(), "type_argument") {
		return out
	}
	if strings.HasSuffix(n.Type(), "identifier") || n.Type() == "constant" {
		s := n.Content(src)
		if i := strings.LastIndexAny(s, ".:\\"); i >= 0 {
			s = s[i+1:]
		}
		if isIdent(s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
		return out
	}
	if strings.HasSuffix(n.Type(), "qualified_name") || strings.HasSuffix(n.Type(), "scoped_type_identifier") || strings.HasSuffix(n.Type(), "attribute") {
		// A qualified name: only its last identifier is the type.
		if c := n.NamedChild(int(n.NamedChildCount()) - 1); c != nil {
			return typeNames(c, src, out, depth+1)
		}
	}
	for i := 0; i < int(n.NamedChildCount()); i++ {
		out = typeNames(n.NamedChild(i), src, out, depth+1)
	}
	return out
}

// resolveParam returns the parameter name stands for in d: the parameter
// itself, or one a local declaration of d's body copies into it (`k = key`).
func (d *decl) resolveParam(fns *languages.Functions, name string, src []byte) *declParam {
	if name == "" {
		return nil
	}
	if p := d.param(name); p != nil {
		return p
	}
	if len(fns.Locals) == 0 {
		return nil
	}
	var found *declParam
	budget := 4000 // nodes: a wrapper's body is small; a huge one is not read whole
	var walk func(n *sitter.Node, depth int)
	walk = func(n *sitter.Node, depth int) {
		if found != nil || budget <= 0 || depth > 24 {
			return
		}
		budget--
		for _, l := range fns.Locals {
			if n.Type() != l.Node {
				continue
			}
			nn := child(n, l.Name)
			var vn *sitter.Node
			if l.Value != "" {
				vn = child(n, l.Value)
			} else {
				vn = afterEquals(n)
			}
			if nn != nil && vn != nil && strings.TrimSpace(nn.Content(src)) == name {
				if p := d.param(strings.TrimSpace(vn.Content(src))); p != nil {
					found = p
					return
				}
			}
		}
		for i := 0; i < int(n.NamedChildCount()); i++ {
			walk(n.NamedChild(i), depth+1)
		}
	}
	walk(d.node, 0)
	return found
}

// receiverText is what precedes a call's method name, without the access
// operator: `this.flags` for `this.flags.isOn(…)`, "" for a bare call.
func receiverText(src []byte, callN, methodN *sitter.Node) string {
	if callN == nil || methodN == nil || methodN.StartByte() <= callN.StartByte() {
		return ""
	}
	s := strings.TrimSpace(string(src[callN.StartByte():methodN.StartByte()]))
	for _, op := range []string{"?.", "&.", "->", "::", ".", "!", ":"} { // ":": Lua `flags:is_on(…)`
		s = strings.TrimSuffix(s, op)
	}
	return strings.Join(strings.Fields(s), "")
}

// receiverFits decides whether a call through receiver recv, made in a
// class named callerClass in a file with source src, can reach wrapper w.
// A method is reached through its own class (this/self, or no receiver where
// the language allows it) or through a receiver whose type the calling file
// names: the class itself, its I-interface, or without an Impl suffix
// (a field or parameter type, an import, a DI-injected type, `new C`). So an
// unrelated method with the same name, on an object of a type the file never
// names, is not taken for the wrapper.
func receiverFits(fns *languages.Functions, w *Wrapper, recv, callerClass, rel string, src []byte) bool {
	if recv == "" {
		if w.Class == "" {
			return true
		}
		// Its own class, or one that names it (a mixin, a base class).
		return fns.ImplicitThis && (callerClass == w.Class || callerClass != "" && containsWord(src, w.Class))
	}
	if has(fns.Receivers, recv) || strings.HasPrefix(recv, "@") && !strings.Contains(recv, ".") {
		return w.Class != "" && callerClass == w.Class || w.Class == "" && rel == w.File
	}
	if w.Class == "" {
		// A module or package function, reached through its namespace: the
		// module's (or its directory's) name, or an alias the file binds.
		if !isIdent(recv) {
			return false
		}
		stem := strings.TrimSuffix(path.Base(w.File), path.Ext(w.File))
		dir := path.Base(path.Dir(w.File))
		return recv == stem || recv == dir || importsAs(src, stem, recv) || importsAs(src, dir, recv) ||
			w.module != "" && recv == w.module && rel == w.File
	}
	last := recv
	if i := strings.LastIndexAny(last, ".>:"); i >= 0 {
		last = last[i+1:]
	}
	names := append([]string{w.Class, "I" + w.Class, strings.TrimSuffix(w.Class, "Impl")}, w.bases...)
	if t := declaredType(src, last); t != "" {
		// The file says what the receiver is: it must be the wrapper's class.
		return slices.Contains(names, t)
	}
	if norm(last) == norm(w.Class) || recv == w.Class {
		return true
	}
	// The file does not say what the receiver is (a DI container's
	// `inject(C)`, a factory's result): it must name the class and the
	// receiver's name must be the class's (`featureService` for
	// LaunchDarklyFeatureService, `flags` for FeatureFlags), so a
	// dictionary's or a request's `get` is not taken for FeatureFlags.get.
	if !relatedName(last, names) {
		return false
	}
	for _, t := range names {
		if t != "" && containsWord(src, t) {
			return true
		}
	}
	return false
}

// relatedName reports whether a receiver's name is one of the type names,
// or a part of one at least 4 letters long, or contains one (case, `_`
// and `Impl` aside).
func relatedName(recv string, types []string) bool {
	r := norm(recv)
	if len(r) < 4 {
		return false
	}
	for _, t := range types {
		n := strings.TrimSuffix(norm(t), "impl")
		if n == "" {
			continue
		}
		if strings.Contains(n, r) || strings.Contains(r, n) {
			return true
		}
	}
	return false
}

// importsAs reports whether a line of src that names module binds it to
// alias (`import app.flags as f`, `import * as f from './flags'`,
// `const f = require('./flags')`).
func importsAs(src []byte, module, alias string) bool {
	for _, line := range bytes.Split(src, []byte("\n")) {
		if !endsPath(line, module) {
			continue
		}
		if bytes.Contains(line, []byte("import")) && bytes.Contains(line, []byte(" as "+alias)) ||
			bytes.Contains(line, []byte("require")) && containsWord(line, alias) && bytes.Contains(line, []byte(alias+" =")) {
			return true
		}
	}
	return false
}

// endsPath reports whether line names module as the last part of a module
// path (`app.flags`, `./flags`, `flags`), not as a directory on the way to
// another module (`require("app.prefs")` does not bind the module app).
func endsPath(line []byte, module string) bool {
	w := []byte(module)
	for off := 0; off < len(line); {
		i := bytes.Index(line[off:], w)
		if i < 0 {
			return false
		}
		i += off
		off = i + 1
		end := i + len(w)
		if i > 0 && isIdentByte(line[i-1]) || end < len(line) && (isIdentByte(line[end]) || line[end] == '/' || line[end] == '.' && !fileExt(line[end:])) {
			continue
		}
		return true
	}
	return false
}

// fileExt reports whether s starts with a source file extension and its end
// (`.js'`, `.ts"`): the module's file, not a module inside a package.
func fileExt(s []byte) bool {
	j := 1
	for j < len(s) && isIdentByte(s[j]) {
		j++
	}
	if j < len(s) && s[j] != '\'' && s[j] != '"' && s[j] != '`' {
		return false
	}
	switch string(s[1:j]) {
	case "js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx", "py", "rb", "php", "lua", "ex", "exs":
		return true
	}
	return false
}

// declaredType finds the type a file gives the name r, from the spellings
// declarations share across the languages: `r: T` (TypeScript, Kotlin,
// Python annotations), `T r` (Java, C# fields and parameters), `r *T` / `r T`
// (Go), `r = new T(` / `r = T(` (construction). "" when none is found.
func declaredType(src []byte, r string) string {
	if r == "" || !isIdent(r) {
		return ""
	}
	for off := 0; off < len(src); {
		i := bytes.Index(src[off:], []byte(r))
		if i < 0 {
			return ""
		}
		i += off
		off = i + len(r)
		end := i + len(r)
		if i > 0 && isIdentByte(src[i-1]) || end < len(src) && isIdentByte(src[end]) {
			continue
		}
		// After: `: T`, ` *T`, ` T`, ` = new T(`, ` = T(`.
		j := skipSpace(src, end)
		switch {
		case j < len(src) && src[j] == ':' && (j+1 >= len(src) || src[j+1] != ':'):
			if t := typeWord(src, skipRef(src, skipSpace(src, j+1))); t != "" {
				return t
			}
		case j < len(src) && src[j] == '=' && (j+1 >= len(src) || src[j+1] != '='):
			k := skipSpace(src, j+1)
			if bytes.HasPrefix(src[k:], []byte("new ")) {
				k = skipSpace(src, k+4)
			}
			if t := typeWord(src, k); t != "" {
				if e := k + len(t); e < len(src) && (src[e] == '(' || src[e] == '<') {
					return t
				}
			}
		case j > end && j < len(src) && src[j] == '*':
			if t := typeWord(src, j+1); t != "" {
				return t
			}
		}
		// Before: `T r` where T is a capitalised word (not a keyword).
		k := i - 1
		for k >= 0 && (src[k] == ' ' || src[k] == '\t') {
			k--
		}
		if k < i-1 && k >= 0 {
			e := k + 1
			for k >= 0 && isIdentByte(src[k]) {
				k--
			}
			if t := string(src[k+1 : e]); t != "" && t[0] >= 'A' && t[0] <= 'Z' {
				return t
			}
		}
	}
	return ""
}

// skipRef skips a reference or pointer before a type (Rust `&T`, `&mut T`,
// `&dyn T`).
func skipRef(src []byte, i int) int {
	for i < len(src) && (src[i] == '&' || src[i] == '*') {
		i = skipSpace(src, i+1)
		for _, w := range []string{"mut ", "dyn ", "const "} {
			if bytes.HasPrefix(src[i:], []byte(w)) {
				i = skipSpace(src, i+len(w))
			}
		}
	}
	return i
}

func skipSpace(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

// typeWord reads a capitalised, possibly qualified type name at i and returns its last part.
func typeWord(src []byte, i int) string {
	j := i
	for j < len(src) && (isIdentByte(src[j]) || src[j] == '.') {
		j++
	}
	t := string(src[i:j])
	if k := strings.LastIndexByte(t, '.'); k >= 0 {
		t = t[k+1:]
	}
	if t == "" || t[0] < 'A' || t[0] > 'Z' {
		return ""
	}
	return t
}

func norm(s string) string {
	return strings.ToLower(strings.Trim(strings.ReplaceAll(s, "_", ""), "@$"))
}

// sdkMethod reports whether name is a method of one of sdk's built-in rows.
func (m *matcher) sdkMethod(sdk, name string) bool {
	for _, r := range m.byMethod[name] {
		if r.shape != nil && !r.wrapper && r.shape.SDK == sdk {
			return true
		}
	}
	return false
}

// destructured reads the names an object destructuring pattern binds,
// `{ a, b: c, d = 1, e: f = 2, ...rest }`: local name → property. Nested
// patterns and computed properties are left out.
func destructured(pat string) map[string]string {
	s := strings.TrimSpace(pat)
	if !strings.HasPrefix(s, "{") || !strings.HasSuffix(s, "}") {
		return nil
	}
	s = s[1 : len(s)-1]
	if strings.ContainsAny(s, "{}[]()") {
		return nil // nested patterns or defaults that are calls: not read
	}
	out := map[string]string{}
	for _, e := range strings.Split(s, ",") {
		e, _, _ = strings.Cut(e, "=")
		prop, local, renamed := strings.Cut(e, ":")
		prop, local = strings.TrimSpace(prop), strings.TrimSpace(local)
		if !renamed {
			local = prop
		}
		if isIdent(prop) && isIdent(local) {
			out[local] = prop
		}
	}
	return out
}
