package scanner

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"

	gitignore "github.com/sabhiram/go-gitignore"

	"github.com/ldfallback/ldfallback/languages"
)

// vendoredDirs are directory names whose content is someone else's code.
var vendoredDirs = map[string]bool{"vendor": true, "node_modules": true, "third_party": true, "bower_components": true}

// ignoreLevel is one directory's .gitignore, matched against paths relative to that directory.
type ignoreLevel struct {
	dir string // root-relative, "" for the root
	gi  *gitignore.GitIgnore
	// neg holds the file's "!" patterns as positive ones: go-gitignore applies a
	// negation only within one file, but git lets a deeper file re-include.
	neg *gitignore.GitIgnore
}

func newIgnoreLevel(dir string, lines []string) ignoreLevel {
	var neg []string
	for _, l := range lines {
		if strings.HasPrefix(l, "!") {
			neg = append(neg, l[1:])
		}
	}
	lv := ignoreLevel{dir: dir, gi: gitignore.CompileIgnoreLines(lines...)}
	if len(neg) > 0 {
		lv.neg = gitignore.CompileIgnoreLines(neg...)
	}
	return lv
}

// walker walks one root sequentially and hands files to the workers. It does
// not follow directory symlinks, so symlink loops cannot trap it.
type walker struct {
	s        *scanner
	ctx      context.Context
	root     string
	jobs     chan<- job
	skipped  map[string]int
	problems []Problem
	exclude  *gitignore.GitIgnore
	walked   *atomic.Int64
}

func (w *walker) walk() error {
	if len(w.s.cfg.Exclude) > 0 {
		w.exclude = gitignore.CompileIgnoreLines(w.s.cfg.Exclude...)
	}
	info, err := os.Stat(w.root)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		// A single file: scanned whatever its ignore status, relative to its directory.
		w.file(filepath.Base(w.root), w.root, info.Mode())
		return nil
	}
	w.dir("", nil)
	return nil
}

func (w *walker) dir(rel string, levels []ignoreLevel) {
	if w.ctx.Err() != nil {
		return
	}
	abs := filepath.Join(w.root, filepath.FromSlash(rel))
	entries, err := os.ReadDir(abs)
	if err != nil {
		w.problems = append(w.problems, Problem{File: orDefault(rel, "."), Msg: err.Error()})
		return
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	// Only a directory that lists a .gitignore costs a read for it.
	if i := sort.Search(len(entries), func(i int) bool { return entries[i].Name() >= ".gitignore" }); i < len(entries) && entries[i].Name() == ".gitignore" {
		if data, err := os.ReadFile(filepath.Join(abs, ".gitignore")); err == nil {
			lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
			levels = append(levels[:len(levels):len(levels)], newIgnoreLevel(rel, lines))
		}
	}
	for _, e := range entries {
		name := e.Name()
		child := path.Join(rel, name)
		if e.IsDir() {
			if name == ".git" || name == ".hg" || name == ".svn" {
				continue
			}
			if vendoredDirs[name] {
				w.skipped[SkipVendored]++
				continue
			}
		}
		mode := e.Type()
		if mode&fs.ModeSymlink != 0 {
			// Follow file symlinks only; a directory symlink could loop.
			info, err := os.Stat(filepath.Join(abs, name))
			if err != nil || info.IsDir() {
				continue
			}
			mode = info.Mode()
		}
		if ignoredBy(levels, child, e.IsDir()) {
			w.skipped[SkipIgnored]++
			continue
		}
		if w.exclude != nil && (w.exclude.MatchesPath(child) || e.IsDir() && w.exclude.MatchesPath(child+"/")) {
			w.skipped[SkipExcluded]++
			continue
		}
		if e.IsDir() {
			w.dir(child, levels)
			continue
		}
		// No stat here: the worker that reads the file learns its size.
		w.file(child, filepath.Join(abs, name), mode)
	}
}

func (w *walker) file(rel, abs string, mode fs.FileMode) {
	if !mode.IsRegular() {
		return
	}
	l := languages.ByExtension(rel)
	if l == nil || !w.s.hasLanguageP(l) {
		return
	}
	w.walked.Add(1)
	select {
	case w.jobs <- job{root: w.root, rel: rel, abs: abs, lang: l}:
	case <-w.ctx.Done():
	}
}

// ignoredBy applies every .gitignore from the root down; the deepest one
// that has an opinion wins (negations included, as git does).
func ignoredBy(levels []ignoreLevel, rel string, isDir bool) bool {
	ignored := false
	for _, lv := range levels {
		sub := rel
		if lv.dir != "" {
			sub = strings.TrimPrefix(rel, lv.dir+"/")
		}
		if isDir {
			sub += "/"
		}
		if lv.gi.MatchesPath(sub) {
			ignored = true
		} else if lv.neg != nil && lv.neg.MatchesPath(sub) {
			ignored = false
		}
	}
	return ignored
}
