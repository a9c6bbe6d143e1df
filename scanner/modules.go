package scanner

import (
	"bytes"
	"encoding/json"
	"path"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/ldfallback/ldfallback/languages"
)

// binding is one name a file takes from another module (languages.Modules):
// `import { a as b } from './m'` is {local: b, source: ./m, name: a}.
type binding struct {
	// local is the name in the importing file; "" for a star re-export.
	local string
	// source is the module as written, without quotes.
	source string
	// name is the exported name; "" = the whole module (namespace, star).
	name string
}

// collectBindings runs the language's modules query over the whole file.
func collectBindings(qc *sitter.QueryCursor, m *matcher, root *sitter.Node, src []byte) []binding {
	q, err := m.comp.Modules()
	if q == nil || err != nil {
		return nil // a broken built-in query fails TestDeclarations
	}
	runQuery(qc, q, root, wholeFile[0])
	var out []binding
	for {
		match, ok := qc.NextMatch()
		if !ok {
			break
		}
		match = qc.FilterPredicates(match, src)
		var b binding
		star := false
		for _, c := range match.Captures {
			text := strings.Join(strings.Fields(c.Node.Content(src)), "")
			switch q.CaptureNameForId(c.Index) {
			case "source":
				b.source = moduleSource(m, c.Node, src)
			case "name":
				b.name = text
			case "alias", "namespace":
				b.local = text
			case "default":
				b.local, b.name = text, "default"
			case "star":
				star = true
			}
		}
		if b.source == "" {
			continue
		}
		if m.lang.Modules.Path == "gomod" && strings.HasPrefix(b.local, `"`) {
			// An import without a name binds the package's name.
			b.local = goPackageName(b.source)
		}
		if star {
			b.local, b.name = "", ""
		} else if b.local == "" {
			b.local = b.name
		}
		if !star && b.local == "" {
			continue
		}
		out = append(out, b)
	}
	return out
}

// moduleSource is a module's name: a string literal's value, else the node's
// text without spaces (Python's dotted names and relative imports).
func moduleSource(m *matcher, n *sitter.Node, src []byte) string {
	if v, t, ok := literal(n, src, &m.lang.Literals); ok && t == TypeString {
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
	}
	return strings.Join(strings.Fields(n.Content(src)), "")
}

// bindingFor returns the binding whose local name is name or its longest
// prefix ending at a '.', and the rest of name after it ("" or ".x.y").
func bindingFor(binds []binding, name string) (binding, string, bool) {
	best, found := binding{}, false
	for _, b := range binds {
		if b.local == "" || len(b.local) > len(name) || (found && len(b.local) <= len(best.local)) {
			continue
		}
		if name == b.local || strings.HasPrefix(name, b.local+".") {
			best, found = b, true
		}
	}
	if !found {
		return binding{}, "", false
	}
	return best, name[len(best.local):], true
}

// submodule is the module source naming module `name` inside the package `source`.
func submodule(source, name string) string {
	if strings.Trim(source, ".") == "" {
		return source + name // from . import flags → .flags
	}
	return source + "." + name
}

// modulePaths lists, best first, the root-relative file names that a module
// source may name from the file rel, by the language's rule; exists says
// which files the walk found. Only the first existing file counts (as the
// language's own resolution does).
func modulePaths(mod *languages.Modules, rel, source string, exists func(string) bool) string {
	var bases []string // candidate module paths without extension
	switch mod.Path {
	case "relative":
		if !(source == "." || source == ".." || strings.HasPrefix(source, "./") || strings.HasPrefix(source, "../")) {
			return "" // a package, or a path alias: not followed
		}
		p := path.Join(path.Dir(rel), source)
		if !inRoot(p) {
			return ""
		}
		return modulePath(mod, p, exists)
	case "dotted":
		dots := len(source) - len(strings.TrimLeft(source, "."))
		rest := strings.ReplaceAll(source[dots:], ".", "/")
		if dots > 0 {
			dir := path.Dir(rel)
			for i := 1; i < dots; i++ {
				dir = path.Dir(dir)
			}
			p := path.Join(dir, rest)
			if !inRoot(p) || (dots > 1 && strings.Count(rel, "/") < dots-1) {
				return ""
			}
			bases = append(bases, p)
		} else {
			// An absolute module, from the nearest ancestor that holds it.
			for dir := path.Dir(rel); ; dir = path.Dir(dir) {
				bases = append(bases, path.Join(dir, rest))
				if dir == "." || dir == "/" {
					break
				}
			}
		}
	default:
		return ""
	}
	return firstFile(mod, bases, exists)
}

// modulePath is the file a root-relative module path names: itself, the
// same name with another of the language's extensions ('./flags.js' may be
// flags.ts), or the directory's index file; "" when none was walked.
func modulePath(mod *languages.Modules, p string, exists func(string) bool) string {
	if exists(p) {
		return p
	}
	var bases []string
	if ext := path.Ext(p); ext != "" && has(mod.Extensions, ext) {
		bases = append(bases, strings.TrimSuffix(p, ext))
	}
	return firstFile(mod, append(bases, p), exists)
}

// firstFile tries each base with the language's extensions, then as a directory's index.
func firstFile(mod *languages.Modules, bases []string, exists func(string) bool) string {
	for _, b := range bases {
		if path.Base(b) != "." && b != "." {
			for _, ext := range mod.Extensions {
				if exists(b + ext) {
					return b + ext
				}
			}
		}
		for _, idx := range mod.Index {
			for _, ext := range mod.Extensions {
				if p := path.Join(b, idx+ext); exists(p) {
					return p
				}
			}
		}
	}
	return ""
}

func inRoot(p string) bool { return p != ".." && !strings.HasPrefix(p, "../") }

// typeFileName is the base name (without extension) of the file expected to
// declare type typ: "same" keeps it, "snake" spells FeatureFlags feature_flags.
func typeFileName(style, typ string) string {
	if style != "snake" {
		return typ
	}
	var b strings.Builder
	for i, r := range typ {
		if r >= 'A' && r <= 'Z' {
			if i > 0 && !(typ[i-1] >= 'A' && typ[i-1] <= 'Z') {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// containsWord reports whether word occurs in src between non-identifier bytes.
func containsWord(src []byte, word string) bool {
	w := []byte(word)
	for off := 0; off < len(src); {
		i := bytes.Index(src[off:], w)
		if i < 0 {
			return false
		}
		i += off
		end := i + len(word)
		if (i == 0 || !isIdentByte(src[i-1])) && (end == len(src) || !isIdentByte(src[end])) {
			return true
		}
		off = i + 1
	}
	return false
}

func isIdentByte(b byte) bool { return isAlnum(b) || b == '_' || b == '$' }
