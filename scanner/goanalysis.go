package scanner

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"slices"

	"github.com/ldfallback/ldfallback/languages"
)

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
		actx, cancel := context.WithTimeout(ctx, s.goTimeout())
		calls, handled, problems, err := s.opts.GoAnalyzer(actx, root, s.cfg)
		timedOut := actx.Err() != nil
		cancel()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		prefix := s.displayPrefix(root)
		if timedOut {
			// Whatever it returned is partial: tree-sitter's results stand, and one warning says why.
			res.Problems = append(res.Problems, Problem{File: orDefault(prefix, "."), Msg: fmt.Sprintf(
				"the typed Go analysis (go/packages) did not finish within %s (--go-types-timeout): tree-sitter scanned the Go files instead; a cold module or build cache is the usual cause (`go mod download`, `go build ./...`)",
				s.goTimeout())})
			continue
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
