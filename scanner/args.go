package scanner

import (
	"strings"

	"github.com/ldfallback/ldfallback/languages"
	sitter "github.com/smacker/go-tree-sitter"
)

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
	var nameN *sitter.Node
	if a.NameField != "" {
		if nameN = n.ChildByFieldName(a.NameField); nameN != nil {
			name = nameN.Content(src)
		}
	} else if a.NameNode != "" && n.NamedChildCount() > 1 && n.NamedChild(0).Type() == a.NameNode {
		name = strings.TrimRight(strings.TrimSpace(n.NamedChild(0).Content(src)), ":= \t")
	}
	if a.ValueField != "" {
		val = n.ChildByFieldName(a.ValueField)
		if val == nil && name != "" {
			// Keyword shorthand (Ruby 3.1 `default:`): the value is the
			// variable of that name, which the name node spells.
			val = n.ChildByFieldName(a.NameField)
		}
	} else if k := int(n.NamedChildCount()); k > 0 {
		val = n.NamedChild(k - 1)
	}
	if val == nil && a.Shorthand && nameN != nil && isIdent(name) {
		// `default:` alone: the name is also the value, a reference to the local.
		val = nameN
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
	return r.Value != "" || argAt(pos, named, r) != nil
}
