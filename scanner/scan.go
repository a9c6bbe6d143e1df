package scanner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
	"golang.org/x/term"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/languages"
)

// GoAnalyzer is the typed Go analysis hook (scanner/golang, set by the CLI).
// handled lists the root-relative ('/') files it covered; files it did not
// handle keep their tree-sitter results. Scan runs it after the walk, and only
// for roots where the walk found Go files that pass the pre-filter (loading
// packages is the costly part of a scan), and keeps its calls only in files
// the walk kept (so .gitignore, excludes and generated-file rules apply to it).
type GoAnalyzer func(ctx context.Context, root string, cfg *config.Config) (calls []Call, handled map[string]bool, problems []Problem, err error)

// refsParsedHook, when set (tests), receives the number of files a scan
// parsed for their declarations only, to resolve other files' references.
var refsParsedHook func(n int)

// Options configure a scan.
type Options struct {
	Roots  []string
	Config *config.Config // nil = config.Default()
	// Languages limits the scan; nil = languages.All().
	Languages []*languages.Language
	Workers   int // <= 0: GOMAXPROCS
	// ExtraKeys are flag keys added to the pre-filter, so files that only mention a key are parsed too.
	ExtraKeys []string
	// Progress receives a progress line when it is a terminal and the scan takes over a second.
	Progress   io.Writer
	GoAnalyzer GoAnalyzer
	// MaxFileSize skips larger files (default 2 MiB).
	MaxFileSize int64
	// PathsFromCwd reports every path as it opens from the current directory
	// (see displayPrefix) instead of relative to its root: the CLI's choice,
	// so annotations, SARIF and --fix name files that exist from where it runs.
	PathsFromCwd bool
}

// Skip reasons counted in Stats.Skipped.
const (
	SkipIgnored   = "ignored"   // .gitignore
	SkipExcluded  = "excluded"  // config exclude
	SkipVendored  = "vendored"  // directories: vendor/, node_modules/, third_party/
	SkipGenerated = "generated" // "Code generated ... DO NOT EDIT", @generated
	SkipMinified  = "minified"  // *.min.js, very long lines
	SkipBinary    = "binary"    // NUL bytes
	SkipHuge      = "huge"      // larger than MaxFileSize
)

const defaultMaxFileSize = 2 << 20

// parseTimeout bounds the parse and extraction of one file.
const parseTimeout = 10 * time.Second

// maxLine is the line length above which a candidate file counts as minified.
const maxLine = 4096

type job struct {
	root, rel, abs string
	lang           *languages.Language
}

type result struct {
	job       job
	out       *fileOut
	skip      string
	problem   string
	candidate bool
	bytes     int64
	// goTyped marks a Go candidate that names a Go SDK import or a Go
	// wrapper: only those make the typed analysis worth loading packages for.
	goTyped bool
}

// scanner is one scan's shared state, read-only but for the lazily built matchers.
type scanner struct {
	markers       map[*languages.Language]markers
	goMarkersOnce sync.Once
	goMarkers     []string
	opts          Options
	cfg           *config.Config
	langs         []*languages.Language
	matchers      map[*languages.Language]*lazyMatcher
	// any decides whether a file is a candidate; filter then finds where its
	// strings are (the library automaton is 5x slower, so it reads only candidates).
	any     *anyMatcher
	filter  ahocorasick.AhoCorasick
	maxSize int64
}

// lazyMatcher builds a language's matcher on first use: compiling the queries
// of every language costs about a second, and most trees hold few languages.
type lazyMatcher struct {
	once sync.Once
	m    *matcher
	err  error
}

// matcher returns l's matcher, compiling its queries once per process.
func (s *scanner) matcher(l *languages.Language) (*matcher, error) {
	lm := s.matchers[l]
	if lm == nil {
		return nil, fmt.Errorf("language %s is not part of this scan", l.Name)
	}
	lm.once.Do(func() { lm.m, lm.err = newMatcher(l, s.cfg) })
	return lm.m, lm.err
}

// matcherErr is the first error building a matcher (a broken built-in
// declaration), which fails the scan as it did when matchers were built up front.
func (s *scanner) matcherErr() error {
	for _, l := range s.langs {
		if err := s.matchers[l].err; err != nil {
			return err
		}
	}
	return nil
}

// Scan walks the roots and returns every flag evaluation call found, sorted by file, line, column.
func Scan(ctx context.Context, opts Options) (*Result, error) {
	s := &scanner{opts: opts, cfg: opts.Config, langs: opts.Languages, maxSize: opts.MaxFileSize}
	if s.cfg == nil {
		s.cfg = config.Default()
	}
	if s.langs == nil {
		s.langs = languages.All()
	}
	if s.maxSize <= 0 {
		s.maxSize = defaultMaxFileSize
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	s.matchers = map[*languages.Language]*lazyMatcher{}
	for _, l := range s.langs {
		s.matchers[l] = &lazyMatcher{}
	}
	s.filter = buildFilter(s.langs, s.cfg, opts.ExtraKeys)
	s.any = newAnyMatcher(FilterPatterns(s.langs, s.cfg, opts.ExtraKeys))
	s.markers = fileMarkers(s.langs, s.cfg, opts.ExtraKeys)

	res := &Result{Calls: []Call{}, Stats: Stats{Skipped: map[string]int{}}}
	roots := opts.Roots
	if len(roots) == 0 {
		roots = []string{"."}
	}
	jobs := make(chan job, 256)
	results := make(chan result, 256)
	var walkSkips sync.Map
	var walkErr error
	var walked atomic.Int64
	go func() {
		defer close(jobs)
		for _, root := range roots {
			w := &walker{s: s, root: root, jobs: jobs, ctx: ctx, skipped: map[string]int{}, walked: &walked, parallel: workers}
			if err := w.walk(); err != nil && walkErr == nil {
				walkErr = err
			}
			for k, v := range w.skipped {
				old, _ := walkSkips.LoadOrStore(k, new(int))
				*old.(*int) += v
			}
			for _, p := range w.problems {
				results <- result{job: job{root: root, rel: p.File}, problem: p.Msg}
			}
		}
	}()
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := newExtractor()
			defer e.close()
			for j := range jobs {
				if ctx.Err() != nil {
					continue
				}
				results <- s.process(ctx, e, j)
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	prog := newProgress(opts.Progress)
	var all []result
	for r := range results {
		prog.tick(&res.Stats)
		if r.problem != "" {
			res.Problems = append(res.Problems, Problem{File: path.Join(s.displayPrefix(r.job.root), r.job.rel), Msg: r.problem})
		}
		if r.job.lang == nil {
			continue
		}
		res.Stats.Files++
		res.Stats.Bytes += r.bytes
		if r.skip != "" {
			res.Stats.Skipped[r.skip]++
		}
		if r.candidate {
			res.Stats.Candidates++
		}
		all = append(all, r)
	}
	prog.done()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if walkErr != nil {
		return nil, walkErr
	}
	if err := s.matcherErr(); err != nil {
		return nil, err
	}
	walkSkips.Range(func(k, v any) bool { res.Stats.Skipped[k.(string)] += *v.(*int); return true })

	if n := s.resolveRefs(ctx, all); refsParsedHook != nil {
		refsParsedHook(n)
	}
	goHandled, err := s.goAnalysis(ctx, roots, all, res)
	if err != nil {
		return nil, err
	}
	prefixes := map[string]string{}
	for _, r := range all {
		if r.out != nil && !goHandled[r.job.root][r.job.rel] {
			prefix, ok := prefixes[r.job.root]
			if !ok {
				prefix = s.displayPrefix(r.job.root)
				prefixes[r.job.root] = prefix
			}
			res.Calls = append(res.Calls, prefixCalls(prefix, r.out.calls)...)
		}
	}
	sort.SliceStable(res.Calls, func(i, j int) bool {
		a, b := res.Calls[i], res.Calls[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	sort.SliceStable(res.Problems, func(i, j int) bool { return res.Problems[i].File < res.Problems[j].File })
	if len(res.Stats.Skipped) == 0 {
		res.Stats.Skipped = nil
	}
	return res, nil
}

func family(l *languages.Language) string {
	if l.Inherit != "" {
		return l.Inherit
	}
	return l.Name
}

// process reads, filters and extracts one file.
func (s *scanner) process(ctx context.Context, e *extractor, j job) result {
	r := result{job: j}
	src, err := e.read(j.abs, s.maxSize)
	switch {
	case err == errHuge:
		r.skip = SkipHuge
		return r
	case err != nil:
		r.problem = err.Error()
		return r
	}
	r.bytes = int64(len(src))
	head := src
	if len(head) > 8000 {
		head = head[:8000]
	}
	switch {
	case bytes.IndexByte(head, 0) >= 0:
		r.skip = SkipBinary
		return r
	case isGenerated(head):
		r.skip = SkipGenerated
		return r
	}
	if !s.any.match(src) {
		return r
	}
	if strings.Contains(path.Base(j.rel), ".min.") || hasLongLine(src) {
		r.skip = SkipMinified
		return r
	}
	if !s.markers[j.lang].in(src) {
		return r // a method name alone (a comment saying "variation") yields no call
	}
	// The file is parsed: it keeps the read buffer, and the extractor tells
	// tree-sitter's queries where the pre-filter's strings are.
	hits := s.filter.IterByte(src)
	var spans []span
	for m := hits.Next(); m != nil; m = hits.Next() {
		spans = append(spans, span{m.Start(), m.End()})
	}
	if spans == nil {
		return r // cannot happen: both automata search the same strings
	}
	e.keep()
	lang := j.lang
	if HasScriptBlocks(j.rel) {
		if ts := ScriptLang(src); ts != "" {
			for _, l := range s.langs {
				if l.Name == ts {
					lang = l
				}
			}
		}
		src = ScriptBlocks(src)
	}
	r.candidate = true
	if j.lang.Name == "go" {
		r.goTyped = s.goTyped(src)
	}
	// A pathological input can make a grammar crawl: bound each parse so one
	// file becomes a Problem instead of stalling the scan.
	pctx, cancel := context.WithTimeout(ctx, parseTimeout)
	defer cancel()
	m, err := s.matcher(lang)
	if err != nil {
		return r // Scan reports it
	}
	out, err := e.extractHits(pctx, m, j.rel, src, spans)
	if err != nil {
		r.problem = "parse: " + err.Error()
		return r
	}
	r.out = out
	return r
}

// errHuge is returned by extractor.read for files over the size limit.
var errHuge = errors.New("file too large")

// read reads a file into the worker's buffer, which the next read reuses
// unless keep was called: most files are read, searched and dropped, and a
// fresh buffer for each would make the garbage collector a large part of a scan.
func (e *extractor) read(name string, maxSize int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		// An unreadable file over the limit was skipped as huge before it was opened.
		if fi, serr := os.Stat(name); serr == nil && fi.Size() > maxSize {
			return nil, errHuge
		}
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.Size() > maxSize {
		return nil, errHuge
	}
	// One byte more than the size, so that reaching EOF needs no second buffer.
	need := int(fi.Size()) + 1
	if cap(e.buf) < need {
		e.buf = make([]byte, 0, max(need, 64<<10))
	}
	buf := e.buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // the file grew
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	e.buf = buf
	return buf, nil
}

// keep hands the last read buffer over to its caller: extraction results
// may point into the source.
func (e *extractor) keep() { e.buf = nil }

func isGenerated(head []byte) bool {
	if i := bytes.Index(head, []byte("Code generated")); i >= 0 && bytes.Contains(head[i:], []byte("DO NOT EDIT")) {
		return true
	}
	return bytes.Contains(head, []byte("@generated"))
}

func hasLongLine(src []byte) bool {
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			i = len(src)
		}
		if i > maxLine {
			return true
		}
		if i == len(src) {
			break
		}
		src = src[i+1:]
	}
	return false
}

// buildFilter compiles the automaton that finds where the pre-filter's
// strings are in candidate files, once per scan; workers share it. It reads
// only candidates (anyMatcher screens the rest), so it stays an NFA: the DFA
// is faster to search but costs 25-60 ms to build, more than a scan's candidates take.
func buildFilter(langs []*languages.Language, cfg *config.Config, extra []string) ahocorasick.AhoCorasick {
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.StandardMatch, DFA: false})
	return b.Build(FilterPatterns(langs, cfg, extra))
}

// FilterPatterns returns the pre-filter's byte strings, sorted: SDK import
// markers, method names, wrapper and definition names, and the extra keys. A
// file containing none of them is not parsed. (bench/ hands the same list to
// ripgrep and grep.) nil langs = languages.All(), nil cfg = config.Default().
func FilterPatterns(langs []*languages.Language, cfg *config.Config, extra []string) []string {
	if langs == nil {
		langs = languages.All()
	}
	if cfg == nil {
		cfg = config.Default()
	}
	set := map[string]bool{}
	for _, l := range langs {
		for _, s := range l.SDKs {
			for _, imp := range s.Imports {
				set[imp] = true
			}
		}
		for _, sh := range l.Shapes {
			for _, m := range sh.Methods {
				set[m] = true
			}
		}
		for _, d := range l.Definitions {
			addDef(set, d)
		}
	}
	for _, w := range cfg.Wrappers {
		for _, m := range w.Methods {
			set[m] = true
		}
	}
	for _, d := range cfg.Definitions {
		addDef(set, d)
	}
	for _, k := range extra {
		if k != "" {
			set[k] = true
		}
	}
	pats := make([]string, 0, len(set))
	for p := range set {
		pats = append(pats, p)
	}
	sort.Strings(pats)
	return pats
}

func addDef(set map[string]bool, d languages.Definition) {
	for _, c := range d.Constructors {
		set[c] = true
	}
	if d.KeyProperty != "" {
		set[d.KeyProperty] = true
	}
}

// progress prints a status line to a terminal once a scan has run for a second.
type progress struct {
	w     io.Writer
	start time.Time
	last  time.Time
	shown bool
}

func newProgress(w io.Writer) *progress {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return &progress{}
	}
	return &progress{w: w, start: time.Now()}
}

func (p *progress) tick(st *Stats) {
	if p.w == nil {
		return
	}
	now := time.Now()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last, p.shown = now, true
	fmt.Fprintf(p.w, "\rscanning: %d files, %d parsed, %.1f MB", st.Files, st.Candidates, float64(st.Bytes)/1e6)
}

func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func (s *scanner) hasLanguageP(l *languages.Language) bool {
	for _, x := range s.langs {
		if x == l {
			return true
		}
	}
	return false
}

// displayPrefix is what goes before a root-relative path in output, so that
// every reported path opens from the current directory (annotations, SARIF
// and --fix depend on it): the root as seen from the current directory when
// it is inside it (run from the repository root, paths are repository paths
// whatever PATHs were scanned), else the root as it was given.
func (s *scanner) displayPrefix(root string) string {
	if !s.opts.PathsFromCwd {
		return ""
	}
	dir := root
	if fi, err := os.Stat(root); err == nil && !fi.IsDir() {
		// A file given as a PATH: its root-relative path is its base name.
		dir = filepath.Dir(root)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.ToSlash(filepath.Clean(dir))
	}
	wd, err := os.Getwd()
	if err != nil {
		return filepath.ToSlash(abs)
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(filepath.Clean(dir))
	}
	if rel == "." {
		return ""
	}
	return filepath.ToSlash(rel)
}

// prefixCalls puts prefix before the root-relative paths of calls.
func prefixCalls(prefix string, calls []Call) []Call {
	if prefix == "" {
		return calls
	}
	for i := range calls {
		calls[i].File = path.Join(prefix, calls[i].File)
		if calls[i].FallbackFile != "" {
			calls[i].FallbackFile = path.Join(prefix, calls[i].FallbackFile)
		}
	}
	return calls
}

// goAnalysis runs the typed Go analysis for every root whose walk found a Go
// file naming a Go SDK import or wrapper, adds its calls for the files it handled and the walk kept,
// and returns those files per root (their tree-sitter results are dropped).
func (s *scanner) goAnalysis(ctx context.Context, roots []string, all []result, res *Result) (map[string]map[string]bool, error) {
	if s.opts.GoAnalyzer == nil {
		return nil, nil
	}
	kept := map[string]map[string]bool{} // root -> Go files walked and not skipped
	typed := map[string]bool{}
	for _, r := range all {
		if r.job.lang.Name != "go" || r.skip != "" {
			continue
		}
		if kept[r.job.root] == nil {
			kept[r.job.root] = map[string]bool{}
		}
		kept[r.job.root][r.job.rel] = true
		if r.goTyped {
			typed[r.job.root] = true
		}
	}
	handledBy := map[string]map[string]bool{}
	for _, root := range roots {
		if !typed[root] {
			continue
		}
		calls, handled, problems, err := s.opts.GoAnalyzer(ctx, root, s.cfg)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err != nil || len(handled) == 0 {
			continue // tree-sitter's results stand for this root
		}
		own := map[string]bool{}
		for f := range handled {
			if kept[root][f] {
				own[f] = true
			}
		}
		handledBy[root] = own
		prefix := s.displayPrefix(root)
		for _, c := range calls {
			if own[c.File] {
				res.Calls = append(res.Calls, prefixCalls(prefix, []Call{c})...)
			}
		}
		for _, p := range problems {
			p.File = path.Join(prefix, p.File)
			res.Problems = append(res.Problems, p)
		}
	}
	return handledBy, nil
}

// goTyped reports whether Go source names one of the Go SDKs' imports or a
// wrapper declared for Go.
func (s *scanner) goTyped(src []byte) bool {
	s.goMarkersOnce.Do(func() {
		if l := languages.ByName("go"); l != nil {
			for _, sdk := range l.SDKs {
				s.goMarkers = append(s.goMarkers, sdk.Imports...)
			}
		}
		for _, w := range s.cfg.Wrappers {
			if len(w.Languages) == 0 || slices.Contains(w.Languages, "go") {
				s.goMarkers = append(s.goMarkers, w.Methods...)
			}
		}
	})
	for _, m := range s.goMarkers {
		if bytes.Contains(src, []byte(m)) {
			return true
		}
	}
	return false
}

// markers are the strings a file must contain, beside a pre-filter hit, to be
// worth parsing: every built-in row needs its SDK in the file, by import or by
// receiver name, so a method name alone cannot yield a call. Wrapper and
// definition names, extra keys and the methods of rows that need no SDK count
// as they are.
type markers struct {
	exact [][]byte // case-sensitive: imports, wrappers, definitions (a few dozen)
	// keys finds the extra flag keys in one pass, however many there are;
	// shared by every language, nil without extra keys.
	keys      *ahocorasick.AhoCorasick
	receivers [][]byte // lower-case, matched against the lower-cased file
}

func (m markers) in(src []byte) bool {
	for _, x := range m.exact {
		if bytes.Contains(src, x) {
			return true
		}
	}
	if m.keys != nil && m.keys.IterByte(src).Next() != nil {
		return true // any occurrence yields at least one standard match
	}
	if len(m.receivers) == 0 {
		return false
	}
	lower := bytes.ToLower(src)
	for _, x := range m.receivers {
		if bytes.Contains(lower, x) {
			return true
		}
	}
	return false
}

func fileMarkers(langs []*languages.Language, cfg *config.Config, extra []string) map[*languages.Language]markers {
	var keys *ahocorasick.AhoCorasick
	if nonEmpty := slices.DeleteFunc(slices.Clone(extra), func(k string) bool { return k == "" }); len(nonEmpty) > 0 {
		b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.StandardMatch})
		ac := b.Build(nonEmpty)
		keys = &ac
	}
	out := make(map[*languages.Language]markers, len(langs))
	for _, l := range langs {
		m := markers{keys: keys}
		add := func(x string) {
			if x != "" {
				m.exact = append(m.exact, []byte(x))
			}
		}
		for _, sdk := range l.SDKs {
			for _, imp := range sdk.Imports {
				add(imp)
			}
			for _, r := range sdk.Receivers {
				m.receivers = append(m.receivers, []byte(strings.ToLower(r)))
			}
		}
		for _, sh := range l.Shapes {
			if sh.SDK == "" {
				for _, meth := range sh.Methods {
					add(meth)
				}
			}
		}
		var defs []languages.Definition
		defs = append(defs, l.Definitions...)
		for _, w := range cfg.Wrappers {
			if len(w.Languages) == 0 || slices.Contains(w.Languages, l.Name) || slices.Contains(w.Languages, l.Inherit) {
				for _, meth := range w.Methods {
					add(meth)
				}
			}
		}
		defs = append(defs, cfg.Definitions...)
		for _, d := range defs {
			set := map[string]bool{}
			addDef(set, d)
			for x := range set {
				add(x)
			}
		}
		out[l] = m
	}
	return out
}
