package scanner

import "sort"

// collect is the last stage: every candidate's calls (in the files the typed
// Go analysis handled, only those of inferred wrappers: it added the SDK
// calls itself), with paths as the
// user sees them, sorted by file, line, column.
func (s *scanner) collect(all []result, goHandled map[string]map[string]bool, res *Result) {
	prefixes := map[string]string{}
	for _, r := range all {
		if r.out == nil {
			continue
		}
		calls := r.out.calls
		if goHandled[r.job.root][r.job.rel] {
			// The typed analysis replaced the SDK calls; calls of inferred
			// wrappers are the wrapper stage's and stay.
			calls = nil
			for _, c := range r.out.calls {
				if c.Via != nil {
					calls = append(calls, c)
				}
			}
		}
		prefix, ok := prefixes[r.job.root]
		if !ok {
			prefix = s.displayPrefix(r.job.root)
			prefixes[r.job.root] = prefix
		}
		res.Calls = append(res.Calls, prefixCalls(prefix, calls)...)
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
}
