package scanner

// react.go: flag reads on the React SDKs' flags object (languages.FlagObject).
//
// launchdarkly-react-client-sdk and the deprecated useFlags() of
// @launchdarkly/react-sdk hand components every flag at once, as one object
// whose property names are the flag keys camel-cased. Each property read
// (`flags.myFlag`, `flags?.['my-flag']`, `const { myFlag = false } = useFlags()`)
// is an evaluation. Extraction (extractFlagObjects, per file) records the reads
// of objects that come from the SDK — a hook's result, the `flags` prop of a
// withLDConsumer component, a parameter typed LDFlagSet or LDProps — and the
// providers' configuration (`flags` default map, `bootstrap`, the camel-case
// option). After the walk, resolveFlagObjects turns each read into a Call:
// the key is the one key of the provider's map or bootstrap whose name is the
// property read (the SDK's own rule, internal/flagname), else null with the
// name and the rule, so that check maps it with the environment's keys; the
// fallback is the read's own default (`= false`, `?? false`), else the
// provider's bootstrap or map value for that key, else the SDK's implicit
// undefined (reported as null).

import (
	"context"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/ldfallback/ldfallback/internal/flagname"
	"github.com/ldfallback/ldfallback/languages"
)

// flagObjectOut is what one file holds for resolveFlagObjects.
type flagObjectOut struct {
	fo        *languages.FlagObject
	reads     []flagRead
	providers []flagProvider
	// hooks are the file's own functions that return the flags object
	// (`export const useFlags = () => ({ ...ldUseFlags(), ...mocks })`):
	// other files that import them read flags through them.
	hooks []string
	// learned is what the walk teaches the root's other files (reactflow.go).
	learned foLearned
}

// inferredHook is a function of one file that returns the flags object.
type inferredHook struct {
	file string // root-relative path of the declaring file
	name string
	fo   *languages.FlagObject
}

// flagRead is one property read of a flags object, a Call still without key and fallback.
type flagRead struct {
	call Call
	// hasDefault: the read carries its own default (`{ a = false }`, `flags.a ?? false`),
	// already in call's fallback fields.
	hasDefault bool
	// nameRef names the constant holding the property of a computed read (`flags[FLAG_KEY]`).
	nameRef string
	// exactKey: the name is the flag key itself, not a property name
	// (a key hook's `useFlags()[camelCase(key)]`).
	exactKey bool
}

// provEntry is one member of a provider's default map or bootstrap object.
type provEntry struct {
	json json.RawMessage // nil: not a literal
	text string
	file string
	span Span
	line int
	col  int
}

// provValues is a provider's default map or bootstrap: literal entries, a
// reference to resolve across files, or something that cannot be read here.
type provValues struct {
	set     bool
	entries map[string]provEntry
	ref     string
	dynamic string // source text when neither an object literal nor a reference ('localStorage', a call)
}

type flagProvider struct {
	file      string
	line, col int
	method    string
	defaults  provValues
	bootstrap provValues
	names     *bool // the namesOption literal, nil when not given
	// configRef names the configuration object when it is not written inline
	// (`withLDProvider(ldConfig)`); opaque is set when it cannot be read at all.
	configRef string
	opaque    string
}

// flagRole is what a local name holds.
type flagRole int

const (
	roleNone  flagRole = iota
	roleFlags          // the flags object
	roleProps          // props whose `flags` member is the flags object
)

// foBinding is a local name's role and where its flags object comes from.
type foBinding struct {
	role   flagRole
	origin string
}

// foWalker holds one file's walk.
type foWalker struct {
	m    *matcher
	fo   *languages.FlagObject
	src  []byte
	rel  string
	out  *flagObjectOut
	lit  *languages.Literals
	role map[string]string // local name -> "hook", "consumer", "type", "props", "provider"
	ns   map[string]bool   // namespace imports of the SDK
	// consumerNames are components passed to a consumer factory; consumerNodes the inline ones.
	consumerNames map[string]bool
	consumerNodes map[uint32]bool
	// declared holds every name each scope declares; bindings those that hold flags.
	declared map[uint32]map[string]bool
	bindings map[uint32]map[string]foBinding
	// consumerClasses are the class bodies of consumer components (`this.props.flags`).
	consumerClasses map[uint32]string
	seen            map[uint32]bool // read nodes already recorded
	// facts are what the root's other files taught (nil on the first walk).
	facts *foFacts
	// imported holds the file's other imports by local name.
	imported map[string]importRef
	// router: the file imports the router whose route options get the
	// context, and that context's `flags` member is the flags object.
	router bool
	// keyHooks are the local names of key hooks (`useFeatureFlag('x')`).
	keyHooks map[string]keyHook
	rootNode *sitter.Node
}

func isFuncNode(t string) bool {
	switch t {
	case "function_declaration", "function_expression", "function", "arrow_function", "method_definition",
		"generator_function_declaration", "generator_function":
		return true
	}
	return false
}

// extractFlagObjects returns the file's flags-object reads and providers, or
// nil when the file imports no flags-object SDK.
func extractFlagObjects(m *matcher, root *sitter.Node, src []byte, rel string) *flagObjectOut {
	return extractFlagObjectsWith(m, root, src, rel, nil)
}

// extractFlagObjectsWith also takes what the root's other files taught
// (facts: their hooks, types, helpers, key hooks), for the names this file
// imports from them or declares.
func extractFlagObjectsWith(m *matcher, root *sitter.Node, src []byte, rel string, facts *foFacts) *flagObjectOut {
	if len(m.lang.FlagObjects) == 0 || root == nil {
		return nil
	}
	w := &foWalker{m: m, src: src, rel: rel, lit: &m.lang.Literals, role: map[string]string{}, ns: map[string]bool{},
		consumerNames: map[string]bool{}, consumerNodes: map[uint32]bool{}, declared: map[uint32]map[string]bool{},
		bindings: map[uint32]map[string]foBinding{}, consumerClasses: map[uint32]string{}, seen: map[uint32]bool{},
		facts: facts, imported: map[string]importRef{}, keyHooks: map[string]keyHook{}, rootNode: root}
	sdk := w.imports(root)
	if bound := w.applyFacts(); !sdk && !bound {
		return nil
	}
	w.out = &flagObjectOut{fo: w.fo}
	w.localTypes(root)
	w.collect(root)
	w.reads(root)
	w.out.hooks = w.ownHooks(root)
	w.learnDecls(root)
	l := &w.out.learned
	if len(w.out.reads) == 0 && len(w.out.providers) == 0 && len(w.out.hooks) == 0 && len(l.types) == 0 &&
		!l.routerCtx && len(l.flows) == 0 && len(l.keyHooks) == 0 && len(l.consumers) == 0 && l.defaultName == "" {
		return nil
	}
	return w.out
}

// ownHooks are the names of the file's functions that return the flags
// object itself or an object spreading it.
func (w *foWalker) ownHooks(root *sitter.Node) []string {
	var out []string
	returnsFlags := func(e *sitter.Node) bool {
		e = w.unwrap(e)
		if e == nil {
			return false
		}
		if _, ok := w.flagsExpr(e); ok {
			return true
		}
		if e.Type() == "object" {
			for i := 0; i < int(e.NamedChildCount()); i++ {
				if c := e.NamedChild(i); c.Type() == "spread_element" && c.NamedChildCount() > 0 {
					if _, ok := w.flagsExpr(c.NamedChild(0)); ok {
						return true
					}
				}
			}
		}
		return false
	}
	walkNodes(root, func(n *sitter.Node) bool {
		if !isFuncNode(n.Type()) || n.Type() == "method_definition" {
			return true
		}
		name := ""
		if nn := n.ChildByFieldName("name"); nn != nil {
			name = nn.Content(w.src)
		} else if p := n.Parent(); p != nil && p.Type() == "variable_declarator" {
			if nn := p.ChildByFieldName("name"); nn != nil && nn.Type() == "identifier" {
				name = nn.Content(w.src)
			}
		}
		if name == "" || w.role[name] == "hook" {
			return true
		}
		found := false
		if body := n.ChildByFieldName("body"); body != nil && body.Type() != "statement_block" {
			found = returnsFlags(body) // arrow function with an expression body
		} else if body != nil {
			walkNodes(body, func(c *sitter.Node) bool {
				if found || isFuncNode(c.Type()) {
					return false
				}
				if c.Type() == "return_statement" && c.NamedChildCount() > 0 && returnsFlags(c.NamedChild(0)) {
					found = true
				}
				return true
			})
		}
		if found {
			out = append(out, name)
			w.learnType(n.ChildByFieldName("return_type"))
		}
		return true
	})
	return out
}

// stringContent is a string literal's text without quotes ("" when not a plain string).
func (w *foWalker) stringContent(n *sitter.Node) (string, bool) {
	if n == nil {
		return "", false
	}
	v, t, ok := literal(n, w.src, w.lit)
	if !ok || t != TypeString {
		return "", false
	}
	var s string
	_ = json.Unmarshal(v, &s)
	return s, true
}

// imports finds the flags-object SDK the file imports and the local names of its exports.
func (w *foWalker) imports(root *sitter.Node) bool {
	sdkOf := func(source string) *languages.FlagObject {
		for i := range w.m.lang.FlagObjects {
			fo := &w.m.lang.FlagObjects[i]
			for _, imp := range fo.Imports {
				if source == imp || strings.HasPrefix(source, imp+"/") {
					return fo
				}
			}
		}
		return nil
	}
	bind := func(fo *languages.FlagObject, exported, local string) {
		for _, r := range []struct {
			names []string
			role  string
		}{{fo.Hooks, "hook"}, {fo.Consumers, "consumer"}, {fo.Types, "type"}, {fo.PropsTypes, "props"}, {fo.Providers, "provider"}} {
			for _, n := range r.names {
				if n == exported {
					w.role[local] = r.role
				}
			}
		}
	}
	for i := 0; i < int(root.NamedChildCount()); i++ {
		st := root.NamedChild(i)
		switch st.Type() {
		case "import_statement":
			source, _ := w.stringContent(st.ChildByFieldName("source"))
			fo := sdkOf(source)
			if fo == nil {
				w.importRefs(st, source)
				continue
			}
			w.fo = fo
			walkNodes(st, func(n *sitter.Node) bool {
				switch n.Type() {
				case "import_specifier":
					if name, local, ok := importSpecifier(n, w.src); ok {
						bind(fo, name, local)
					}
				case "namespace_import":
					for j := 0; j < int(n.NamedChildCount()); j++ {
						if c := n.NamedChild(j); c.Type() == "identifier" {
							w.ns[c.Content(w.src)] = true
						}
					}
				}
				return true
			})
		case "lexical_declaration", "variable_declaration":
			// const { useFlags } = require('launchdarkly-react-client-sdk')
			for j := 0; j < int(st.NamedChildCount()); j++ {
				d := st.NamedChild(j)
				if d.Type() != "variable_declarator" {
					continue
				}
				v, pat := d.ChildByFieldName("value"), d.ChildByFieldName("name")
				if v == nil || pat == nil || v.Type() != "call_expression" {
					continue
				}
				if f := v.ChildByFieldName("function"); f == nil || f.Content(w.src) != "require" {
					continue
				}
				args := v.ChildByFieldName("arguments")
				if args == nil || args.NamedChildCount() == 0 {
					continue
				}
				source, _ := w.stringContent(args.NamedChild(0))
				fo := sdkOf(source)
				if fo == nil {
					continue
				}
				w.fo = fo
				switch pat.Type() {
				case "identifier":
					w.ns[pat.Content(w.src)] = true
				case "object_pattern":
					for k := 0; k < int(pat.NamedChildCount()); k++ {
						p := pat.NamedChild(k)
						switch p.Type() {
						case "shorthand_property_identifier_pattern":
							bind(fo, p.Content(w.src), p.Content(w.src))
						case "pair_pattern":
							if kn, vn := p.ChildByFieldName("key"), p.ChildByFieldName("value"); kn != nil && vn != nil && vn.Type() == "identifier" {
								bind(fo, kn.Content(w.src), vn.Content(w.src))
							}
						}
					}
				}
			}
		}
	}
	return w.fo != nil
}

// walkNodes visits n and its named descendants in order; f returns false to skip a subtree.
func walkNodes(n *sitter.Node, f func(*sitter.Node) bool) {
	var rec func(n *sitter.Node, depth int)
	rec = func(n *sitter.Node, depth int) {
		if depth > 400 || !f(n) {
			return
		}
		for i := 0; i < int(n.NamedChildCount()); i++ {
			rec(n.NamedChild(i), depth+1)
		}
	}
	rec(n, 0)
}

// calleeRole is the SDK role of a callee or JSX element name: `useFlags`, `LD.useFlags`.
func (w *foWalker) calleeRole(n *sitter.Node) (role, name string) {
	if n == nil {
		return "", ""
	}
	switch n.Type() {
	case "identifier", "type_identifier":
		name = n.Content(w.src)
		return w.role[name], name
	case "member_expression", "nested_identifier", "nested_type_identifier":
		if n.NamedChildCount() < 2 {
			return "", ""
		}
		obj := n.NamedChild(0)
		prop := n.NamedChild(int(n.NamedChildCount()) - 1)
		if obj != nil && prop != nil && w.ns[obj.Content(w.src)] {
			name = prop.Content(w.src)
			for _, r := range []struct {
				names []string
				role  string
			}{{w.fo.Hooks, "hook"}, {w.fo.Consumers, "consumer"}, {w.fo.Types, "type"}, {w.fo.PropsTypes, "props"}, {w.fo.Providers, "provider"}} {
				for _, x := range r.names {
					if x == name {
						return r.role, name
					}
				}
			}
		}
	}
	return "", ""
}

// localTypes gives the file's own type names the role of the SDK types they
// are made of: `type Flags = LDFlagSet` is the flags object's type,
// `interface Props extends LDProps` or `{ flags: LDFlagSet }` a props type.
func (w *foWalker) localTypes(root *sitter.Node) {
	for pass := 0; pass < 2; pass++ { // twice: a type may use one declared after it
		walkNodes(root, func(n *sitter.Node) bool {
			switch n.Type() {
			case "type_alias_declaration", "interface_declaration":
				name := n.ChildByFieldName("name")
				if name == nil || w.role[name.Content(w.src)] != "" {
					return false
				}
				if v := n.ChildByFieldName("value"); v != nil && n.Type() == "type_alias_declaration" {
					if r, _ := w.typeRole(v); r == "type" {
						w.role[name.Content(w.src)] = "type"
						return false
					}
				}
				if w.mentionsSDKType(n, name) {
					w.role[name.Content(w.src)] = "props"
				}
				return false
			}
			return true
		})
	}
}

// mentionsSDKType reports whether a type declaration uses one of the SDK's types (other than its own name).
func (w *foWalker) mentionsSDKType(n, self *sitter.Node) bool {
	found := false
	walkNodes(n, func(c *sitter.Node) bool {
		if found {
			return false
		}
		if c.Type() == "type_identifier" && (self == nil || c.StartByte() != self.StartByte()) {
			if r := w.role[c.Content(w.src)]; r == "type" || r == "props" {
				found = true
			}
		}
		return true
	})
	return found
}

// typeRole is the role a type annotation gives a parameter: "type" when it is
// the flags object's type itself, "props" when it mentions one of the SDK's types.
func (w *foWalker) typeRole(t *sitter.Node) (string, bool) {
	if t == nil {
		return "", false
	}
	if t.Type() == "type_annotation" && t.NamedChildCount() > 0 {
		t = t.NamedChild(0)
	}
	if t.Type() == "generic_type" && t.NamedChildCount() > 0 { // LDFlagSet<...> is not a thing; Partial<LDProps> is props
		if r, _ := w.calleeRole(t.NamedChild(0)); r == "type" {
			return "type", true
		}
		// Partial<FlagSet>, Readonly<FlagSet>: still the flags object.
		if args := t.ChildByFieldName("type_arguments"); args != nil && args.NamedChildCount() == 1 && has(sameShapeTypes, t.NamedChild(0).Content(w.src)) {
			if r, _ := w.typeRole(args.NamedChild(0)); r == "type" {
				return "type", true
			}
		}
	}
	if r, _ := w.calleeRole(t); r == "type" {
		return "type", true
	}
	if w.mentionsSDKType(t, nil) {
		return "props", true
	}
	return "", false
}

func (w *foWalker) scopeOf(n *sitter.Node) *sitter.Node {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if isFuncNode(p.Type()) || p.Type() == "program" {
			return p
		}
	}
	return nil
}

// patternNames adds the names a binding pattern declares.
func (w *foWalker) patternNames(p *sitter.Node, into map[string]bool) {
	if p == nil {
		return
	}
	switch p.Type() {
	case "identifier", "shorthand_property_identifier_pattern":
		into[p.Content(w.src)] = true
		return
	case "required_parameter", "optional_parameter":
		w.patternNames(p.ChildByFieldName("pattern"), into)
		return
	case "assignment_pattern", "object_assignment_pattern":
		w.patternNames(p.ChildByFieldName("left"), into)
		return
	case "pair_pattern":
		w.patternNames(p.ChildByFieldName("value"), into)
		return
	}
	for i := 0; i < int(p.NamedChildCount()); i++ {
		w.patternNames(p.NamedChild(i), into)
	}
}

func (w *foWalker) declare(scope *sitter.Node, names map[string]bool) {
	if scope == nil {
		return
	}
	d := w.declared[scope.StartByte()]
	if d == nil {
		d = map[string]bool{}
		w.declared[scope.StartByte()] = d
	}
	for n := range names {
		d[n] = true
	}
}

// collect records what every scope declares, the consumer components and the providers.
func (w *foWalker) collect(root *sitter.Node) {
	walkNodes(root, func(n *sitter.Node) bool {
		switch t := n.Type(); {
		case t == "variable_declarator":
			names := map[string]bool{}
			w.patternNames(n.ChildByFieldName("name"), names)
			w.declare(w.scopeOf(n), names)
		case isFuncNode(t):
			names := map[string]bool{}
			if ps := n.ChildByFieldName("parameters"); ps != nil {
				w.patternNames(ps, names)
			} else if p := n.ChildByFieldName("parameter"); p != nil {
				w.patternNames(p, names)
			}
			w.declare(n, names)
			if t == "function_declaration" {
				if name := n.ChildByFieldName("name"); name != nil {
					w.declare(w.scopeOf(n), map[string]bool{name.Content(w.src): true})
				}
			}
		case t == "call_expression":
			fn := n.ChildByFieldName("function")
			// withLDConsumer()(Component)
			if fn != nil && fn.Type() == "call_expression" {
				if r, _ := w.calleeRole(fn.ChildByFieldName("function")); r == "consumer" && !w.clientOnly(fn) {
					if args := n.ChildByFieldName("arguments"); args != nil && args.NamedChildCount() > 0 {
						a := args.NamedChild(0)
						switch {
						case a.Type() == "identifier":
							w.consumerNames[a.Content(w.src)] = true
						default:
							w.consumerNodes[a.StartByte()] = true
						}
					}
				}
			}
			if r, name := w.calleeRole(fn); r == "provider" {
				w.provider(n, name, n.ChildByFieldName("arguments"))
			}
		case t == "jsx_opening_element" || t == "jsx_self_closing_element":
			if r, name := w.calleeRole(n.ChildByFieldName("name")); r == "provider" {
				w.provider(n, name, n)
			}
		}
		return true
	})
}

// clientOnly reports whether a consumer factory call passes { clientOnly: true } (no flags prop).
func (w *foWalker) clientOnly(call *sitter.Node) bool {
	found := false
	walkNodes(call, func(n *sitter.Node) bool {
		if n.Type() == "pair" {
			if k := n.ChildByFieldName("key"); k != nil && k.Content(w.src) == "clientOnly" {
				if v := n.ChildByFieldName("value"); v != nil && v.Type() == "true" {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// provider records a provider's configuration from its object arguments or JSX attributes.
func (w *foWalker) provider(n *sitter.Node, name string, args *sitter.Node) {
	p := flagProvider{file: w.rel, line: int(n.StartPoint().Row) + 1, col: Column(w.src, int(n.StartByte())), method: name}
	if args == nil {
		return
	}
	var visit func(prop string, v *sitter.Node, depth int)
	visit = func(prop string, v *sitter.Node, depth int) {
		if v == nil {
			return
		}
		if v.Type() == "jsx_expression" && v.NamedChildCount() > 0 {
			v = v.NamedChild(0)
		}
		for d := 0; d < 4 && has(w.lit.Wrappers, v.Type()) && v.NamedChildCount() > 0; d++ {
			v = v.NamedChild(0)
		}
		switch {
		case prop == w.fo.DefaultsProperty && prop != "" && depth == 0:
			p.defaults = w.values(v)
		case prop == "bootstrap":
			p.bootstrap = w.values(v)
		case prop == w.fo.NamesOption && prop != "":
			switch v.Type() {
			case "true", "false":
				b := v.Type() == "true"
				p.names = &b
			}
		case v.Type() == "object" && depth < 3:
			w.pairs(v, func(k string, val *sitter.Node) { visit(k, val, depth+1) })
		}
	}
	if args.Type() == "arguments" {
		objects := 0
		for i := 0; i < int(args.NamedChildCount()); i++ {
			if a := w.unwrap(args.NamedChild(i)); a.Type() == "object" {
				objects++
				w.pairs(a, func(k string, val *sitter.Node) { visit(k, val, 0) })
			}
		}
		// withLDProvider(config) / asyncWithLDProvider(config): the configuration is the first argument.
		if a := args.NamedChild(0); objects == 0 && a != nil && w.fo.DefaultsProperty != "" {
			if r := refName(a.Content(w.src)); r != "" && (a.Type() == "identifier" || a.Type() == "member_expression") {
				p.configRef = r
			} else {
				p.opaque = a.Content(w.src)
			}
		}
	} else { // JSX attributes
		for i := 0; i < int(args.NamedChildCount()); i++ {
			a := args.NamedChild(i)
			if a.Type() == "jsx_expression" { // {...config}
				p.opaque = a.Content(w.src)
				continue
			}
			if a.Type() != "jsx_attribute" || a.NamedChildCount() < 2 {
				continue
			}
			visit(a.NamedChild(0).Content(w.src), a.NamedChild(1), 0)
		}
	}
	w.out.providers = append(w.out.providers, p)
}

// resolveConfig reads a provider configuration given by name from its declaration.
func resolveConfig(res *rootResolver, fo *languages.FlagObject, p *flagProvider) {
	cv, ok := single(res.lookup(p.file, p.configRef, modeEntry, &lookupState{seen: map[string]bool{}}))
	if !ok || cv.props == nil {
		p.opaque = p.configRef
		return
	}
	fromProps := func(c constVal, ref string) provValues {
		if c.props == nil {
			return provValues{set: true, dynamic: ref}
		}
		v := provValues{set: true, entries: map[string]provEntry{}}
		for k, e := range c.props {
			v.entries[k] = provEntry{json: e.json, file: e.file, span: e.span}
		}
		return v
	}
	var visit func(prop string, c constVal, depth int)
	visit = func(prop string, c constVal, depth int) {
		switch {
		case prop == fo.DefaultsProperty && prop != "" && depth == 0:
			p.defaults = fromProps(c, p.configRef+"."+prop)
		case prop == "bootstrap":
			if string(c.json) == `"localStorage"` || c.props == nil {
				p.bootstrap = provValues{set: true, dynamic: p.configRef + ".options.bootstrap"}
			} else {
				p.bootstrap = fromProps(c, "")
			}
		case prop == fo.NamesOption && prop != "":
			switch string(c.json) {
			case "true", "false":
				b := string(c.json) == "true"
				p.names = &b
			}
		case c.props != nil && depth < 3:
			for k, v := range c.props {
				visit(k, v, depth+1)
			}
		}
	}
	for k, v := range cv.props {
		visit(k, v, 0)
	}
}

// pairs calls f for each `key: value` of an object literal whose key is a name or a string.
func (w *foWalker) pairs(obj *sitter.Node, f func(key string, val *sitter.Node)) {
	for i := 0; i < int(obj.NamedChildCount()); i++ {
		p := obj.NamedChild(i)
		switch p.Type() {
		case "pair":
			kn, vn := p.ChildByFieldName("key"), p.ChildByFieldName("value")
			if kn == nil || vn == nil {
				continue
			}
			if k, ok := propertyName(kn, w.src, w.lit); ok {
				f(k, vn)
			}
		case "shorthand_property_identifier":
			f(p.Content(w.src), p)
		}
	}
}

// values reads a default map or bootstrap: an object literal, a name to resolve, or neither.
func (w *foWalker) values(v *sitter.Node) provValues {
	pv := provValues{set: true}
	switch v.Type() {
	case "object":
		pv.entries = map[string]provEntry{}
		w.pairs(v, func(k string, val *sitter.Node) {
			val = converted(val, w.src, w.lit)
			e := provEntry{text: val.Content(w.src), file: w.rel, span: Span{int(val.StartByte()), int(val.EndByte())},
				line: int(val.StartPoint().Row) + 1, col: Column(w.src, int(val.StartByte()))}
			if j, _, ok := literal(val, w.src, w.lit); ok {
				e.json = j
			}
			pv.entries[k] = e
		})
		for i := 0; i < int(v.NamedChildCount()); i++ {
			if v.NamedChild(i).Type() == "spread_element" {
				// { ...defaults, 'x': true }: the spread's members are not known here.
				pv.dynamic = v.Content(w.src)
			}
		}
	case "identifier", "member_expression", "shorthand_property_identifier":
		if r := refName(v.Content(w.src)); r != "" {
			pv.ref = r
		} else {
			pv.dynamic = v.Content(w.src)
		}
	default:
		pv.dynamic = v.Content(w.src)
	}
	return pv
}

// lookupRole finds the role of a name at node n: the innermost scope that
// declares the name decides (a parameter or local `flags` of another kind hides an outer one).
func (w *foWalker) lookupRole(name string, n *sitter.Node) foBinding {
	for s := w.scopeOf(n); s != nil; s = w.scopeOf(s) {
		if w.declared[s.StartByte()][name] {
			return w.bindings[s.StartByte()][name]
		}
		if s.Type() == "program" {
			break
		}
	}
	return foBinding{}
}

func (w *foWalker) bind(scope *sitter.Node, name string, b foBinding) {
	if scope == nil {
		return
	}
	m := w.bindings[scope.StartByte()]
	if m == nil {
		m = map[string]foBinding{}
		w.bindings[scope.StartByte()] = m
	}
	m[name] = b
}

func (w *foWalker) unwrap(n *sitter.Node) *sitter.Node {
	for d := 0; n != nil && d < 8; d++ {
		switch n.Type() {
		case "parenthesized_expression", "non_null_expression", "as_expression", "satisfies_expression", "await_expression":
			if n.NamedChildCount() == 0 {
				return n
			}
			n = n.NamedChild(0)
		default:
			return n
		}
	}
	return n
}

// flagsExpr reports whether n evaluates to the flags object, and its origin.
func (w *foWalker) flagsExpr(n *sitter.Node) (string, bool) {
	n = w.unwrap(n)
	if n == nil {
		return "", false
	}
	switch n.Type() {
	case "call_expression":
		if r, name := w.calleeRole(n.ChildByFieldName("function")); r == "hook" {
			return name, true
		}
	case "identifier":
		if b := w.lookupRole(n.Content(w.src), n); b.role == roleFlags {
			return b.origin, true
		}
	case "member_expression":
		prop := n.ChildByFieldName("property")
		if prop == nil || prop.Content(w.src) != "flags" {
			return "", false
		}
		return w.propsExpr(n.ChildByFieldName("object"))
	}
	return "", false
}

// propsExpr reports whether n is props whose `flags` member is the flags object.
func (w *foWalker) propsExpr(n *sitter.Node) (string, bool) {
	n = w.unwrap(n)
	if n == nil {
		return "", false
	}
	switch n.Type() {
	case "identifier":
		if b := w.lookupRole(n.Content(w.src), n); b.role == roleProps {
			return b.origin, true
		}
	case "member_expression": // this.props in a consumer class
		obj, prop := n.ChildByFieldName("object"), n.ChildByFieldName("property")
		if obj != nil && prop != nil && obj.Type() == "this" && prop.Content(w.src) == "props" {
			for p := n.Parent(); p != nil; p = p.Parent() {
				if p.Type() == "class_body" {
					if origin := w.consumerClasses[p.StartByte()]; origin != "" {
						return origin, true
					}
					break
				}
			}
		}
	}
	return "", false
}

// reads walks the file in order, binding names to flags objects and props as
// they are declared and recording every read.
func (w *foWalker) reads(root *sitter.Node) {
	walkNodes(root, func(n *sitter.Node) bool {
		t := n.Type()
		switch {
		case isFuncNode(t):
			w.params(n)
		case t == "class_declaration" || t == "class":
			if name := n.ChildByFieldName("name"); (name != nil && w.consumerNames[name.Content(w.src)]) || w.consumerNodes[n.StartByte()] {
				if body := n.ChildByFieldName("body"); body != nil {
					w.consumerClasses[body.StartByte()] = w.consumerOrigin()
				}
			} else if origin := w.classPropsType(n); origin != "" {
				if body := n.ChildByFieldName("body"); body != nil {
					w.consumerClasses[body.StartByte()] = origin
				}
			}
		case t == "call_expression":
			w.call(n)
		case t == "as_expression" && n.NamedChildCount() == 2:
			// ldUseFlags() as FlagSet: FlagSet is the flags object's type.
			if _, ok := w.flagsExpr(n.NamedChild(0)); ok {
				w.learnType(n.NamedChild(1))
			}
		case t == "variable_declarator":
			v, pat := n.ChildByFieldName("value"), n.ChildByFieldName("name")
			if pat == nil {
				return true
			}
			typ := n.ChildByFieldName("type")
			// `let flags: FlagSet;` has no value: only the type can say.
			if origin, ok := w.flagsExpr(v); v != nil && ok {
				w.flagsPattern(pat, origin, w.scopeOf(n))
				w.learnType(typ) // const flags: FlagSet = useFlags()
			} else if origin, ok := w.propsExpr(v); v != nil && ok {
				w.propsPattern(pat, origin, w.scopeOf(n))
			} else if r, _ := w.typeRole(typ); r == "type" {
				w.flagsPattern(pat, w.typeName(typ), w.scopeOf(n))
			} else if r == "props" {
				w.propsPattern(pat, w.typeName(typ), w.scopeOf(n))
			}
		case t == "member_expression" || t == "subscript_expression":
			if w.seen[n.StartByte()<<1|1] {
				return true
			}
			origin, ok := w.flagsExpr(n.ChildByFieldName("object"))
			if !ok {
				return true
			}
			if p := n.Parent(); p != nil && p.Type() == "call_expression" && sameNode(p.ChildByFieldName("function"), n) {
				return true // flags.hasOwnProperty(...): a method of the object, not a flag
			}
			if p := n.Parent(); p != nil && p.Type() == "assignment_expression" && sameNode(p.ChildByFieldName("left"), n) {
				return true
			}
			w.seen[n.StartByte()<<1|1] = true
			w.memberRead(n, origin)
		}
		return true
	})
}

func sameNode(a, b *sitter.Node) bool {
	return a != nil && b != nil && a.StartByte() == b.StartByte() && a.EndByte() == b.EndByte() && a.Type() == b.Type()
}

// params binds a function's parameters: a consumer component's props, or
// parameters typed with the SDK's types.
func (w *foWalker) params(fn *sitter.Node) {
	ps := fn.ChildByFieldName("parameters")
	var list []*sitter.Node
	if ps != nil {
		for i := 0; i < int(ps.NamedChildCount()); i++ {
			if c := ps.NamedChild(i); c.Type() != "comment" {
				list = append(list, c)
			}
		}
	} else if p := fn.ChildByFieldName("parameter"); p != nil {
		list = append(list, p)
	}
	if len(list) == 0 {
		return
	}
	flowed, router := w.flowedParams(fn), w.routeOption(fn)
	consumer := w.consumerNodes[fn.StartByte()]
	if name := fn.ChildByFieldName("name"); name != nil && w.consumerNames[name.Content(w.src)] && fn.Type() != "method_definition" {
		consumer = true
	}
	if p := fn.Parent(); p != nil && p.Type() == "variable_declarator" {
		if name := p.ChildByFieldName("name"); name != nil && w.consumerNames[name.Content(w.src)] {
			consumer = true
		}
	}
	for i, p := range list {
		pat, typ := p, (*sitter.Node)(nil)
		if p.Type() == "required_parameter" || p.Type() == "optional_parameter" {
			pat, typ = p.ChildByFieldName("pattern"), p.ChildByFieldName("type")
		}
		if pat != nil && pat.Type() == "assignment_pattern" {
			pat = pat.ChildByFieldName("left")
		}
		if pat == nil {
			continue
		}
		switch r, _ := w.typeRole(typ); {
		case r == "type":
			w.flagsPattern(pat, w.typeName(typ), fn)
		case r == "props":
			w.propsPattern(pat, w.typeName(typ), fn)
		case consumer && i == 0:
			w.propsPattern(pat, w.consumerOrigin(), fn)
		case flowed[i]:
			w.flagsPattern(pat, "flags", fn)
		case router && i == 0:
			w.routerPattern(pat, fn)
		}
	}
}

// typeName is a parameter's SDK type, for the reads' method: LDFlagSet, LDProps.
func (w *foWalker) typeName(t *sitter.Node) string {
	name := ""
	walkNodes(t, func(c *sitter.Node) bool {
		if name != "" {
			return false
		}
		if c.Type() == "type_identifier" {
			if r := w.role[c.Content(w.src)]; r == "type" || r == "props" {
				name = c.Content(w.src)
			}
		}
		return true
	})
	if name == "" {
		return "flags"
	}
	return name
}

// propsPattern binds props: an identifier is props; `{ flags }` or `{ flags: f }` binds the flags object.
func (w *foWalker) propsPattern(pat *sitter.Node, origin string, scope *sitter.Node) {
	switch pat.Type() {
	case "identifier":
		w.bind(scope, pat.Content(w.src), foBinding{roleProps, origin})
	case "object_pattern":
		for i := 0; i < int(pat.NamedChildCount()); i++ {
			p := pat.NamedChild(i)
			switch p.Type() {
			case "shorthand_property_identifier_pattern":
				if p.Content(w.src) == "flags" {
					w.bind(scope, "flags", foBinding{roleFlags, origin})
				}
			case "object_assignment_pattern":
				if l := p.ChildByFieldName("left"); l != nil && l.Content(w.src) == "flags" {
					w.bind(scope, "flags", foBinding{roleFlags, origin})
				}
			case "pair_pattern":
				if k := p.ChildByFieldName("key"); k != nil && k.Content(w.src) == "flags" {
					v := p.ChildByFieldName("value")
					if v != nil && v.Type() == "assignment_pattern" {
						v = v.ChildByFieldName("left")
					}
					if v != nil {
						w.flagsPattern(v, origin, scope)
					}
				}
			}
		}
	}
}

// flagsPattern binds or destructures the flags object: an identifier holds
// it; each property of an object pattern is a read.
func (w *foWalker) flagsPattern(pat *sitter.Node, origin string, scope *sitter.Node) {
	switch pat.Type() {
	case "identifier":
		w.bind(scope, pat.Content(w.src), foBinding{roleFlags, origin})
	case "object_pattern":
		for i := 0; i < int(pat.NamedChildCount()); i++ {
			p := pat.NamedChild(i)
			switch p.Type() {
			case "shorthand_property_identifier_pattern":
				w.read(p, p.Content(w.src), origin, nil, p.Content(w.src))
			case "object_assignment_pattern":
				if l := p.ChildByFieldName("left"); l != nil {
					w.read(l, l.Content(w.src), origin, p.ChildByFieldName("right"), l.Content(w.src))
				}
			case "pair_pattern":
				k, v := p.ChildByFieldName("key"), p.ChildByFieldName("value")
				if k == nil {
					continue
				}
				var dflt *sitter.Node
				if v != nil && v.Type() == "assignment_pattern" {
					dflt = v.ChildByFieldName("right")
				}
				name, ok := propertyName(k, w.src, w.lit)
				if !ok {
					name = ""
				}
				nameRef := ""
				if k.Type() == "computed_property_name" && k.NamedChildCount() > 0 {
					// const { [FLAGS.DATE]: date } = useFlags()
					inner := converted(k.NamedChild(0), w.src, w.lit)
					if s, ok := w.stringContent(inner); ok {
						name = s
					} else if inner.Type() == "identifier" || inner.Type() == "member_expression" {
						nameRef = refName(inner.Content(w.src))
					}
				}
				w.read(k, name, origin, dflt, k.Content(w.src))
				if nameRef != "" {
					w.out.reads[len(w.out.reads)-1].nameRef = nameRef
				}
			case "rest_pattern":
				// const { a, ...rest } = useFlags(): rest holds the other flags.
				for j := 0; j < int(p.NamedChildCount()); j++ {
					if c := p.NamedChild(j); c.Type() == "identifier" {
						w.bind(scope, c.Content(w.src), foBinding{roleFlags, origin})
					}
				}
			}
		}
	}
}

// memberRead records `flags.x`, `flags?.x`, `flags['x']` and `flags[expr]`.
func (w *foWalker) memberRead(n *sitter.Node, origin string) {
	var name string
	var at *sitter.Node
	if n.Type() == "member_expression" {
		at = n.ChildByFieldName("property")
		if at == nil {
			return
		}
		name = at.Content(w.src)
	} else {
		at = n.ChildByFieldName("index")
		if at == nil {
			return
		}
		if s, ok := w.stringContent(converted(at, w.src, w.lit)); ok {
			name = s
		}
	}
	nameRef := ""
	if n.Type() == "subscript_expression" && name == "" {
		if ix := converted(at, w.src, w.lit); ix != nil && (ix.Type() == "identifier" || ix.Type() == "member_expression") {
			nameRef = refName(ix.Content(w.src))
		}
		w.keyHookOf(n, at)
	}
	if n.Type() == "subscript_expression" {
		// useFlags()[ with the key on the next line: the read is where its `[` is.
		for i := 0; i < int(n.ChildCount()); i++ {
			if c := n.Child(i); c.Type() == "[" {
				at = c
				break
			}
		}
	}
	var dflt *sitter.Node
	// flags.x ?? false: the right side is the read's default when the flag is undefined.
	if p := n.Parent(); p != nil && p.Type() == "binary_expression" && sameNode(p.ChildByFieldName("left"), n) {
		if op := p.ChildByFieldName("operator"); op != nil && op.Content(w.src) == "??" {
			dflt = p.ChildByFieldName("right")
		}
	}
	w.read(at, name, origin, dflt, n.Content(w.src))
	if nameRef != "" {
		w.out.reads[len(w.out.reads)-1].nameRef = nameRef
	}
}

// read records one read; name "" is a computed property.
func (w *foWalker) read(at *sitter.Node, name, origin string, dflt *sitter.Node, expr string) {
	c := Call{File: w.rel, Line: int(at.StartPoint().Row) + 1, Column: Column(w.src, int(at.StartByte())),
		Language: w.m.lang.Name, Method: origin, KeyExpr: expr, Name: name, Type: TypeUnknown}
	r := flagRead{}
	if dflt != nil {
		r.hasDefault = true
		fillCall(&c, w.lit, w.src, nil, dflt, "", false, nil)
		if c.Dynamic {
			c.Note = "the read's default is not a literal"
		}
	}
	c.Ignored, c.IgnoreReason = ignoredAt(w.src, w.m.lang.Comments, int(at.StartByte()))
	r.call = c
	w.out.reads = append(w.out.reads, r)
}

// --- after the walk: keys and fallbacks across files ---

// resolveFlagObjects turns the recorded reads into calls, per root, with the
// providers found anywhere in that root, and adds the providers' default-map
// entries as calls of their own (the literal a stale finding points at).
func (s *scanner) resolveFlagObjects(ctx context.Context, all []result) {
	byRoot := map[string][]*result{}
	walked := map[string][]*result{}
	for i := range all {
		r := &all[i]
		if r.job.lang == nil {
			continue
		}
		walked[r.job.root] = append(walked[r.job.root], r)
		if r.out != nil && r.out.flagObjects != nil {
			byRoot[r.job.root] = append(byRoot[r.job.root], r)
		}
	}
	var e *extractor
	defer func() {
		if e != nil {
			e.close()
		}
	}()
	// rr builds a root's resolver when a configuration names a declaration.
	rr := func(root string) *rootResolver {
		if e == nil {
			e = newExtractor()
		}
		return newRootResolver(ctx, s, e, walked[root])
	}
	roots := make([]string, 0, len(byRoot))
	for root := range byRoot {
		roots = append(roots, root)
	}
	sort.Strings(roots)
	for _, root := range roots {
		if e == nil {
			e = newExtractor()
		}
		byRoot[root] = s.factRounds(ctx, e, walked[root], byRoot[root])
		files := byRoot[root]
		var provs []*flagProvider
		var res *rootResolver
		for _, r := range files {
			fo := r.out.flagObjects
			for i := range fo.providers {
				p := &fo.providers[i]
				if p.configRef != "" {
					if res == nil {
						res = rr(root)
					}
					resolveConfig(res, fo.fo, p)
				}
				for _, v := range []*provValues{&p.defaults, &p.bootstrap} {
					if v.ref == "" {
						continue
					}
					if res == nil {
						res = rr(root)
					}
					resolveProvValues(res, p.file, v)
				}
				provs = append(provs, p)
				r.out.calls = append(r.out.calls, providerCalls(r.out.m, fo.fo, p)...)
			}
		}
		for _, r := range files {
			fo := r.out.flagObjects
			for _, rd := range fo.reads {
				c := rd.call
				if rd.nameRef != "" {
					if res == nil {
						res = rr(root)
					}
					if cv, ok := single(res.lookup(c.File, rd.nameRef, modeEntry, &lookupState{seen: map[string]bool{}})); ok && cv.typ == TypeString {
						_ = json.Unmarshal(cv.json, &c.Name)
					}
				}
				p, found := pickProvider(provs, c.File)
				resolveRead(&c, rd.hasDefault, rd.exactKey, fo.fo, p, found)
				r.out.calls = append(r.out.calls, c)
			}
			fo.reads = nil
		}
	}
}

// resolveProvValues fills a default map or bootstrap given by name from its declaration.
func resolveProvValues(res *rootResolver, file string, v *provValues) {
	cv, ok := single(res.lookup(file, v.ref, modeEntry, &lookupState{seen: map[string]bool{}}))
	if !ok || cv.props == nil {
		v.dynamic = v.ref
		return
	}
	v.entries = map[string]provEntry{}
	for k, p := range cv.props {
		v.entries[k] = provEntry{json: p.json, file: p.file, span: p.span}
	}
}

// providerCalls are a provider's default-map entries, each the fallback of its key.
func providerCalls(m *matcher, fo *languages.FlagObject, p *flagProvider) []Call {
	var out []Call
	keys := make([]string, 0, len(p.defaults.entries))
	for k, e := range p.defaults.entries {
		if e.file == p.file && e.line > 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		e := p.defaults.entries[k]
		key := k
		c := Call{File: p.file, Line: e.line, Column: e.col, Language: m.lang.Name, Method: p.method + "." + fo.DefaultsProperty,
			Key: &key, FallbackText: e.text, Type: TypeUnknown}
		if e.json != nil {
			c.Fallback, c.FallbackSpan = e.json, e.span
			if _, t, ok := jsonType(e.json); ok {
				c.Type = t
			}
		} else {
			c.Dynamic = true
		}
		out = append(out, c)
	}
	return out
}

// jsonType is the scan type of a JSON literal.
func jsonType(v json.RawMessage) (string, Type, bool) {
	var x any
	if json.Unmarshal(v, &x) != nil {
		return "", "", false
	}
	switch x.(type) {
	case bool:
		return "", TypeBool, true
	case string:
		return "", TypeString, true
	case float64:
		return "", TypeNumber, true
	case nil:
		return "", "", false
	}
	return "", TypeJSON, true
}

// pickProvider chooses the provider that configures the flags object a file
// reads: among the root's providers of the same SDK, those sharing the
// longest directory prefix with the file. Several that disagree make it
// unknown (nil, true); no provider at all is (nil, false).
func pickProvider(provs []*flagProvider, file string) (p *flagProvider, found bool) {
	best, bestLen := []*flagProvider(nil), -1
	dir := path.Dir(file)
	// A test's provider (a mocked flag map) configures tests only, and the
	// application's provider the application: tests use theirs when they have one.
	test := testFile(file)
	hasOwnKind := false
	for _, p := range provs {
		if testFile(p.file) == test {
			hasOwnKind = true
		}
	}
	for _, p := range provs {
		if testFile(p.file) != test && (hasOwnKind || !test) {
			continue
		}
		n := commonDirLen(dir, path.Dir(p.file))
		switch {
		case n > bestLen:
			best, bestLen = []*flagProvider{p}, n
		case n == bestLen:
			best = append(best, p)
		}
	}
	if len(best) == 0 {
		return nil, false
	}
	for _, p := range best[1:] {
		if !sameConfig(p, best[0]) {
			return nil, true
		}
	}
	return best[0], true
}

// testFile reports whether a root-relative path looks like a test or a test
// helper: test directories, *.test.*, *.spec.*, stories, Cypress, test setup
// and helper modules.
func testFile(rel string) bool {
	p := "/" + strings.ToLower(rel)
	for _, d := range []string{"/test/", "/tests/", "/__tests__/", "/__mocks__/", "/spec/", "/cypress/", "/e2e/", "/testing/"} {
		if strings.Contains(p, d) {
			return true
		}
	}
	base := path.Base(p)
	for _, x := range []string{".test.", ".spec.", ".stories.", ".e2e.", "testhelper", "testutil", "test-util", "test-helper", "setuptests", "test_utils", "test-setup", "testsetup"} {
		if strings.Contains(base, x) {
			return true
		}
	}
	return false
}

func commonDirLen(a, b string) int {
	if a == "." || b == "." {
		return 0
	}
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	n := 0
	for n < len(as) && n < len(bs) && as[n] == bs[n] {
		n++
	}
	return n
}

func sameConfig(a, b *flagProvider) bool {
	if a.opaque != "" || b.opaque != "" {
		return a.opaque == b.opaque
	}
	if (a.names == nil) != (b.names == nil) || a.names != nil && *a.names != *b.names {
		return false
	}
	return sameValues(a.defaults, b.defaults) && sameValues(a.bootstrap, b.bootstrap)
}

func sameValues(a, b provValues) bool {
	if a.set != b.set || a.dynamic != b.dynamic || len(a.entries) != len(b.entries) {
		return false
	}
	for k, e := range a.entries {
		f, ok := b.entries[k]
		if !ok || e.json == nil || f.json == nil || !jsonEqual(e.json, f.json) {
			return false
		}
	}
	return true
}

func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return fmt.Sprint(x) == fmt.Sprint(y)
}

// resolveRead fills a read's key and fallback from its provider.
func resolveRead(c *Call, hasDefault, exactKey bool, fo *languages.FlagObject, p *flagProvider, found bool) {
	names := flagname.Rule(fo.Names)
	if p != nil && p.names != nil && !*p.names || exactKey {
		names = "" // the provider turned camel-casing off, or a key hook camel-cases the key itself: names are keys
	}
	where := ""
	if p != nil {
		where = fmt.Sprintf("%s (%s:%d)", p.method, p.file, p.line)
	}
	switch {
	case c.Name == "":
		c.Note = "computed property: the flag key is not known"
	case p != nil && p.opaque != "":
		c.Names = string(flagname.Rule(fo.Names))
		c.Note = fmt.Sprintf("the configuration of %s (`%s`) cannot be read here: the key is matched with the camel-case rule, the default is not known", where, oneLineText(p.opaque))
	case p == nil && found:
		c.Names = string(names)
		c.Note = "several providers with different settings configure this flags object: the key and its default are not known"
	case names == "":
		key := c.Name
		c.Key = &key
	case p != nil && p.defaults.set && p.defaults.dynamic == "":
		// The SDK keeps only the keys of the provider's map (fetchFlags, filterFlags).
		keys := names.Keys(c.Name, sortedKeys(p.defaults.entries))
		switch len(keys) {
		case 1:
			c.Key = &keys[0]
		case 0:
			c.Note = fmt.Sprintf("no key of the `%s` map of %s gives the name %s: this read is always undefined", fo.DefaultsProperty, where, c.Name)
		default:
			c.Note = fmt.Sprintf("keys %s of %s all give the name %s", strings.Join(keys, ", "), where, c.Name)
		}
	default:
		c.Names = string(names)
		if p != nil && p.bootstrap.set && p.bootstrap.dynamic == "" {
			keys := names.Keys(c.Name, sortedKeys(p.bootstrap.entries))
			switch len(keys) {
			case 1:
				c.Key = &keys[0]
			case 0:
			default:
				c.Note = fmt.Sprintf("bootstrap keys %s of %s all give the name %s", strings.Join(keys, ", "), where, c.Name)
			}
		}
		if c.Key == nil && c.Note == "" {
			c.Note = fmt.Sprintf("the %s name of a flag key: check maps it with the environment's keys", names)
		}
	}
	if hasDefault {
		return
	}
	if p != nil && p.opaque != "" {
		c.Dynamic, c.FallbackText = true, "(the provider's configuration: "+oneLineText(p.opaque)+")"
		return
	}
	// The fallback: the bootstrap's value, else the map's, else undefined.
	for _, v := range []provValues{p.bootstrapOrZero(), p.defaultsOrZero()} {
		switch {
		case !v.set:
			continue
		case v.dynamic != "":
			c.Dynamic, c.FallbackText = true, v.dynamic
			return
		case c.Key != nil:
			if e, ok := v.entries[*c.Key]; ok {
				c.FallbackText = e.text
				if e.json == nil {
					c.Dynamic = true
					return
				}
				c.Fallback, c.FallbackSpan = e.json, e.span
				if e.file != c.File {
					c.FallbackFile = e.file
				}
				if _, t, ok := jsonType(e.json); ok {
					c.Type = t
				}
				return
			}
		case c.Name != "" && names != "":
			// Key unknown: an entry whose name is this one would be its fallback.
			if len(names.Keys(c.Name, sortedKeys(v.entries))) > 0 {
				c.Dynamic, c.FallbackText = true, "(the provider's value for the key)"
				return
			}
		case c.Name == "":
			c.Dynamic, c.FallbackText = true, "(the provider's value for the key)"
			return
		}
	}
	if p == nil {
		c.Dynamic, c.FallbackText = true, "(no provider found in the scanned tree)"
		return
	}
	c.Fallback, c.Implicit = json.RawMessage("null"), true
}

func oneLineText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

func (p *flagProvider) bootstrapOrZero() provValues {
	if p == nil {
		return provValues{}
	}
	return p.bootstrap
}

func (p *flagProvider) defaultsOrZero() provValues {
	if p == nil {
		return provValues{}
	}
	return p.defaults
}

func sortedKeys(m map[string]provEntry) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
