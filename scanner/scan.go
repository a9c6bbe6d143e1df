package scanner

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

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
	// GoTimeout bounds GoAnalyzer's run on one root (default DefaultGoTimeout).
	GoTimeout time.Duration
	// MaxFileSize skips larger files (default 2 MiB).
	MaxFileSize int64
	// FileTimeout is one file's budget for parsing and extraction, and again
	// for resolving the constants it names (default DefaultFileTimeout).
	FileTimeout time.Duration
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

type job struct {
	root, rel, abs string
	lang           *languages.Language
}

type result struct {
	job     job
	out     *fileOut
	skip    string
	problem string
	// unreadable: problem is that the path could not be read at all.
	unreadable bool
	candidate  bool
	bytes      int64
	// goTyped marks a Go candidate that names a Go SDK import or a Go
	// wrapper: only those make the typed analysis worth loading packages for.
	goTyped bool
}

// scanner is one scan's shared state, read-only but for the lazily built matchers.
type scanner struct {
	markers       map[*languages.Language]*lazyMarkers
	goMarkersOnce sync.Once
	goMarkers     []string
	opts          Options
	cfg           *config.Config
	langs         []*languages.Language
	matchers      map[*languages.Language]*lazyMatcher
	// any decides whether a file is a candidate, and finds where its strings are.
	any *anyMatcher
	// nodeConfigs are the node-config directories read (nodeconfig.go).
	nodeConfigs *nodeConfigs
	maxSize     int64
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

// Scan walks the roots and returns every flag evaluation call found, sorted
// by file, line, column. It only orchestrates; each stage has its own file
// and hands the next a small typed value:
//
//	walk (walk.go) → pre-filter (prefilter.go, file.go) → parse and extract
//	(extract.go, from languages/ data) : []result, with wrapper facts (infer.go)
//	→ wrapper inference (wrappers.go: a second pass over the files that name
//	an inferred wrapper; angular.go: their bindings in Angular templates)
//	→ symbols across files (resolve.go) → React flags
//	objects (react.go) → typed Go analysis (goanalysis.go) → calls
//	(collect.go) : *Result
func Scan(ctx context.Context, opts Options) (*Result, error) {
	s := newScanner(opts)
	res := &Result{Calls: []Call{}, Stats: Stats{Skipped: map[string]int{}}}
	roots := opts.Roots
	if len(roots) == 0 {
		roots = []string{"."}
	}
	all, err := s.extractFiles(ctx, roots, res)
	if err != nil {
		return nil, err
	}
	s.clientPass(ctx, all) // files calling a client built elsewhere in the root (clients.go)
	if !s.cfg.Inference.Off {
		found := s.inferWrappers(ctx, all, res)
		s.templateCalls(ctx, all, found) // Angular templates' directives and pipes (angular.go)
	}
	if n := s.resolveRefs(ctx, all, res); refsParsedHook != nil {
		refsParsedHook(n)
	}
	s.resolveFlagObjects(ctx, all) // React flags objects: names → keys, provider defaults (react.go)
	goHandled, err := s.goAnalysis(ctx, roots, all, res)
	if err != nil {
		return nil, err
	}
	res.Problems = append(res.Problems, s.nodeConfigs.take(s)...)
	s.collect(all, goHandled, res)
	return res, nil
}

// newScanner sets a scan's defaults and builds its pre-filter.
func newScanner(opts Options) *scanner {
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
	s.nodeConfigs = newNodeConfigs()
	s.matchers = map[*languages.Language]*lazyMatcher{}
	for _, l := range s.langs {
		s.matchers[l] = &lazyMatcher{}
	}
	s.any = newAnyMatcher(FilterPatterns(s.langs, s.cfg, opts.ExtraKeys))
	s.markers = fileMarkers(s.langs, s.cfg, opts.ExtraKeys)
	return s
}

func family(l *languages.Language) string {
	if l.Inherit != "" {
		return l.Inherit
	}
	return l.Name
}

func (s *scanner) hasLanguageP(l *languages.Language) bool {
	for _, x := range s.langs {
		if x == l {
			return true
		}
	}
	return false
}

// workers is the number of files worked on at once.
func (s *scanner) workers() int {
	if s.opts.Workers > 0 {
		return s.opts.Workers
	}
	return runtime.GOMAXPROCS(0)
}
