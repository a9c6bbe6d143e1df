package scanner

import (
	"bufio"
	"bytes"
	"path"
	"path/filepath"
	"strings"

	"github.com/ldfallback/ldfallback/internal/inputfile"
)

// Without go/packages (a module that does not load: missing dependencies, a
// cold module cache, no Go toolchain), a Go constant of another package of
// the module is still found: the import path names a directory of the
// module (go.mod's `module` line is the path of the directory holding
// go.mod), and the package is every non-test .go file of that directory.
// The nearest go.mod above the importing file inside the scanned root
// decides; an import of another module is not followed.

// goModule is one go.mod: its module path and directory (root-relative).
type goModule struct {
	path, dir string
}

// goModuleOf returns the module of the go.mod nearest above dir, memoised.
func (r *rootResolver) goModuleOf(dir string) *goModule {
	if r.goMods == nil {
		r.goMods = map[string]*goModule{}
	}
	if m, ok := r.goMods[dir]; ok {
		return m
	}
	var m *goModule
	if r.rootDir != "" {
		if data, err := inputfile.ReadFile(filepath.Join(r.rootDir, filepath.FromSlash(path.Join(dir, "go.mod"))), inputfile.ConfigLimit); err == nil {
			if p := goModDirective(data); p != "" {
				m = &goModule{path: p, dir: dir}
			}
		}
	}
	if m == nil && dir != "." && dir != "/" && dir != "" {
		m = r.goModuleOf(path.Dir(dir))
	}
	r.goMods[dir] = m
	return m
}

// goModDirective reads the module directive of a go.mod ("" when there is none).
func goModDirective(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, "//"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		rest, ok := strings.CutPrefix(line, "module")
		if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t' && rest[0] != '"') {
			continue
		}
		p := strings.Trim(strings.TrimSpace(rest), `"`+"`")
		if p != "" && !strings.ContainsAny(p, " \t") {
			return p
		}
	}
	return ""
}

// goPackageDir is the root-relative directory an import path names from
// file rel, or "" when it is not a package of rel's module inside the root.
func (r *rootResolver) goPackageDir(rel, importPath string) string {
	m := r.goModuleOf(path.Dir(rel))
	if m == nil {
		return ""
	}
	var sub string
	switch {
	case importPath == m.path:
	case strings.HasPrefix(importPath, m.path+"/"):
		sub = importPath[len(m.path)+1:]
	default:
		return ""
	}
	dir := path.Join(m.dir, sub)
	if !inRoot(dir) {
		return ""
	}
	return dir
}

// goPackageName is the name an import without an alias binds: the path's
// last element, without a major-version suffix (…/v2) or a gopkg.in
// version (yaml.v3) or a go- prefix (…/go-flags names package flags by
// convention; when the package clause differs, the constant is not found).
func goPackageName(importPath string) string {
	base := path.Base(importPath)
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" {
		base = path.Base(path.Dir(importPath))
	}
	if i := strings.Index(base, ".v"); i > 0 {
		base = base[:i]
	}
	base = strings.TrimPrefix(base, "go-")
	return strings.ReplaceAll(base, "-", "_")
}
