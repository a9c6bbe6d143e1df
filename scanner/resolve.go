package scanner

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ldfallback/ldfallback/languages"
)

// After the walk, the keys and fallbacks that calls name but their own file
// does not declare are looked up, per root, in this order:
//  1. the file's own declarations (an alias is followed wherever it leads);
//  2. the name's import binding (languages.Modules: `import { X } from '../flags'`,
//     `from app.flags import X`), in the module file it names;
//  3. the modules the file re-exports whole (`export * from`, `from m import *`);
//  4. the other files of its directory and language family (a package);
//  5. the type rule (`Flags.X` in Flags.cs, else in the files mentioning Flags).
// Files are parsed for their declarations only when a lookup reaches them,
// and at most once per scan. A name that reaches two different values is
// ambiguous and stays unresolved: a guessed key is worse than `key: null`.

// maxRefDepth bounds alias chains and import hops for one lookup.
const maxRefDepth = 24

// lookup modes: which of the steps above run for the name itself (an alias
// met on the way is always looked up in full from the file declaring it).
type lookupMode int

const (
	modeEntry  lookupMode = iota // all steps: the calling file, or an alias's file
	modeExport                   // a module's exports: no siblings
	modeOwn                      // declarations only: siblings, files the type rule reaches
)

// rootResolver resolves pending names within one root.
type rootResolver struct {
	s   *scanner
	ctx context.Context // the budget of the calling file being resolved
	// scanCtx is the scan's: each file parsed for its declarations has its own budget.
	scanCtx context.Context
	e       *extractor
	files   map[string]*result  // rel → walk result
	dirs    map[string][]string // family + dir → rels, sorted
	fams    map[string][]string // family → rels, sorted
	// words memoises wordFiles (family + word) and pathSuffix (family + "/" + suffix).
	words map[string][]string
	// parsed counts the files parsed for their declarations (tests).
	parsed int
	// rootDir is the root's directory on disk ("" for a single-file root),
	// where tsconfig.json files are read; tsDirs memoises their options per directory.
	rootDir string
	tsDirs  map[string]*tsOptions
	// goMods memoises the go.mod nearest to each directory (gomod.go).
	goMods map[string]*goModule
	// problems are the files that ran out of their budget here.
	problems []Problem
	// texts keeps the sibling files mayDeclare read, up to maxSiblingText bytes in all.
	texts     map[string][]byte
	textBytes int
}

// resolveRefs resolves what extraction left pending, in every root.
func (s *scanner) resolveRefs(ctx context.Context, all []result, res *Result) (parsed int) {
	byRoot := map[string][]*result{}
	need := map[string]bool{}
	for i := range all {
		r := &all[i]
		if r.job.lang == nil {
			continue
		}
		byRoot[r.job.root] = append(byRoot[r.job.root], r)
		if r.out != nil && len(r.out.pending) > 0 {
			need[r.job.root] = true
		}
	}
	e := newExtractor()
	defer e.close()
	for root, files := range byRoot {
		if !need[root] {
			continue
		}
		rr := newRootResolver(ctx, s, e, files)
		var rels []string
		for rel, r := range rr.files {
			if r.out != nil && len(r.out.pending) > 0 {
				rels = append(rels, rel)
			}
		}
		sort.Strings(rels)
		for _, rel := range rels {
			if ctx.Err() != nil {
				return parsed
			}
			out := rr.files[rel].out
			// Each calling file has its budget for resolution, which the
			// files it reaches parse within.
			fctx, cancel := s.withBudget(ctx)
			rr.ctx = fctx
			named := len(rr.problems)
			out.pending = rr.resolveFile(out, rel)
			// Named once: when a slow declaration file used the time up, it is the one named.
			if outOfBudget(ctx, fctx) && len(rr.problems) == named {
				rr.problems = append(rr.problems, Problem{File: rel, Msg: fmt.Sprintf(
					"resolving the constants its calls name took longer than the per-file budget of %s (--file-timeout): %d keys or fallbacks left unresolved",
					s.fileTimeout(), len(out.pending))})
			}
			cancel()
		}
		rr.ctx = ctx
		prefix := s.displayPrefix(root)
		for _, p := range rr.problems {
			res.Problems = append(res.Problems, Problem{File: path.Join(prefix, p.File), Msg: p.Msg})
		}
		parsed += rr.parsed
	}
	return parsed
}

// resolveFile resolves a file's pending names, each from its scope's file
// (the file itself unless the pending says otherwise).
func (rr *rootResolver) resolveFile(out *fileOut, rel string) []pending {
	byScope := map[string][]pending{}
	var scopes []string
	for _, p := range out.pending {
		sc := p.scope
		if sc == "" {
			sc = rel
		}
		if _, ok := byScope[sc]; !ok {
			scopes = append(scopes, sc)
		}
		byScope[sc] = append(byScope[sc], p)
	}
	var left []pending
	for _, sc := range scopes {
		left = append(left, resolvePending(out.calls, byScope[sc], rel, func(name string) (constVal, bool) { return rr.resolve(sc, name) })...)
	}
	return left
}

func newRootResolver(ctx context.Context, s *scanner, e *extractor, files []*result) *rootResolver {
	r := &rootResolver{s: s, ctx: ctx, scanCtx: ctx, e: e, files: map[string]*result{}, dirs: map[string][]string{},
		fams: map[string][]string{}, words: map[string][]string{}}
	for _, f := range files {
		rel := f.job.rel
		r.files[rel] = f
		if r.rootDir == "" && f.job.abs != "" && f.job.abs == filepath.Join(f.job.root, filepath.FromSlash(rel)) {
			r.rootDir = f.job.root
		}
		fam := family(f.job.lang)
		r.dirs[fam+"\x00"+path.Dir(rel)] = append(r.dirs[fam+"\x00"+path.Dir(rel)], rel)
		r.fams[fam] = append(r.fams[fam], rel)
	}
	for _, m := range []map[string][]string{r.dirs, r.fams} {
		for _, list := range m {
			sort.Strings(list)
		}
	}
	return r
}

// usable reports whether a walked file's declarations may be read: generated
// files count (generated flag-key constants are real), skipped ones do not.
func usable(r *result) bool {
	return r != nil && r.problem == "" && (r.skip == "" || r.skip == SkipGenerated)
}

// facts returns a file's declarations and import bindings, parsing it the
// first time (a candidate whose extraction needed them has them already).
func (r *rootResolver) facts(rel string) *fileOut {
	res := r.files[rel]
	if !usable(res) {
		return nil
	}
	if res.out != nil && res.out.consts != nil {
		return res.out
	}
	if res.out == nil {
		res.out = &fileOut{}
	}
	res.out.consts = map[string]constVal{} // tried once, whatever happens
	raw, err := os.ReadFile(res.job.abs)
	if err != nil {
		return res.out
	}
	lang, src := res.job.lang, raw
	if isMarkup(rel) {
		lang, src = r.s.codeSource(rel, lang, raw)
	}
	m := res.out.m
	if m == nil {
		if m, err = r.s.matcher(lang); err != nil {
			return res.out
		}
	}
	// The file has a budget of its own, not what is left of the calling
	// file's: a slow file is named as the slow one, and is parsed once.
	fctx, cancel := r.s.withBudget(r.scanCtx)
	defer cancel()
	out, err := r.e.extract(fctx, m, rel, src, false)
	switch {
	case outOfBudget(r.scanCtx, fctx):
		r.problems = append(r.problems, Problem{File: rel, Msg: r.s.budgetMsg("parsing it for the constants it declares", "its constants are not used")})
		return res.out
	case err != nil:
		return res.out
	}
	r.parsed++
	res.out.consts, res.out.binds, res.out.m = out.consts, out.binds, m
	return res.out
}

func (r *rootResolver) lang(rel string, f *fileOut) *languages.Language {
	if f != nil && f.m != nil {
		return f.m.lang
	}
	return r.files[rel].job.lang
}

// resolve looks name up from file rel and returns its single value. A lookup
// that the file's budget cut short answers nothing: it may have missed the
// second value that makes a name ambiguous.
func (r *rootResolver) resolve(rel, name string) (constVal, bool) {
	cv, ok := single(r.lookup(rel, name, modeEntry, &lookupState{seen: map[string]bool{}}))
	if r.ctx.Err() != nil {
		return constVal{}, false
	}
	return cv, ok
}

// maxSiblingText bounds the sibling texts mayDeclare keeps between lookups.
const maxSiblingText = 64 << 20

// mayDeclare reports whether file rel, not yet parsed, may declare name
// (a cheap test before parsing a same-package sibling for it, which on a C#
// tree was most of the resolution's cost). Every key of a file's constants
// begins with text of the file (a declared name or its scope, refName
// applied), and ownPrefix matches name to a key that begins at one of
// name's segments, the last excepted (a bare name is a key itself): a file
// containing none of those segments holds no key that matches.
func (r *rootResolver) mayDeclare(rel, name string) bool {
	res := r.files[rel]
	if res == nil || res.out != nil && res.out.consts != nil {
		return true // parsed already: the lookup is cheap
	}
	src, ok := r.texts[rel]
	if !ok {
		var err error
		if src, err = os.ReadFile(res.job.abs); err != nil {
			return true // facts reports it as it always did
		}
		if r.textBytes+len(src) <= maxSiblingText {
			if r.texts == nil {
				r.texts = map[string][]byte{}
			}
			r.texts[rel] = src
			r.textBytes += len(src)
		}
	}
	segs := strings.Split(name, ".")
	if len(segs) > 1 {
		segs = segs[:len(segs)-1] // a bare name is its own first segment
	}
	for _, seg := range segs {
		if seg == "" || bytes.Contains(src, []byte(seg)) {
			return true
		}
	}
	return false
}

// lookupState guards one lookup against cycles (imports that import each
// other, aliases of aliases): a file and name pair is explored once.
type lookupState struct {
	seen  map[string]bool
	depth int
}

// lookup returns the distinct values name may have, seen from file rel.
func (r *rootResolver) lookup(rel, name string, mode lookupMode, st *lookupState) []constVal {
	k := rel + "\x00" + name
	if name == "" || st.depth >= maxRefDepth || st.seen[k] || r.ctx.Err() != nil {
		return nil
	}
	st.seen[k] = true
	st.depth++
	defer func() { st.depth-- }()
	f := r.facts(rel)
	if f == nil {
		return nil
	}
	lang := r.lang(rel, f)

	// 1. Declared here: a literal, an object, or an alias to follow.
	if cv, rest, ok := ownPrefix(f.consts, name); ok {
		switch {
		case rest == "" && (cv.json != nil || cv.props != nil):
			return []constVal{cv}
		case cv.ref != "":
			return r.lookup(rel, cv.ref+rest, modeEntry, st)
		}
		return nil // declared, but not as a literal
	}
	if mode == modeOwn {
		return nil // a file's imports are its own business
	}
	var out values
	// 2. Bound by an import: only the module it names can declare it.
	if b, rest, ok := bindingFor(f.binds, name); ok {
		if lang.Modules.Path == "gomod" {
			return r.goPackage(rel, lang, b, rest, st)
		}
		if lang.Modules.Path == "qualified" {
			return r.qualified(rel, lang, b.source, rest, st)
		}
		if t := r.module(rel, lang, b.source); t != "" {
			if b.name != "" {
				out.add(r.export(t, b.name+rest, st)...)
			} else if rest != "" {
				out.add(r.export(t, rest[1:], st)...)
			}
		}
		if b.name != "" && rest != "" && lang.Modules.Submodules {
			if t := r.module(rel, lang, submodule(b.source, b.name)); t != "" {
				out.add(r.export(t, rest[1:], st)...)
			}
		}
		return out.list
	}
	// 3. Re-exported whole from another module.
	for _, b := range f.binds {
		if b.local == "" {
			if t := r.module(rel, lang, b.source); t != "" {
				out.add(r.export(t, name, st)...)
			}
		}
	}
	if len(out.list) > 0 {
		return out.list
	}
	// 4. Declared by a file of the same package (directory and family).
	if mode == modeEntry {
		for _, s := range r.dirs[family(r.files[rel].job.lang)+"\x00"+path.Dir(rel)] {
			if s != rel && r.mayDeclare(s, name) {
				out.add(r.lookup(s, name, modeOwn, st)...)
			}
		}
		if len(out.list) > 0 {
			return out.list
		}
	}
	// 5. Type.member, in the type's own file or wherever the type is declared.
	if lang.Modules.TypeFiles != "" {
		return r.typeRule(rel, lang, name, st)
	}
	return nil
}

// export looks a name up among a module's exports.
func (r *rootResolver) export(t, name string, st *lookupState) []constVal {
	if v := r.lookup(t, name, modeExport, st); len(v) > 0 {
		return v
	}
	for _, p := range r.lang(t, r.facts(t)).Modules.Exports {
		if v := r.lookup(t, p+"."+name, modeExport, st); len(v) > 0 {
			return v
		}
	}
	return nil
}

// module returns the walked file a module source names from rel, or "".
func (r *rootResolver) module(rel string, lang *languages.Language, source string) string {
	exists := func(p string) bool { return usable(r.files[p]) }
	if t := modulePaths(&lang.Modules, rel, source, exists); t != "" || lang.Modules.Aliases != "tsconfig" {
		return t
	}
	if strings.HasPrefix(source, ".") {
		return ""
	}
	for _, p := range r.tsAliases(rel, source) {
		if t := modulePath(&lang.Modules, p, exists); t != "" {
			return t
		}
	}
	return ""
}

// qualified looks up what a qualified import (com.acme.Flags, or the static
// com.acme.Flags.KEY) names, followed by rest: in the file whose path ends
// with the longest prefix of it, else by the type rule.
func (r *rootResolver) qualified(rel string, lang *languages.Language, source, rest string, st *lookupState) []constVal {
	segs := strings.Split(source, ".")
	fam := family(lang)
	for k := len(segs); k >= 1; k-- {
		var out values
		for _, t := range r.pathSuffix(fam, strings.Join(segs[:k], "/")) {
			out.add(r.lookup(t, strings.Join(segs[k-1:], ".")+rest, modeOwn, st)...)
		}
		if len(out.list) > 0 {
			return out.list
		}
	}
	return r.typeRule(rel, lang, source+rest, st)
}

// pathSuffix lists the files of a family whose path without extension is suffix or ends with /suffix.
func (r *rootResolver) pathSuffix(fam, suffix string) []string {
	k := fam + "\x00/" + suffix
	if out, ok := r.words[k]; ok {
		return out
	}
	var out []string
	defer func() { r.words[k] = out }()
	for _, t := range r.fams[fam] {
		p := strings.TrimSuffix(t, path.Ext(t))
		if p == suffix || strings.HasSuffix(p, "/"+suffix) {
			out = append(out, t)
		}
	}
	return out
}

// typeRule looks Type.member up in the files named after Type, else in the
// files of the family that mention Type. Only capitalised names are types.
func (r *rootResolver) typeRule(rel string, lang *languages.Language, name string, st *lookupState) []constVal {
	segs := strings.Split(name, ".")
	for i := 0; i+1 < len(segs); i++ {
		typ := segs[i]
		if typ == "" || typ[0] < 'A' || typ[0] > 'Z' {
			continue
		}
		sub := strings.Join(segs[i:], ".")
		var out values
		want := typeFileName(lang.Modules.TypeFiles, typ)
		fam := family(lang)
		for _, t := range r.fams[fam] {
			base := path.Base(t)
			if t != rel && strings.TrimSuffix(base, path.Ext(base)) == want {
				out.add(r.lookup(t, sub, modeOwn, st)...)
			}
		}
		if len(out.list) == 0 {
			files := r.wordFiles(fam, typ)
			if decl := r.words[fam+"\x01"+typ]; len(decl) > 0 {
				// The files that declare the type (`class Flags`) hold its
				// members: the hundreds that only use them need not be parsed.
				files = decl
			}
			for _, t := range files {
				if t != rel {
					out.add(r.lookup(t, sub, modeOwn, st)...)
				}
			}
		}
		if len(out.list) > 0 {
			return out.list
		}
	}
	return nil
}

// wordFiles lists the files of a family that contain word, reading each
// file of the family once per word (it is the type rule's last resort).
func (r *rootResolver) wordFiles(fam, word string) []string {
	k := fam + "\x00" + word
	if list, ok := r.words[k]; ok {
		return list
	}
	var list, decl []string
	for _, rel := range r.fams[fam] {
		res := r.files[rel]
		if !usable(res) {
			continue
		}
		src, err := os.ReadFile(res.job.abs)
		if err == nil && containsWord(src, word) {
			list = append(list, rel)
			if declaresType(src, word) {
				decl = append(decl, rel)
			}
		}
	}
	r.words[k] = list
	r.words[fam+"\x01"+word] = decl
	return list
}

// typeKeywords introduce a type's declaration in the languages with a type
// rule (class, struct, enum, interface, record, object, module, trait).
var typeKeywords = [][]byte{[]byte("class"), []byte("struct"), []byte("enum"), []byte("interface"),
	[]byte("record"), []byte("object"), []byte("module"), []byte("trait")}

// declaresType reports whether src declares a type named word: the word
// follows one of typeKeywords and spaces.
func declaresType(src []byte, word string) bool {
	w := []byte(word)
	for off := 0; off < len(src); {
		i := bytes.Index(src[off:], w)
		if i < 0 {
			return false
		}
		i += off
		off = i + len(w)
		if off < len(src) && isIdentByte(src[off]) {
			continue
		}
		j := i
		for j > 0 && (src[j-1] == ' ' || src[j-1] == '\t') {
			j--
		}
		if j == i {
			continue
		}
		for _, kw := range typeKeywords {
			if bytes.HasSuffix(src[:j], kw) && (j == len(kw) || !isIdentByte(src[j-len(kw)-1])) {
				return true
			}
		}
	}
	return false
}

// ownPrefix finds name, or the longest prefix of it that is an alias
// (FLAGS.x where FLAGS = OTHER), among a file's declarations; rest is what
// follows the prefix. Leading qualifiers are dropped last (pkg.Flags.X → Flags.X).
func ownPrefix(consts map[string]constVal, name string) (constVal, string, bool) {
	if cv, ok := consts[name]; ok {
		return cv, "", true
	}
	for i := strings.LastIndexByte(name, '.'); i > 0; i = strings.LastIndexByte(name[:i], '.') {
		if cv, ok := consts[name[:i]]; ok {
			if cv.ref != "" || cv.props != nil || cv.json != nil {
				return cv, name[i:], true
			}
		}
	}
	for n := name; strings.Count(n, ".") >= 2; {
		n = n[strings.IndexByte(n, '.')+1:]
		if cv, ok := consts[n]; ok {
			return cv, "", true
		}
	}
	return constVal{}, "", false
}

// values is a set of distinct constant values, in the order first met.
type values struct {
	list []constVal
	keys []string
}

func (v *values) add(cvs ...constVal) {
	for _, cv := range cvs {
		k := canon(cv)
		dup := false
		for _, x := range v.keys {
			if x == k {
				dup = true
			}
		}
		if !dup {
			v.keys = append(v.keys, k)
			v.list = append(v.list, cv)
		}
	}
}

// single returns the one value of a name; none or several (ambiguous) is not ok.
func single(vs []constVal) (constVal, bool) {
	if len(vs) != 1 {
		return constVal{}, false
	}
	return vs[0], true
}

// canon is a value's identity for the ambiguity test: equal JSON, or objects
// with equal members, are one value wherever they are declared.
func canon(cv constVal) string {
	if cv.props == nil {
		var b bytes.Buffer
		if json.Compact(&b, cv.json) != nil {
			return "j" + string(cv.json)
		}
		return "j" + b.String()
	}
	keys := make([]string, 0, len(cv.props))
	for k := range cv.props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("{")
	for _, k := range keys {
		b.WriteString(k + ":" + canon(cv.props[k]) + ",")
	}
	return b.String() + "}" + canon(constVal{json: cv.json})
}

// goPackage looks pkg.Name up in the files of the module's package that the
// import names (gomod.go); test files are not the package's API.
func (r *rootResolver) goPackage(rel string, lang *languages.Language, b binding, rest string, st *lookupState) []constVal {
	if b.name != "" || rest == "" {
		return nil
	}
	dir := r.goPackageDir(rel, b.source)
	if dir == "" {
		return nil
	}
	var out values
	for _, t := range r.dirs[family(lang)+"\x00"+dir] {
		if t != rel && !strings.HasSuffix(t, "_test.go") {
			out.add(r.lookup(t, rest[1:], modeOwn, st)...)
		}
	}
	return out.list
}
