package scanner

import (
	"os"
	"path"
	"path/filepath"
	"strings"
)

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
		if v := calls[i].Via; v != nil {
			calls[i].Via = &Via{Name: v.Name, File: path.Join(prefix, v.File), Line: v.Line}
		}
		if v := calls[i].Forwards; v != nil {
			calls[i].Forwards = &Via{Name: v.Name, File: path.Join(prefix, v.File), Line: v.Line}
		}
		if calls[i].FallbackFile != "" {
			calls[i].FallbackFile = path.Join(prefix, calls[i].FallbackFile)
		}
	}
	return calls
}
