package scanner

import (
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/ldfallback/ldfallback/languages"
)

// Wrappers through a field, the export half: an evaluation whose key is a
// field of its class (`_featureFlagKey`, `this.key`, `self.key`) that the
// class's constructor stores from one of its parameters makes the class's
// construction the wrapper: `new C(k)`, an attribute `[C(k)]`, `C(k)`.
// What constructors, field writes and constructions look like comes from
// the language data (languages.Constructions). Unknown is no fact: a field
// written twice, by anything other than one constructor's parameter, or a
// class with several constructors is not followed (a wrong key is worse
// than none).

// maxClassNodes bounds the walk over a class body looking for its
// constructors and the writes of a field.
const maxClassNodes = 20000

// fieldFact returns the fact an evaluation whose key (or fallback) is a
// constructor-stored field exports about the class's construction, or nil.
func fieldFact(m *matcher, rel string, src []byte, callN, keyN, fbN *sitter.Node, c *Call) *Wrapper {
	fns := &m.lang.Functions
	cons := &fns.Constructions
	if len(cons.Constructors) == 0 || len(fns.Classes) == 0 {
		return nil
	}
	keyField := fieldRead(fns, keyN, src)
	fbField := fieldRead(fns, fbN, src)
	if keyField == "" {
		return nil // a key fixed inside and a field fallback: not followed
	}
	// The class around the call, and no enclosing declaration of the call
	// with a parameter (or local) that a bare name could stand for.
	var classN *sitter.Node
	var classRow *languages.Class
	for n, depth := callN.Parent(), 0; n != nil && depth < maxDeclDepth; n, depth = n.Parent(), depth+1 {
		if r := classRowOf(fns, n, src); r != nil {
			classN, classRow = n, r
			break
		}
		if row := declRow(fns, n, src); row != nil {
			d := readDecl(m, row, n, src)
			if d.resolveParam(fns, keyField, src) != nil || fbField != "" && d.resolveParam(fns, fbField, src) != nil {
				return nil
			}
		}
	}
	if classN == nil {
		return nil
	}
	nameN := child(classN, classRow.Name)
	if nameN == nil || !isIdent(nameN.Content(src)) {
		return nil
	}
	cl := readClass(m, classN, src)
	if cl == nil {
		return nil
	}
	kp := cl.fieldParam(fns, keyField, src)
	if kp == nil {
		return nil
	}
	name := nameN.Content(src)
	w := &Wrapper{Name: name, File: rel, Line: int(callN.StartPoint().Row) + 1, Language: m.lang.Name,
		Calls: c.Method, Type: c.Type, decl: classN.StartByte(), fam: family(m.lang),
		Constructs: true, Field: keyField}
	if cons.Suffix != "" && strings.HasSuffix(name, cons.Suffix) && len(name) > len(cons.Suffix) {
		w.Alias = strings.TrimSuffix(name, cons.Suffix)
	}
	for _, q := range cl.ctor.params {
		if !q.keyword {
			w.Positional++
			if q.DefaultText == "" {
				w.Required++
			}
		}
	}
	k := kp.Param
	w.KeyParam = &k
	switch {
	case fbField != "":
		fp := cl.fieldParam(fns, fbField, src)
		if fp == nil {
			w.FallbackText = c.FallbackText // a field of unknown value
			break
		}
		w.FallbackParam = &fp.Param
	case c.Fallback != nil && !c.Dynamic:
		w.Fallback, w.FallbackText, w.Implicit = c.Fallback, c.FallbackText, c.Implicit
	case c.FromConfig:
		w.FromConfig = true
	default:
		w.FallbackText = c.FallbackText
	}
	return w
}

// fieldRead is the field an argument reads: `recv.f` with recv a receiver
// word (this, self), or a bare `f` where methods see fields unqualified.
func fieldRead(fns *languages.Functions, n *sitter.Node, src []byte) string {
	if n == nil {
		return ""
	}
	s := strings.Join(strings.Fields(n.Content(src)), "")
	if recv, f, ok := strings.Cut(s, "."); ok {
		if has(fns.Receivers, recv) && isIdent(f) {
			return f
		}
		return ""
	}
	if fns.ImplicitThis && isIdent(s) {
		return s
	}
	return ""
}

func classRowOf(fns *languages.Functions, n *sitter.Node, src []byte) *languages.Class {
	t := n.Type()
	for i := range fns.Classes {
		if c := &fns.Classes[i]; c.Node == t && keywordIs(n, c.Keyword, c.Keywords, src) {
			return &fns.Classes[i]
		}
	}
	return nil
}

// class is what a class body says about its construction: its one
// constructor and every write of a name in it.
type class struct {
	node *sitter.Node
	ctor *decl
	row  *languages.Constructor
	// writes are the assignments and initialised locals of the body (not
	// of nested classes).
	writes []*sitter.Node
}

// readClass reads a class's constructor and writes; nil when it has no
// constructor, several, or is too large to read whole.
func readClass(m *matcher, classN *sitter.Node, src []byte) *class {
	fns := &m.lang.Functions
	cl := &class{node: classN}
	ctors := 0
	take := func(n *sitter.Node) {
		if r := ctorRow(&fns.Constructions, n, src); r != nil {
			ctors++
			cl.row = r
			cl.ctor = readDecl(m, &languages.FuncDecl{Node: r.Node, Params: r.Params}, n, src)
			cl.ctor.node = n
		}
	}
	take(classN) // a primary constructor
	budget := maxClassNodes
	var walk func(n *sitter.Node)
	walk = func(n *sitter.Node) {
		for i := 0; i < int(n.NamedChildCount()); i++ {
			if budget--; budget < 0 {
				return
			}
			ch := n.NamedChild(i)
			if classRowOf(fns, ch, src) != nil {
				continue // a nested class: its own fields
			}
			take(ch)
			if isWrite(fns, ch) {
				cl.writes = append(cl.writes, ch)
			}
			walk(ch)
		}
	}
	walk(classN)
	if budget < 0 || ctors != 1 {
		return nil
	}
	return cl
}

func ctorRow(cons *languages.Constructions, n *sitter.Node, src []byte) *languages.Constructor {
	t := n.Type()
	for i := range cons.Constructors {
		r := &cons.Constructors[i]
		if r.Node != t || child(n, r.Params) == nil {
			continue
		}
		if r.Is != "" {
			if nn := child(n, r.Name); nn == nil || nn.Content(src) != r.Is {
				continue
			}
		}
		return r
	}
	return nil
}

// isWrite reports whether n is an assignment or a local binding (with a
// value or of unknown value): a write of the name it targets.
func isWrite(fns *languages.Functions, n *sitter.Node) bool {
	t := n.Type()
	for _, a := range fns.Constructions.Assignments {
		if a.Node == t {
			return true
		}
	}
	for _, l := range fns.Locals {
		if l.Node == t {
			return true
		}
	}
	return false
}

// writeOf returns the target and value nodes of a write; value is nil for
// a write of unknown value (a loop variable), and target nil for a
// declaration that writes nothing (`private readonly string _key;`).
func writeOf(fns *languages.Functions, n *sitter.Node) (target, value *sitter.Node) {
	t := n.Type()
	rows := append(append([]languages.Local(nil), fns.Constructions.Assignments...), fns.Locals...)
	for _, r := range rows {
		if r.Node != t {
			continue
		}
		target = child(n, r.Name)
		switch {
		case r.NoValue:
		case r.Value != "":
			value = child(n, r.Value)
		default:
			value = afterEquals(n)
		}
		if value == nil && !r.NoValue {
			return nil, nil
		}
		return target, value
	}
	return nil, nil
}

// fieldParam is the constructor parameter the class stores in field f,
// or nil: exactly one source gives f its value — the parameter itself (a
// primary constructor's, a parameter property) or one write in the
// constructor (in a field initialiser, from a primary constructor's
// parameter) of a bare parameter name.
func (cl *class) fieldParam(fns *languages.Functions, f string, src []byte) *declParam {
	var found *declParam
	sources := 0
	if p := cl.ctor.param(f); p != nil && (cl.row.Primary || p.node != nil && hasChildType(p.node, cl.row.Properties)) {
		found = p
		sources++
	}
	for _, w := range cl.writes {
		target, value := writeOf(fns, w)
		if target == nil {
			continue
		}
		t := strings.Join(strings.Fields(target.Content(src)), "")
		named := t == f
		if recv, g, ok := strings.Cut(t, "."); ok && g == f && has(fns.Receivers, recv) {
			named = true
		}
		if !named {
			continue
		}
		if sources++; sources > 1 || value == nil {
			return nil
		}
		v := strings.TrimSpace(value.Content(src))
		if !isIdent(v) {
			return nil
		}
		// Where the write is: in the constructor, a parameter of it; in the
		// class body itself (a field initialiser), a primary constructor's.
		var in *sitter.Node
		for n := w.Parent(); n != nil && !n.Equal(cl.node); n = n.Parent() {
			if n.Equal(cl.ctor.node) || declRow(fns, n, src) != nil {
				in = n
				break
			}
		}
		switch {
		case in == nil && cl.row.Primary, in != nil && in.Equal(cl.ctor.node):
			found = cl.ctor.param(v)
		default:
			return nil
		}
		if found == nil {
			return nil
		}
	}
	if sources != 1 {
		return nil
	}
	return found
}

func hasChildType(n *sitter.Node, types []string) bool {
	if len(types) == 0 {
		return false
	}
	for i := 0; i < int(n.ChildCount()); i++ {
		if has(types, n.Child(i).Type()) {
			return true
		}
	}
	return false
}
