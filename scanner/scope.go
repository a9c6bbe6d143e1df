package scanner

import (
	"encoding/json"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/ldfallback/ldfallback/languages"
)

// A name a call passes as its key or fallback means, first, what the
// functions around the call bind it to: a parameter is whatever each caller
// passes (a dynamic key, unless wrapper inference follows it to the call
// sites), and a local is its own value. Only a name no enclosing function
// binds is looked up among the file's and the module's declarations. Without
// this, a parameter `name` took the value of a Django `AppConfig.name` in a
// sibling file, and a parameter `flagKey` a `const flagKey` of a sibling test.
// The declarations, parameters and locals of each grammar are the
// languages' functions data (shared with wrapper inference).

// maxScopeHops bounds how often a local that copies another name is followed.
const maxScopeHops = 4

// maxScopeNodes bounds the nodes read when a function's body is searched for locals.
const maxScopeNodes = 20000

// binding kinds, from the innermost function that binds a name.
type scopeKind int

const (
	scopeOuter scopeKind = iota // no enclosing function binds it
	scopeParam                  // a parameter: the caller's value
	scopeLocal                  // a local: value holds its one value (nil when not one expression)
)

// scoped applies the enclosing functions' bindings to a call's pending key
// and fallback names and returns what is still to be looked up outside.
func scoped(m *matcher, callN *sitter.Node, src []byte, c *Call, keyRef, fbRef string) (string, string) {
	fns := &m.lang.Functions
	if len(fns.Decls) == 0 || callN == nil {
		return keyRef, fbRef
	}
	lit := &m.lang.Literals
	if keyRef != "" {
		keyRef = scopeName(m, callN, src, c.KeyExpr, keyRef, func(v *sitter.Node) bool {
			if val, t, ok := literal(converted(v, src, lit), src, lit); ok && t == TypeString {
				var s string
				if json.Unmarshal(val, &s) == nil {
					c.Key = &s
					return true
				}
			}
			return false
		})
	}
	if fbRef != "" {
		fbRef = scopeName(m, callN, src, c.FallbackText, fbRef, func(v *sitter.Node) bool {
			v = converted(v, src, lit)
			if val, t, ok := literal(v, src, lit); ok {
				c.Fallback, c.Dynamic = val, false
				c.FallbackSpan = Span{int(v.StartByte()), int(v.EndByte())}
				if c.Type == TypeUnknown && t != "" {
					c.Type = t
				}
				return true
			}
			return false
		})
	}
	return keyRef, fbRef
}

// scopeName resolves one pending name (ref, from the source text expr) in
// the functions around at: it returns the name still to look up outside
// ("" when the functions decided it), calling set with a local's value.
func scopeName(m *matcher, at *sitter.Node, src []byte, expr, ref string, set func(*sitter.Node) bool) string {
	for hop := 0; hop < maxScopeHops; hop++ {
		head, rest := bareHead(expr)
		if head == "" {
			return ref // this.x, self.x, @x, a call: not a plain name of the scope
		}
		kind, value := bindingOf(m, at, head, src)
		switch kind {
		case scopeOuter:
			return ref
		case scopeParam:
			return "" // the caller's value
		}
		if value == nil {
			return "" // assigned several values, or in a way that is not one expression
		}
		if rest == "" && set(value) {
			return ""
		}
		// A copy of another name (`const k = FLAGS.x`, `f = Flags`): follow it.
		next := strings.Join(strings.Fields(value.Content(src)), "") + rest
		nref := refName(next)
		if nref == "" {
			return "" // a computed value: dynamic
		}
		expr, ref, at = next, nref, value
	}
	return ""
}

// bareHead splits a plain name expression into its first identifier and the
// rest (`FLAGS.x` → FLAGS, ".x"); "" when the expression starts with a
// receiver word or is not a name (`this.key`, `self.key`, `@key`, `f(x)`).
func bareHead(expr string) (head, rest string) {
	s := strings.Join(strings.Fields(expr), "")
	i := 0
	for i < len(s) && identByte(s[i]) {
		i++
	}
	head, rest = s[:i], s[i:]
	if !isIdent(head) {
		return "", ""
	}
	switch head {
	case "this", "self", "Self", "static", "super", "cls":
		return "", ""
	}
	if rest != "" && rest[0] != '.' && rest[0] != '[' && !strings.HasPrefix(rest, "?.") && !strings.HasPrefix(rest, "::") && !strings.HasPrefix(rest, "!.") {
		return "", "" // a call or an operator: not a name
	}
	if r := refName(s); r != "" {
		// refName's spelling of the rest (FLAGS['x'] → FLAGS.x)
		rest = strings.TrimPrefix(r, head)
	}
	return head, rest
}

// bindingOf finds the innermost function around at that binds name.
func bindingOf(m *matcher, at *sitter.Node, name string, src []byte) (scopeKind, *sitter.Node) {
	fns := &m.lang.Functions
	for n, depth := at.Parent(), 0; n != nil && depth < maxDeclDepth; n, depth = n.Parent(), depth+1 {
		row := declRow(fns, n, src)
		if row == nil {
			continue
		}
		d := readDecl(m, row, n, src)
		if d.param(name) != nil {
			return scopeParam, nil
		}
		if bound, value := localOf(fns, n, name, src); bound {
			return scopeLocal, value
		}
	}
	return scopeOuter, nil
}

// localOf reports whether the function fn's own body (not the functions
// nested in it) declares or assigns name, and its value when every such
// declaration gives it the same expression.
func localOf(fns *languages.Functions, fn *sitter.Node, name string, src []byte) (bool, *sitter.Node) {
	if len(fns.Locals) == 0 {
		return false, nil
	}
	var values []*sitter.Node
	bound := false
	budget := maxScopeNodes
	var walk func(n *sitter.Node, depth int)
	walk = func(n *sitter.Node, depth int) {
		if budget <= 0 || depth > 48 {
			return
		}
		budget--
		if n != fn && declRow(fns, n, src) != nil {
			return // a nested function's locals are its own
		}
		for _, l := range fns.Locals {
			if n.Type() != l.Node {
				continue
			}
			nn := child(n, l.Name)
			if nn == nil || !bindsName(nn, name, src) {
				continue
			}
			bound = true
			var vn *sitter.Node
			if l.NoValue {
				values = append(values, nil) // bound, to no value the source spells
				continue
			}
			if l.Value != "" {
				vn = child(n, l.Value)
			} else {
				vn = afterEquals(n)
			}
			if vn != nil && strings.TrimSpace(nn.Content(src)) == name {
				// Go `k := "x"` holds its value in an expression list of one.
				if vn.NamedChildCount() == 1 && strings.HasSuffix(vn.Type(), "expression_list") {
					vn = vn.NamedChild(0)
				}
				values = append(values, vn)
			} else {
				values = append(values, nil) // destructuring, several names: not one value
			}
		}
		for i := 0; i < int(n.NamedChildCount()); i++ {
			walk(n.NamedChild(i), depth+1)
		}
	}
	walk(fn, 0)
	if !bound || budget <= 0 {
		return bound || budget <= 0, nil
	}
	first := values[0]
	for _, v := range values[1:] {
		if first == nil || v == nil || strings.Join(strings.Fields(v.Content(src)), "") != strings.Join(strings.Fields(first.Content(src)), "") {
			return true, nil
		}
	}
	return true, first
}

// bindsName reports whether a declaration's name part binds name: the name
// itself, or a name inside a pattern (`const { key } = x`, `a, key := f()`).
func bindsName(n *sitter.Node, name string, src []byte) bool {
	text := strings.TrimSpace(n.Content(src))
	if text == name {
		return true
	}
	if strings.ContainsAny(text, ".[") || strings.Contains(text, "->") {
		return false // an attribute or an element (self.name = x): not a local
	}
	if n.NamedChildCount() == 0 {
		return false
	}
	for i := 0; i < int(n.NamedChildCount()); i++ {
		c := n.NamedChild(i)
		if c.NamedChildCount() == 0 && c.Content(src) == name {
			return true
		}
		if bindsName(c, name, src) {
			return true
		}
	}
	return false
}

// inFunction reports whether a declaration lies inside a function: its
// name is that function's local (scope.go reads it from there), not a
// constant of the file. Only for languages whose functions data lists
// locals; the others keep every declaration as before.
func inFunction(fns *languages.Functions, n *sitter.Node, src []byte) bool {
	if n == nil || len(fns.Locals) == 0 {
		return false
	}
	for p, depth := n.Parent(), 0; p != nil && depth < maxDeclDepth; p, depth = p.Parent(), depth+1 {
		if declRow(fns, p, src) != nil {
			return true
		}
	}
	return false
}
