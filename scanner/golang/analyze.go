package golang

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/internal/excludes"
	"github.com/ldfallback/ldfallback/languages"
	"github.com/ldfallback/ldfallback/scanner"
)

// Language is the value of scanner.Call.Language for every call found here.
const Language = "go"

// Options tune AnalyzeWith beyond what the config says.
type Options struct {
	// Keep, when set, is asked about every file by its root-relative path
	// (with '/'); files it rejects are neither scanned nor handled. The CLI
	// passes its walker's .gitignore matcher so both paths skip the same files.
	Keep func(rel string) bool
	// Env is appended to the environment of the go command (after the
	// offline settings, so a test can point GOFLAGS or GOMODCACHE elsewhere).
	Env []string
}

// Analyze is AnalyzeWith with no options. It is the scanner's Go hook.
func Analyze(ctx context.Context, root string, cfg *config.Config) (calls []scanner.Call, handled map[string]bool, problems []scanner.Problem, err error) {
	return AnalyzeWith(ctx, root, cfg, Options{})
}

// AnalyzeWith loads every Go module under root (the one root is in, and any
// nested ones), type-checks it, and returns:
//   - calls: every SDK or wrapper call in a handled file, sorted by file,
//     line, column;
//   - handled: the root-relative paths of the .go files that loaded and
//     type-checked cleanly (their package and its dependencies have no
//     errors); the tree-sitter scanner must skip exactly these;
//   - problems: one per package or module that did not load cleanly (its files
//     are not handled);
//   - err: only when no module under root could be loaded at all (no go.mod,
//     the go command failed), or ctx was cancelled. Then nothing is handled.
func AnalyzeWith(ctx context.Context, root string, cfg *config.Config, opts Options) (calls []scanner.Call, handled map[string]bool, problems []scanner.Problem, err error) {
	if cfg == nil {
		cfg = config.Default()
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, nil, nil, err
	}
	a := &analyzer{
		root:     absRoot,
		realRoot: evalSymlinks(absRoot),
		keep:     opts.Keep,
		handled:  map[string]bool{},
		seen:     map[callID]bool{},
		consts:   map[posKey]constDecl{},
		src:      map[string][]byte{},
	}
	if len(cfg.Exclude) > 0 {
		a.exclude = excludes.Compile(cfg.Exclude)
	}
	a.sdks, a.shapes = knowledge()
	a.byMethod = map[string][]languages.Shape{}
	for _, s := range a.shapes {
		for _, m := range s.Methods {
			a.byMethod[m] = append(a.byMethod[m], s)
		}
	}
	a.wrappers = map[string][]languages.Shape{}
	for _, w := range cfg.Wrappers {
		if len(w.Languages) > 0 && !contains(w.Languages, Language) {
			continue
		}
		for _, m := range w.Methods {
			a.wrappers[m] = append(a.wrappers[m], w)
		}
	}

	a.needles = needles(sharedShapes(), a.wrappers)
	mods, err := a.findModules()
	if err != nil {
		return nil, nil, nil, err
	}
	loaded := 0
	var loadErrs []error
	for _, dir := range mods {
		if err := ctx.Err(); err != nil {
			return nil, nil, nil, err
		}
		pkgs, err := a.load(ctx, dir, opts.Env)
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, nil, ctx.Err()
			}
			loadErrs = append(loadErrs, err)
			a.problems = append(a.problems, scanner.Problem{File: a.relDir(dir), Msg: "go/packages: " + oneLine(err.Error())})
			continue
		}
		loaded++
		a.analyzeModule(pkgs)
	}
	if loaded == 0 {
		return nil, nil, nil, fmt.Errorf("no Go module under %s could be loaded: %w", root, errors.Join(loadErrs...))
	}
	sortCalls(a.calls)
	sort.Slice(a.problems, func(i, j int) bool {
		if a.problems[i].File != a.problems[j].File {
			return a.problems[i].File < a.problems[j].File
		}
		return a.problems[i].Msg < a.problems[j].Msg
	})
	return a.calls, a.handled, a.problems, nil
}

const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedSyntax |
	packages.NeedTypes | packages.NeedTypesInfo | packages.NeedImports

// load runs go/packages on one module directory, offline, in two passes.
// The first lists every package and its files without compiling anything;
// only the candidates (packages that import an SDK or whose files mention an
// evaluation method or a wrapper) and the module's packages they import
// directly (where their key and fallback constants live) are then parsed and
// type-checked. The other packages hold no call; they are not handled, and
// the tree-sitter pre-filter rejects their files at once.
func (a *analyzer) load(ctx context.Context, dir string, extraEnv []string) ([]*packages.Package, error) {
	mod := "-mod=readonly"
	if _, err := os.Stat(filepath.Join(dir, "vendor", "modules.txt")); err == nil {
		mod = "-mod=vendor"
	}
	env := append(withoutSecrets(os.Environ()),
		"GOPROXY=off",           // never download a module
		"GOFLAGS="+goflags(mod), // never rewrite go.mod / go.sum
		"GOTOOLCHAIN=local",     // never download a toolchain
	)
	env = append(env, withoutSecrets(extraEnv)...)
	cfg := &packages.Config{
		Context: ctx,
		Mode:    packages.NeedName | packages.NeedFiles | packages.NeedImports,
		Dir:     dir,
		Env:     env,
		Tests:   true,
	}
	list, err := packages.Load(cfg, "./...")
	if err != nil {
		return nil, err
	}
	patterns := a.candidates(list)
	if len(patterns) == 0 {
		return nil, nil
	}
	cfg.Mode = loadMode
	return packages.Load(cfg, patterns...)
}

// candidates returns the import paths to type-check, sorted.
func (a *analyzer) candidates(list []*packages.Package) []string {
	base := func(p *packages.Package) string { return strings.TrimSuffix(p.PkgPath, "_test") }
	local := map[string]bool{}
	for _, p := range list {
		local[base(p)] = true
	}
	want := map[string]bool{}
	for _, p := range list {
		if strings.HasSuffix(p.PkgPath, ".test") || !a.isCandidate(p) {
			continue
		}
		want[base(p)] = true
		for path := range p.Imports {
			if local[path] {
				want[path] = true
			}
		}
	}
	out := make([]string, 0, len(want))
	for path := range want {
		out = append(out, path)
	}
	sort.Strings(out)
	return out
}

func (a *analyzer) isCandidate(p *packages.Package) bool {
	for path := range p.Imports {
		for _, s := range a.sdks {
			for _, imp := range s.Imports {
				if importMatches(path, imp) {
					return true
				}
			}
		}
	}
	for _, name := range p.GoFiles {
		src := a.source(name)
		for _, n := range a.needles {
			if bytes.Contains(src, n) {
				return true
			}
		}
	}
	return false
}

// needles are the byte strings that make a package without an SDK import a
// candidate (a call through the user's own interface, or a wrapper): the
// shared rows' method names, minus those containing another, and the wrapper
// names. The typed-only rows (OpenFeature's Boolean, String, …) are left out:
// they are too common to filter on, and their files import the SDK.
func needles(shapes []languages.Shape, wrappers map[string][]languages.Shape) [][]byte {
	names := map[string]bool{}
	for _, s := range shapes {
		for _, m := range s.Methods {
			names[m] = true
		}
	}
	var out [][]byte
	for n := range names {
		redundant := false
		for o := range names {
			if o != n && strings.Contains(n, o) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, []byte(n))
		}
	}
	for n := range wrappers {
		out = append(out, []byte(n))
	}
	return out
}

// goflags keeps the user's GOFLAGS (build tags matter) but forces the -mod mode.
func goflags(mod string) string {
	var out []string
	for _, f := range strings.Fields(os.Getenv("GOFLAGS")) {
		if !strings.HasPrefix(f, "-mod=") && !strings.HasPrefix(f, "--mod=") {
			out = append(out, f)
		}
	}
	return strings.Join(append(out, mod), " ")
}

type posKey struct {
	file   string
	offset int
}

type callID posKey

// constDecl is the declaration of a constant in a loaded package: the
// expression of its value (nil when implicit, as in an iota group).
type constDecl struct {
	value ast.Expr
	info  *types.Info
}

type analyzer struct {
	root, realRoot string
	keep           func(string) bool
	exclude        *excludes.Matcher

	sdks     []sdk
	shapes   []languages.Shape
	byMethod map[string][]languages.Shape
	wrappers map[string][]languages.Shape
	needles  [][]byte

	fset     *token.FileSet
	consts   map[posKey]constDecl
	calls    []scanner.Call
	handled  map[string]bool
	problems []scanner.Problem
	seen     map[callID]bool

	mu  sync.Mutex
	src map[string][]byte // file contents, by absolute name
}

// analyzeModule indexes constants, decides which files are handled, and
// extracts the calls of the clean packages.
func (a *analyzer) analyzeModule(pkgs []*packages.Package) {
	if len(pkgs) > 0 {
		a.fset = pkgs[0].Fset
	}
	// Test variants repeat a package's files: a file is handled when any
	// clean package holds it, and a package is clean when neither it nor a
	// dependency has errors (a missing import makes its types partial).
	var clean []*packages.Package
	reported := map[string]bool{}
	for _, p := range pkgs {
		if p.Fset != nil {
			a.fset = p.Fset
		}
		if len(p.Errors) == 0 && !p.IllTyped && p.TypesInfo != nil {
			clean = append(clean, p)
			a.indexConsts(p)
			continue
		}
		path := strings.TrimSuffix(p.PkgPath, "_test")
		if reported[path] || len(p.GoFiles) == 0 && len(p.Errors) == 0 {
			continue
		}
		reported[path] = true
		a.problems = append(a.problems, a.packageProblem(p))
	}
	for _, p := range clean {
		for _, f := range p.Syntax {
			tf := a.fset.File(f.FileStart)
			if tf == nil {
				continue
			}
			name := tf.Name()
			rel, ok := a.rel(name)
			if !ok || !strings.HasSuffix(name, ".go") || !a.wanted(rel) {
				continue
			}
			a.handled[rel] = true
			a.scanFile(p, f, name, rel)
		}
	}
}

func (a *analyzer) packageProblem(p *packages.Package) scanner.Problem {
	file := ""
	msg := "a dependency has errors"
	if len(p.Errors) > 0 {
		// Prefer an error with a position (the type error itself) to the
		// go command's summary of the failed compile.
		e := p.Errors[0]
		for _, x := range p.Errors {
			if x.Pos != "" && x.Pos != "-" {
				e = x
				break
			}
		}
		msg = oneLine(e.Msg)
		if n := len(p.Errors); n > 1 {
			msg += fmt.Sprintf(" (and %d more)", n-1)
		}
		if pos := e.Pos; pos != "" && pos != "-" {
			if name, _, ok := strings.Cut(pos, ":"); ok {
				if r, ok := a.rel(name); ok {
					file = r
				}
			}
		}
	}
	if file == "" && len(p.GoFiles) > 0 {
		if r, ok := a.rel(filepath.Dir(p.GoFiles[0])); ok {
			file = r
		}
	}
	return scanner.Problem{File: file, Msg: fmt.Sprintf("go/packages: package %s not type-checked (left to tree-sitter): %s", p.PkgPath, msg)}
}

// indexConsts records where each constant of a clean package is declared,
// so a fallback given as a constant can point --fix at its literal.
func (a *analyzer) indexConsts(p *packages.Package) {
	for _, f := range p.Syntax {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, s := range gd.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					var v ast.Expr
					if i < len(vs.Values) && len(vs.Values) == len(vs.Names) {
						v = vs.Values[i]
					}
					a.consts[a.key(n.Pos())] = constDecl{value: v, info: p.TypesInfo}
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			// Function-local constants too.
			ds, ok := n.(*ast.DeclStmt)
			if !ok {
				return true
			}
			if gd, ok := ds.Decl.(*ast.GenDecl); ok && gd.Tok == token.CONST {
				for _, s := range gd.Specs {
					vs := s.(*ast.ValueSpec)
					for i, n := range vs.Names {
						var v ast.Expr
						if i < len(vs.Values) && len(vs.Values) == len(vs.Names) {
							v = vs.Values[i]
						}
						a.consts[a.key(n.Pos())] = constDecl{value: v, info: p.TypesInfo}
					}
				}
			}
			return false
		})
	}
}

func (a *analyzer) key(p token.Pos) posKey {
	pos := a.fset.PositionFor(p, false)
	return posKey{file: pos.Filename, offset: pos.Offset}
}

// wanted applies the config's exclude list and the caller's filter.
func (a *analyzer) wanted(rel string) bool {
	if a.exclude != nil && a.exclude.MatchesPath(rel) {
		return false
	}
	return a.keep == nil || a.keep(rel)
}

// rel makes an absolute file name relative to the root, with '/'. It fails
// for files outside the root (cgo output in the build cache).
func (a *analyzer) rel(name string) (string, bool) {
	for _, root := range []string{a.root, a.realRoot} {
		r, err := filepath.Rel(root, name)
		if err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(r), true
		}
	}
	if real := evalSymlinks(name); real != name {
		r, err := filepath.Rel(a.realRoot, real)
		if err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(r), true
		}
	}
	return "", false
}

func (a *analyzer) relDir(dir string) string {
	if r, ok := a.rel(dir); ok {
		return r
	}
	return dir
}

// source returns a file's bytes, read once.
func (a *analyzer) source(name string) []byte {
	a.mu.Lock()
	defer a.mu.Unlock()
	if b, ok := a.src[name]; ok {
		return b
	}
	b, _ := os.ReadFile(name)
	a.src[name] = b
	return b
}

func evalSymlinks(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	return s
}

func sortCalls(cs []scanner.Call) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

// secretVars are not passed to the go command: it runs compile, cgo and gcc
// (and cgo directives) of the scanned module, which need no credential.
var secretVars = map[string]bool{
	"LD_SDK_KEY": true, "LD_API_TOKEN": true, "LD_ACCESS_TOKEN": true,
	"LAUNCHDARKLY_SDK_KEY": true, "LAUNCHDARKLY_API_TOKEN": true, "LAUNCHDARKLY_ACCESS_TOKEN": true,
}

// withoutSecrets is env without the LaunchDarkly credentials.
func withoutSecrets(env []string) []string {
	out := make([]string, 0, len(env))
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		if !secretVars[strings.ToUpper(name)] {
			out = append(out, kv)
		}
	}
	return out
}
