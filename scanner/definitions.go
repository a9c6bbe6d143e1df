package scanner

import sitter "github.com/smacker/go-tree-sitter"

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
				c.Ignored, c.IgnoreReason = ignoredAt(src, m.lang.Comments, int(n.StartByte()))
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
