package scanner

// reactflow.go: what the files of a root teach each other about the flags object.
//
// An application rarely reads the flags object where it calls useFlags(): it
// casts it to its own type (`ldUseFlags() as FlagSet`), hands it to its router
// (`createRootRouteWithContext<RouterContext>()`, `RouterContext = { flags:
// FlagSet }`), injects it with its own higher-order component (`{ flags:
// FlagSet }` props), passes it to helpers (`isTrbAdmin(groups, flags)`) and
// wraps it in key hooks (`useFeatureFlag(key) => useFlags()[key]`). Each
// file's walk (react.go) reports what it learned (foLearned); resolveFacts
// joins them per root into foFacts, resolving import paths to the root's
// files, and the files that mention a new fact's name are walked again with
// it, until nothing new is learned (a few rounds). Nothing is guessed from a
// name alone: a type is the flags type only where a file imports it from the
// module that declares it, a helper's parameter is the flags object only when
// every call outside tests passes one, and `context.flags` only where the
// router's context type declares the field with the flags type.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path"
	"sort"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/ldfallback/ldfallback/languages"
)

// typeFact is a type a file learned: the flags object's type ("type") or a
// type whose `flags` member is it ("props"); source is the import it came
// through, "" when the learning file declares it.
type typeFact struct {
	name, source, role string
}

// argFlow is a call of a function (the callee's import source and exported
// name; source "" for the file's own) with, at index, a flags object or not.
type argFlow struct {
	source, name string
	// local is the callee's local name: a default import's module is walked
	// for its default export's name when the candidate is known by it.
	local string
	index int
	flags bool
}

// keyHook is a function of the file whose parameter index is the property a
// flags read takes (`useFeatureFlag(key) => useFlags()[key]`); key: the
// parameter is the flag key itself (`useFlags()[camelCase(key)]`).
type keyHook struct {
	name  string
	index int
	key   bool
}

// foLearned is what one file's walk teaches the other files.
type foLearned struct {
	types     []typeFact
	routerCtx bool
	flows     []argFlow
	keyHooks  []keyHook
	// defaultName is the name of the file's `export default` function or binding.
	defaultName string
	// consumers are components of other modules passed to a consumer factory.
	consumers []importRef
}

// importRef is an imported binding: the source and the exported name
// ("default" for a default import, "*" for a namespace).
type importRef struct {
	source, name string
}

// fnRef names a function of a file.
type fnRef struct {
	file, name string
}

// foFacts are a root's facts, handed to every file walked again.
type foFacts struct {
	fo    *languages.FlagObject
	files []string // the root's JavaScript-family files, root-relative
	// byMod indexes files by path without extension (and without /index);
	// bySuffix the same modules by their last one and two path segments.
	byMod    map[string][]string
	bySuffix map[string][]string
	resolved map[[2]string]string // (directory, source) → file
	hooks    []inferredHook
	// types: declaring file → type name → role.
	types map[string]map[string]string
	// routerCtx: the router's context type has a `flags` member of the flags type.
	routerCtx bool
	// params: function → indexes of parameters that are the flags object.
	params map[fnRef]map[int]bool
	// candidates are functions some call passes a flags object; their
	// calls are recorded (flows) to decide whether every call does.
	candidates map[string]bool
	keyHooks   map[fnRef]keyHook
	defaults   map[string]string // file → its default export's name
	consumers  map[fnRef]bool
}

func newFoFacts(fo *languages.FlagObject, files []string) *foFacts {
	f := &foFacts{fo: fo, files: files, byMod: map[string][]string{}, bySuffix: map[string][]string{},
		resolved: map[[2]string]string{}, types: map[string]map[string]string{},
		params: map[fnRef]map[int]bool{}, candidates: map[string]bool{}, keyHooks: map[fnRef]keyHook{},
		defaults: map[string]string{}, consumers: map[fnRef]bool{}}
	for _, file := range files {
		mod := strings.TrimSuffix(file, path.Ext(file))
		f.byMod[mod] = append(f.byMod[mod], file)
		if strings.HasSuffix(mod, "/index") {
			f.byMod[strings.TrimSuffix(mod, "/index")] = append(f.byMod[strings.TrimSuffix(mod, "/index")], file)
		}
	}
	for mod := range f.byMod {
		segs := strings.Split(mod, "/")
		f.bySuffix[segs[len(segs)-1]] = append(f.bySuffix[segs[len(segs)-1]], mod)
		if len(segs) >= 2 {
			k := strings.Join(segs[len(segs)-2:], "/")
			f.bySuffix[k] = append(f.bySuffix[k], mod)
		}
	}
	return f
}

// resolve is the root file an import source of file from names: relative
// sources exactly, others (tsconfig paths, aliases) as the one file whose
// path ends with the source's last two segments, nearest to from on a tie;
// "" when no file or several equally near ones could be it. A package
// import resolves to no file.
func (f *foFacts) resolve(from, source string) string {
	if f == nil {
		return ""
	}
	if source == "" {
		return from
	}
	if strings.HasPrefix(source, ".") {
		if fs := f.byMod[path.Join(path.Dir(from), source)]; len(fs) == 1 {
			return fs[0]
		}
		return ""
	}
	key := [2]string{path.Dir(from), source}
	if r, ok := f.resolved[key]; ok {
		return r
	}
	r := f.resolveAlias(from, source)
	f.resolved[key] = r
	return r
}

func (f *foFacts) resolveAlias(from, source string) string {
	var segs []string
	for _, p := range strings.Split(source, "/") {
		if p != "" && p != "." && p != ".." && !strings.HasPrefix(p, "@") && p != "~" {
			segs = append(segs, p)
		}
	}
	// One segment is a package ('react', '@scope/pkg'), unless it follows a
	// source-root alias ('@/flags', '~/flags').
	if len(segs) == 0 || len(segs) < 2 && !strings.HasPrefix(source, "@/") && !strings.HasPrefix(source, "~/") {
		return ""
	}
	if len(segs) > 2 {
		segs = segs[len(segs)-2:]
	}
	best, bestLen, n := "", -1, 0
	for _, mod := range f.bySuffix[strings.Join(segs, "/")] {
		fs := f.byMod[mod]
		if len(fs) != 1 {
			continue
		}
		l := commonDirLen(path.Dir(from), path.Dir(fs[0]))
		switch {
		case l > bestLen:
			best, bestLen, n = fs[0], l, 1
		case l == bestLen && fs[0] != best:
			n++
		}
	}
	if n != 1 {
		return ""
	}
	return best
}

// exported is the name an import binds in its module: a default import the
// module's default export.
func (f *foFacts) exported(file string, ref importRef) string {
	if ref.name == "default" {
		return f.defaults[file]
	}
	return ref.name
}

// routerImports are the router packages whose route options receive the
// router's context (TanStack Router: `beforeLoad({ context })`, `loader`;
// the root's context type is the type argument of createRootRouteWithContext).
var routerImports = []string{"@tanstack/react-router", "@tanstack/router"}

// routerContextFactory declares the router context's type; routeContextOptions
// are the route options whose first parameter holds `context`.
const routerContextFactory = "createRootRouteWithContext"

var routeContextOptions = []string{"beforeLoad", "loader", "loaderDeps", "context", "onEnter", "onStay", "onLeave"}

// recompute derives the facts from every file's lessons (outs: file →
// its latest walk). A helper's parameter is the flags object when every call
// outside tests passes one, once checked says a round walked every file that
// mentions the helper (so that no call was left unseen).
func (f *foFacts) recompute(outs map[string]*flagObjectOut, checked map[string]bool) {
	f.hooks, f.routerCtx = nil, false
	f.types, f.params, f.candidates = map[string]map[string]string{}, map[fnRef]map[int]bool{}, map[string]bool{}
	f.keyHooks, f.defaults, f.consumers = map[fnRef]keyHook{}, map[string]string{}, map[fnRef]bool{}
	files := make([]string, 0, len(outs))
	for file := range outs {
		files = append(files, file)
	}
	sort.Strings(files)
	for _, file := range files {
		if d := outs[file].learned.defaultName; d != "" {
			f.defaults[file] = d
		}
	}
	flows := map[fnRef]map[int][]bool{}
	for _, file := range files {
		o := outs[file]
		for _, h := range o.hooks {
			f.hooks = append(f.hooks, inferredHook{file: file, name: h, fo: o.fo})
		}
		l := &o.learned
		for _, t := range l.types {
			decl := f.resolve(file, t.source)
			if decl == "" {
				continue
			}
			if f.types[decl] == nil {
				f.types[decl] = map[string]string{}
			}
			// "type" wins over "props": the flags object's own type.
			if old := f.types[decl][t.name]; old == "" || old == "props" && t.role == "type" {
				f.types[decl][t.name] = t.role
			}
		}
		f.routerCtx = f.routerCtx || l.routerCtx
		for _, k := range l.keyHooks {
			f.keyHooks[fnRef{file, k.name}] = k
		}
		for _, c := range l.consumers {
			if decl := f.resolve(file, c.source); decl != "" {
				if n := f.exported(decl, c); n != "" {
					f.consumers[fnRef{decl, n}] = true
				}
			}
		}
		if testFile(file) {
			continue // a test hands a helper whatever it mocks: neither for nor against
		}
		for _, fl := range l.flows {
			decl := f.resolve(file, fl.source)
			if decl == "" {
				continue
			}
			r := fnRef{decl, f.exported(decl, importRef{fl.source, fl.name})}
			if r.name == "" {
				if fl.flags && fl.local != "" {
					f.candidates[fl.local] = true // until the module's default export is known
				}
				continue
			}
			if flows[r] == nil {
				flows[r] = map[int][]bool{}
			}
			flows[r][fl.index] = append(flows[r][fl.index], fl.flags)
			if fl.flags {
				f.candidates[r.name] = true
			}
		}
	}
	// A call that passes something else vetoes every function of that name:
	// a call through a re-exporting module (an index barrel) resolves to
	// that module, not to the declaring one, and must still count.
	vetoed := map[string]map[int]bool{}
	for r, byIndex := range flows {
		for i, votes := range byIndex {
			for _, v := range votes {
				if !v {
					if vetoed[r.name] == nil {
						vetoed[r.name] = map[int]bool{}
					}
					vetoed[r.name][i] = true
				}
			}
		}
	}
	for r, byIndex := range flows {
		if !checked[r.name] {
			continue
		}
		for i, votes := range byIndex {
			all := len(votes) > 0 && !vetoed[r.name][i]
			if all {
				if f.params[r] == nil {
					f.params[r] = map[int]bool{}
				}
				f.params[r][i] = true
			}
		}
	}
}

// nameSigs are the facts per name a file must mention to depend on them,
// and the modules that declare each name (none: any file mentioning it).
func (f *foFacts) nameSigs() (map[string]string, map[string]map[string]bool) {
	out := map[string]string{}
	decls := map[string]map[string]bool{}
	addDecl := func(name, file string) {
		if decls[name] == nil {
			decls[name] = map[string]bool{}
		}
		decls[name][file] = true
	}
	add := func(name, s string) { out[name] += s + ";" }
	for _, h := range f.hooks {
		add(h.name, "h "+h.file)
		addDecl(h.name, h.file)
	}
	for file, ts := range f.types {
		for n, r := range ts {
			add(n, "t "+file+" "+r)
			addDecl(n, file)
		}
	}
	for r, is := range f.params {
		for i := range is {
			add(r.name, fmt.Sprintf("p %s %d", r.file, i))
		}
		addDecl(r.name, r.file)
	}
	for n := range f.candidates {
		add(n, "c")
		// Every file that mentions a candidate is walked for its calls: one
		// may import it through a re-exporting module.
		addDecl(n, "")
	}
	for r, k := range f.keyHooks {
		add(r.name, fmt.Sprintf("k %s %d %v", r.file, k.index, k.key))
		addDecl(r.name, r.file)
	}
	for r := range f.consumers {
		add(r.name, "w "+r.file)
		addDecl(r.name, r.file)
	}
	if f.routerCtx {
		for _, src := range routerImports {
			add(src, "r")
		}
	}
	for n, s := range out {
		parts := strings.Split(s, ";")
		sort.Strings(parts)
		out[n] = strings.Join(parts, ";")
	}
	return out, decls
}

// relevant reports whether a file may depend on a name's facts: it declares
// the name, or mentions it and the name of a module declaring it (which an
// import of that module spells: `from 'src/featureFlags'`, `from '.'` for an index).
func relevant(raw []byte, rel, name string, decls map[string]bool) bool {
	if !bytes.Contains(raw, []byte(name)) {
		return false
	}
	if has(routerImports, name) {
		// Only route options read the router's context.
		return bytes.Contains(raw, []byte("context"))
	}
	if len(decls) == 0 || decls[""] {
		return true
	}
	for d := range decls {
		if d == rel {
			return true
		}
		mod := strings.TrimSuffix(path.Base(d), path.Ext(d))
		if mod == "index" {
			mod = path.Base(path.Dir(d))
			if bytes.Contains(raw, []byte("'.'")) || bytes.Contains(raw, []byte(`"."`)) {
				return true
			}
		}
		if bytes.Contains(raw, []byte(mod)) {
			return true
		}
	}
	return false
}

// factRounds walks a root's files again with what the others taught
// (foFacts), round after round, each time only the files that mention a name
// whose facts changed, until nothing changes. It returns the root's files
// with flags objects.
func (s *scanner) factRounds(ctx context.Context, e *extractor, walked, have []*result) []*result {
	inHave := map[*result]bool{}
	outs := map[string]*flagObjectOut{}
	var fo *languages.FlagObject
	for _, r := range have {
		inHave[r] = true
		outs[r.job.rel] = r.out.flagObjects
		if fo == nil {
			fo = r.out.flagObjects.fo
		}
	}
	var files []string
	var js []*result
	for _, r := range walked {
		if r.job.lang != nil && family(r.job.lang) == "javascript" && r.skip == "" && r.problem == "" {
			files = append(files, r.job.rel)
			js = append(js, r)
		}
	}
	facts := newFoFacts(fo, files)
	checked := map[string]bool{}
	facts.recompute(outs, checked)
	walkedSig := map[string]string{}
	for round := 0; round < 6 && ctx.Err() == nil; round++ {
		var changedNames []string
		sigs, decls := facts.nameSigs()
		for n, sig := range sigs {
			if walkedSig[n] != sig {
				changedNames = append(changedNames, n)
			}
		}
		if len(changedNames) == 0 {
			break
		}
		sort.Strings(changedNames)
		for _, r := range js {
			if ctx.Err() != nil {
				break
			}
			raw, err := os.ReadFile(r.job.abs)
			if err != nil {
				continue
			}
			mentions := false
			for _, n := range changedNames {
				if relevant(raw, r.job.rel, n, decls[n]) {
					mentions = true
					break
				}
			}
			if !mentions {
				continue
			}
			lang, src := r.job.lang, raw
			if isMarkup(r.job.rel) {
				lang, src = s.codeSource(r.job.rel, lang, raw)
			}
			m, err := s.matcher(lang)
			if err != nil {
				continue
			}
			pctx, cancel := s.withBudget(ctx)
			tree, err := e.parse(pctx, m, src)
			cancel()
			if err != nil {
				continue
			}
			out := extractFlagObjectsWith(m, tree.RootNode(), src, r.job.rel, facts)
			tree.Close()
			if out == nil {
				continue
			}
			outs[r.job.rel] = out
			if r.out == nil {
				r.out = &fileOut{m: m}
			}
			r.out.flagObjects = out
			if !inHave[r] {
				inHave[r] = true
				have = append(have, r)
			}
		}
		for _, n := range changedNames {
			walkedSig[n] = sigs[n]
			if facts.candidates[n] {
				checked[n] = true
			}
		}
		facts.recompute(outs, checked)
	}
	return have
}

// importRefs records the local names an import (not of the SDK) binds.
func (w *foWalker) importRefs(st *sitter.Node, source string) {
	if source == "" {
		return
	}
	for _, r := range routerImports {
		if source == r {
			w.imported["\x00router"] = importRef{source: source}
		}
	}
	walkNodes(st, func(n *sitter.Node) bool {
		switch n.Type() {
		case "import_clause":
			for i := 0; i < int(n.NamedChildCount()); i++ {
				if c := n.NamedChild(i); c.Type() == "identifier" {
					w.imported[c.Content(w.src)] = importRef{source, "default"}
				}
			}
		case "namespace_import":
			for i := 0; i < int(n.NamedChildCount()); i++ {
				if c := n.NamedChild(i); c.Type() == "identifier" {
					w.imported[c.Content(w.src)] = importRef{source, "*"}
				}
			}
			return false
		case "import_specifier":
			if name, local, ok := importSpecifier(n, w.src); ok {
				w.imported[local] = importRef{source, name}
			}
			return false
		}
		return true
	})
}

// applyFacts gives the file's imports of other modules, and its own
// declarations, the roles the facts say they have. It reports whether the
// file has anything to do with the flags object.
func (w *foWalker) applyFacts() bool {
	f := w.facts
	if f == nil || f.fo == nil {
		return false
	}
	if w.fo == nil {
		w.fo = f.fo
	}
	bound := false
	for local, ref := range w.imported {
		if local == "\x00router" {
			if f.routerCtx {
				w.router, bound = true, true
			}
			continue
		}
		decl := f.resolve(w.rel, ref.source)
		if decl == "" {
			continue
		}
		name := f.exported(decl, ref)
		if name == "" || name == "*" {
			bound = bound || f.candidates[local] // ns.helper(flags): flows are recorded
			continue
		}
		if role := f.types[decl][name]; role != "" && w.role[local] == "" {
			w.role[local], bound = role, true
		}
		for _, h := range f.hooks {
			if h.file == decl && h.name == name && w.role[local] == "" {
				w.role[local], bound = "hook", true
			}
		}
		if k, ok := f.keyHooks[fnRef{decl, name}]; ok {
			w.keyHooks[local], bound = k, true
		}
		if f.candidates[name] || f.params[fnRef{decl, name}] != nil {
			bound = true
		}
	}
	for name, role := range f.types[w.rel] {
		if w.role[name] == "" {
			w.role[name], bound = role, true
		}
	}
	for r := range f.params {
		if r.file == w.rel {
			bound = true
		}
	}
	for r, k := range f.keyHooks {
		if r.file == w.rel {
			w.keyHooks[r.name], bound = k, true
		}
	}
	for r := range f.consumers {
		if r.file == w.rel {
			w.consumerNames[r.name], bound = true, true
		}
	}
	for _, h := range f.hooks {
		if h.file == w.rel {
			bound = true
		}
	}
	return bound || len(f.candidates) > 0
}

// sameShapeTypes are the TypeScript utility types that keep a flags object one.
var sameShapeTypes = []string{"Partial", "Readonly", "Required"}

// consumerOrigin is the method reported for a consumer component's reads.
func (w *foWalker) consumerOrigin() string {
	if len(w.fo.Consumers) > 0 {
		return w.fo.Consumers[0]
	}
	return "flags"
}

// classPropsType is the props type of a class component whose props hold
// the flags object (`class X extends React.Component<Props & WithFlags>`),
// "" otherwise.
func (w *foWalker) classPropsType(class *sitter.Node) string {
	var args *sitter.Node
	walkNodes(class, func(n *sitter.Node) bool {
		switch n.Type() {
		case "class_body":
			return false
		case "extends_clause":
			args = n.ChildByFieldName("type_arguments")
			return false
		}
		return args == nil
	})
	if args == nil || args.NamedChildCount() == 0 {
		return ""
	}
	if r, _ := w.typeRole(args.NamedChild(0)); r == "props" {
		return w.typeName(args.NamedChild(0))
	}
	return ""
}

// learnType records a type annotation of the flags object as one of its
// types: a name the file imports (with its source) or declares.
func (w *foWalker) learnType(t *sitter.Node) {
	if t == nil {
		return
	}
	switch t.Type() {
	case "type_annotation", "parenthesized_type", "intersection_type", "type_arguments":
		for i := 0; i < int(t.NamedChildCount()); i++ {
			w.learnType(t.NamedChild(i))
		}
	case "type_identifier":
		name := t.Content(w.src)
		if r := w.role[name]; r == "type" {
			if _, ok := w.imported[name]; !ok && !w.declaresType(name) {
				return // the SDK's own type
			}
		}
		if ref, ok := w.imported[name]; ok && ref.name != "*" {
			w.out.learned.types = append(w.out.learned.types, typeFact{name: ref.name, source: ref.source, role: "type"})
		} else if w.declaresType(name) {
			w.out.learned.types = append(w.out.learned.types, typeFact{name: name, role: "type"})
		}
	}
}

// declaresType reports whether the file declares a type or interface of that name.
func (w *foWalker) declaresType(name string) bool {
	found := false
	walkNodes(w.root(), func(n *sitter.Node) bool {
		if found {
			return false
		}
		switch n.Type() {
		case "type_alias_declaration", "interface_declaration":
			if nn := n.ChildByFieldName("name"); nn != nil && nn.Content(w.src) == name {
				found = true
			}
			return false
		}
		return true
	})
	return found
}

func (w *foWalker) root() *sitter.Node { return w.rootNode }

// learnDecls records the file's own declarations the other files may use:
// its types that are (or hold) the flags object, and its default export.
func (w *foWalker) learnDecls(root *sitter.Node) {
	l := &w.out.learned
	walkNodes(root, func(n *sitter.Node) bool {
		switch n.Type() {
		case "type_alias_declaration", "interface_declaration":
			if nn := n.ChildByFieldName("name"); nn != nil {
				name := nn.Content(w.src)
				if _, imp := w.imported[name]; !imp {
					switch r := w.role[name]; {
					case r == "type":
						l.types = append(l.types, typeFact{name: name, role: r})
					case r == "props" && w.holdsFlags(n, 0):
						// Only a type with a `flags` member of the flags type: one that
						// merely mentions it somewhere (`taxes: FlagSet['taxes']`, a store's
						// state) would spread the role to every type built on it.
						l.types = append(l.types, typeFact{name: name, role: r})
					}
				}
			}
			return false
		case "export_statement":
			isDefault := false
			for i := 0; i < int(n.ChildCount()); i++ {
				if n.Child(i).Type() == "default" {
					isDefault = true
				}
			}
			if !isDefault {
				return true
			}
			if d := n.ChildByFieldName("declaration"); d != nil {
				if nn := d.ChildByFieldName("name"); nn != nil {
					l.defaultName = nn.Content(w.src)
				}
			} else if v := n.ChildByFieldName("value"); v != nil && v.Type() == "identifier" {
				l.defaultName = v.Content(w.src)
			}
			return true
		}
		return true
	})
	// withLDConsumer()(Imported): the component is declared in another module.
	for name := range w.consumerNames {
		if ref, ok := w.imported[name]; ok {
			l.consumers = append(l.consumers, ref)
		}
	}
	sort.Slice(l.consumers, func(i, j int) bool {
		return l.consumers[i].source+l.consumers[i].name < l.consumers[j].source+l.consumers[j].name
	})
}

// fnName is the name a function is declared with (`function f`, `const f = () =>`).
func (w *foWalker) fnName(fn *sitter.Node) string {
	if fn.Type() == "method_definition" {
		return ""
	}
	if nn := fn.ChildByFieldName("name"); nn != nil {
		return nn.Content(w.src)
	}
	if p := fn.Parent(); p != nil && p.Type() == "variable_declarator" {
		if nn := p.ChildByFieldName("name"); nn != nil && nn.Type() == "identifier" {
			return nn.Content(w.src)
		}
	}
	return ""
}

// flowedParams are the parameters of fn that every call passes the flags object.
func (w *foWalker) flowedParams(fn *sitter.Node) map[int]bool {
	if w.facts == nil {
		return nil
	}
	name := w.fnName(fn)
	if name == "" {
		return nil
	}
	return w.facts.params[fnRef{w.rel, name}]
}

// routeOption reports whether fn is a route option that receives the
// router's context (`createRoute({ beforeLoad: ({ context }) => … })`).
func (w *foWalker) routeOption(fn *sitter.Node) bool {
	if !w.router {
		return false
	}
	key := ""
	if fn.Type() == "method_definition" {
		if nn := fn.ChildByFieldName("name"); nn != nil {
			key = nn.Content(w.src)
		}
	} else if p := fn.Parent(); p != nil && p.Type() == "pair" && sameNode(p.ChildByFieldName("value"), fn) {
		if k := p.ChildByFieldName("key"); k != nil {
			key = k.Content(w.src)
		}
	}
	if !has(routeContextOptions, key) {
		return false
	}
	obj := fn.Parent()
	if obj != nil && obj.Type() == "pair" {
		obj = obj.Parent()
	}
	return obj != nil && obj.Type() == "object" && obj.Parent() != nil && obj.Parent().Type() == "arguments"
}

// routerPattern binds the `context` a route option destructures: its `flags` member is the flags object.
func (w *foWalker) routerPattern(pat *sitter.Node, fn *sitter.Node) {
	if pat.Type() != "object_pattern" {
		return
	}
	for i := 0; i < int(pat.NamedChildCount()); i++ {
		p := pat.NamedChild(i)
		switch p.Type() {
		case "shorthand_property_identifier_pattern":
			if p.Content(w.src) == "context" {
				w.bind(fn, "context", foBinding{roleProps, "routerContext"})
			}
		case "pair_pattern":
			if k, v := p.ChildByFieldName("key"), p.ChildByFieldName("value"); k != nil && v != nil && k.Content(w.src) == "context" {
				w.propsPattern(v, "routerContext", fn)
			}
		}
	}
}

// call handles a call: the router's context type, a key hook's read, and the
// flags objects handed to the application's functions (flows).
func (w *foWalker) call(n *sitter.Node) {
	fn, args := n.ChildByFieldName("function"), n.ChildByFieldName("arguments")
	if fn == nil {
		return
	}
	if r, _ := w.calleeRole(fn); r == "hook" {
		w.learnType(n.ChildByFieldName("type_arguments")) // useFlags<FlagSet>()
		return
	}
	if fn.Type() == "identifier" && fn.Content(w.src) == routerContextFactory {
		if ref, ok := w.imported[routerContextFactory]; ok && has(routerImports, ref.source) {
			if ta := n.ChildByFieldName("type_arguments"); ta != nil && ta.NamedChildCount() > 0 {
				if r, _ := w.typeRole(ta.NamedChild(0)); r == "props" {
					w.out.learned.routerCtx = true
				}
			}
		}
	}
	if args == nil || args.Type() != "arguments" {
		return
	}
	var list []*sitter.Node
	for i := 0; i < int(args.NamedChildCount()); i++ {
		if c := args.NamedChild(i); c.Type() != "comment" {
			list = append(list, c)
		}
	}
	var ref importRef
	local := ""
	switch fn.Type() {
	case "identifier":
		local = fn.Content(w.src)
		if k, ok := w.keyHooks[local]; ok && w.lookupRole(local, n).role == roleNone {
			w.keyHookRead(n, local, k, list)
			return
		}
		if r, ok := w.imported[local]; ok && r.name != "*" {
			ref = r
		} else if w.declared[w.rootNode.StartByte()][local] {
			ref = importRef{"", local}
		} else {
			return
		}
	case "member_expression":
		obj, prop := fn.ChildByFieldName("object"), fn.ChildByFieldName("property")
		if obj == nil || prop == nil || obj.Type() != "identifier" {
			return
		}
		r, ok := w.imported[obj.Content(w.src)]
		if !ok || r.name != "*" && r.name != "default" {
			return
		}
		ref = importRef{r.source, prop.Content(w.src)}
	default:
		return
	}
	any := false
	flags := make([]bool, len(list))
	for i, a := range list {
		_, flags[i] = w.flagsExpr(a)
		any = any || flags[i]
	}
	candidate := w.facts != nil && w.facts.candidates[ref.name]
	if !any && !candidate {
		return
	}
	for i := 0; i < len(list) || candidate && i < 4; i++ {
		w.out.learned.flows = append(w.out.learned.flows, argFlow{source: ref.source, name: ref.name, local: local, index: i, flags: i < len(list) && flags[i]})
	}
}

// keyHookRead records a call of a key hook as a read: its argument is the
// property read (or, through camelCase(key), the key itself).
func (w *foWalker) keyHookRead(n *sitter.Node, local string, k keyHook, args []*sitter.Node) {
	if k.index >= len(args) {
		return
	}
	a := converted(args[k.index], w.src, w.lit)
	name, _ := w.stringContent(a)
	w.read(n, name, local, nil, n.Content(w.src))
	rd := &w.out.reads[len(w.out.reads)-1]
	rd.exactKey = k.key
	if name == "" && (a.Type() == "identifier" || a.Type() == "member_expression") {
		rd.nameRef = refName(a.Content(w.src))
	}
}

// keyHookOf records the enclosing function as a key hook when a read's
// computed property is one of its parameters, or camelCase of one.
func (w *foWalker) keyHookOf(n, index *sitter.Node) {
	index = w.unwrap(index)
	if index == nil {
		return
	}
	exact := false
	if index.Type() == "call_expression" {
		f, args := index.ChildByFieldName("function"), index.ChildByFieldName("arguments")
		if f == nil || args == nil || args.NamedChildCount() != 1 || !strings.HasSuffix(strings.ToLower(f.Content(w.src)), "camelcase") {
			return
		}
		index, exact = w.unwrap(args.NamedChild(0)), true
	}
	if index == nil || index.Type() != "identifier" {
		return
	}
	fn := w.scopeOf(n)
	if fn == nil || !isFuncNode(fn.Type()) {
		return
	}
	name := w.fnName(fn)
	if name == "" {
		return
	}
	ps := fn.ChildByFieldName("parameters")
	if ps == nil {
		return
	}
	param := index.Content(w.src)
	i := 0
	for j := 0; j < int(ps.NamedChildCount()); j++ {
		p := ps.NamedChild(j)
		if p.Type() == "comment" {
			continue
		}
		names := map[string]bool{}
		w.patternNames(p, names)
		if names[param] && (p.Type() == "identifier" || p.Type() == "required_parameter" || p.Type() == "optional_parameter") {
			w.out.learned.keyHooks = append(w.out.learned.keyHooks, keyHook{name: name, index: i, key: exact})
			return
		}
		i++
	}
}

// holdsFlags reports whether a type declaration or type has a `flags` member
// of the flags type, itself or through a props type it extends or intersects.
func (w *foWalker) holdsFlags(n *sitter.Node, depth int) bool {
	if n == nil || depth > 6 {
		return false
	}
	switch n.Type() {
	case "property_signature":
		if nn := n.ChildByFieldName("name"); nn != nil && nn.Content(w.src) == "flags" {
			r, _ := w.typeRole(n.ChildByFieldName("type"))
			return r == "type"
		}
		return false
	case "type_identifier":
		return w.role[n.Content(w.src)] == "props"
	case "generic_type":
		// Partial<WithFlags>
		if args := n.ChildByFieldName("type_arguments"); args != nil && has(sameShapeTypes, n.NamedChild(0).Content(w.src)) {
			return w.holdsFlags(args, depth+1)
		}
		return false
	case "interface_declaration", "type_alias_declaration", "object_type", "interface_body", "intersection_type",
		"extends_type_clause", "type_arguments", "parenthesized_type":
		for i := 0; i < int(n.NamedChildCount()); i++ {
			c := n.NamedChild(i)
			if (n.Type() == "interface_declaration" || n.Type() == "type_alias_declaration") && sameNode(c, n.ChildByFieldName("name")) {
				continue
			}
			if w.holdsFlags(c, depth+1) {
				return true
			}
		}
	}
	return false
}

// importSpecifier reads `name` or `name as local` of an ES import's braces.
func importSpecifier(n *sitter.Node, src []byte) (name, local string, ok bool) {
	nm := n.ChildByFieldName("name")
	if nm == nil {
		return "", "", false
	}
	lc := nm
	if a := n.ChildByFieldName("alias"); a != nil {
		lc = a
	}
	return nm.Content(src), lc.Content(src), true
}
