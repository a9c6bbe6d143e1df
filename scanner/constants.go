package scanner

import (
	"encoding/json"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
)

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
	// scope is the file whose scope the names are looked up from, when not
	// the calling file's (an Angular template's names are its component's).
	scope string
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
		var val, nameN *sitter.Node
		for _, c := range match.Captures {
			switch q.CaptureNameForId(c.Index) {
			case "name":
				name, nameN = refName(c.Node.Content(src)), c.Node
			case "scope":
				scope = c.Node.Content(src)
			case "value":
				val = c.Node
			}
		}
		if name == "" || val == nil || inFunction(&m.lang.Functions, nameN, src) {
			continue
		}
		cv := constValue(m, val, src, rel, 0)
		bare := scope == "" || !m.lang.Functions.ClassScopeHidden
		if _, dup := out[name]; !dup && bare {
			out[name] = cv
		}
		if scope != "" {
			out[scope+"."+name] = cv
		}
		if bare {
			flatten(out, name, cv)
		}
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

// resolvePending fills the calls' keys and fallbacks from the values lookup
// finds (the file's own scopes, or other files through the root resolver)
// and returns what is still unresolved.
func resolvePending(calls []Call, ps []pending, rel string, lookup func(name string) (constVal, bool)) []pending {
	var left []pending
	for _, p := range ps {
		c := &calls[p.idx]
		keyLeft, fbLeft := "", ""
		if p.keyRef != "" {
			cv, ok := lookup(p.keyRef)
			switch {
			case ok && cv.typ == TypeString:
				var s string
				_ = json.Unmarshal(cv.json, &s)
				c.Key = &s
				if c.keyLookup != nil {
					c.keyLookup.apply(c) // a wrapper's key read from config files
				}
			case ok && cv.props != nil:
				// A definition object passed as the key: take its key (and fallback) members.
				resolveDefinitionObject(c, cv)
			default:
				keyLeft = p.keyRef
			}
		}
		if p.fallbackRef != "" {
			if cv, ok := lookup(p.fallbackRef); ok && cv.json != nil {
				c.Fallback, c.Dynamic, c.FallbackSpan = cv.json, false, cv.span
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
			left = append(left, pending{idx: p.idx, keyRef: keyLeft, fallbackRef: fbLeft, scope: p.scope})
		}
	}
	return left
}

// inScopes looks a name up in the file's own scopes (resolvePending's lookup
// within one file, before any other file is read).
func inScopes(scopes ...map[string]constVal) func(string) (constVal, bool) {
	return func(name string) (constVal, bool) { return lookup(scopes, name) }
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
