package scanner

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/ldfallback/ldfallback/internal/excludes"
	"github.com/ldfallback/ldfallback/internal/inputfile"
	"github.com/ldfallback/ldfallback/languages"
)

// vendoredDirs are directory names whose content is someone else's code.
var vendoredDirs = map[string]bool{"vendor": true, "node_modules": true, "third_party": true, "bower_components": true}

// walker walks one root and hands files to the workers. Subdirectories are
// read in parallel, up to parallel at once (one goroutine reading directories
// cannot keep two parsers busy on a tree of small files); each carries its own
// .gitignore levels, and the collector sorts what comes out. It does not
// follow directory symlinks, so symlink loops cannot trap it.
type walker struct {
	s        *scanner
	ctx      context.Context
	root     string
	jobs     chan<- []job
	exclude  *excludes.Matcher
	walked   *atomic.Int64
	parallel int

	pending sync.WaitGroup // directory readers started beside the first
	// slots bounds the directory readers running beside the first one.
	slots chan struct{}

	mu       sync.Mutex // guards skipped and problems
	skipped  map[string]int
	problems []Problem
}

func (w *walker) skip(reason string) {
	w.mu.Lock()
	w.skipped[reason]++
	w.mu.Unlock()
}

func (w *walker) walk() error {
	if len(w.s.cfg.Exclude) > 0 {
		w.exclude = excludes.Compile(w.s.cfg.Exclude)
	}
	info, err := os.Stat(w.root)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		// A single file: scanned whatever its ignore status, relative to its directory.
		var batch []job
		w.file(&batch, filepath.Base(w.root), w.root, info.Mode())
		w.send(batch)
		return nil
	}
	w.slots = make(chan struct{}, max(w.parallel-1, 0))
	w.dir("", nil)
	w.pending.Wait()
	return nil
}

func (w *walker) dir(rel string, levels []ignoreLevel) {
	if w.ctx.Err() != nil {
		return
	}
	abs := filepath.Join(w.root, filepath.FromSlash(rel))
	entries, err := os.ReadDir(abs)
	if err != nil {
		w.mu.Lock()
		w.problems = append(w.problems, Problem{File: orDefault(rel, "."), Msg: err.Error(), Unreadable: true})
		w.mu.Unlock()
		return
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var batch []job // this directory's files, handed over jobBatch at a time
	defer func() { w.send(batch) }()
	// Only a directory that lists a .gitignore costs a read for it.
	if i := sort.Search(len(entries), func(i int) bool { return entries[i].Name() >= ".gitignore" }); i < len(entries) && entries[i].Name() == ".gitignore" {
		// Bounded, regular files only: a committed symlink to /dev/zero is a problem, not an OOM.
		data, err := inputfile.ReadFile(filepath.Join(abs, ".gitignore"), inputfile.ConfigLimit)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			w.mu.Lock()
			w.problems = append(w.problems, Problem{File: path.Join(rel, ".gitignore"), Msg: "not read: " + unwrapRead(err)})
			w.mu.Unlock()
		}
		if err == nil {
			levels = append(levels[:len(levels):len(levels)], newIgnoreLevel(rel, data))
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
				w.skip(SkipVendored)
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
			w.skip(SkipIgnored)
			continue
		}
		if w.exclude != nil && (w.exclude.MatchesPath(child) || e.IsDir() && w.exclude.MatchesPath(child+"/")) {
			w.skip(SkipExcluded)
			continue
		}
		if e.IsDir() {
			select {
			case w.slots <- struct{}{}:
				w.pending.Add(1)
				go func(child string, levels []ignoreLevel) {
					defer func() { <-w.slots; w.pending.Done() }()
					w.dir(child, levels)
				}(child, levels)
			default:
				w.dir(child, levels)
			}
			continue
		}
		// No stat here: the worker that reads the file learns its size.
		if w.file(&batch, child, filepath.Join(abs, name), mode) == jobBatch {
			w.send(batch)
			batch = nil
		}
	}
}

// jobBatch is the most files handed to a worker at once. One channel
// operation per file woke a parked goroutine per file (7,000 futex and
// nanosleep calls on a tree of small files); a batch per directory, cut at
// this size so that a large directory still feeds every worker, makes it one
// per batch.
const jobBatch = 32

// file adds the file to batch if its language is scanned, and returns the
// batch's length.
func (w *walker) file(batch *[]job, rel, abs string, mode fs.FileMode) int {
	if !mode.IsRegular() {
		return len(*batch)
	}
	l := languages.ByExtension(rel)
	if l == nil || !w.s.hasLanguageP(l) {
		return len(*batch)
	}
	w.walked.Add(1)
	*batch = append(*batch, job{root: w.root, rel: rel, abs: abs, lang: l})
	return len(*batch)
}

// send hands a batch of files to the workers.
func (w *walker) send(batch []job) {
	if len(batch) == 0 {
		return
	}
	select {
	case w.jobs <- batch:
	case <-w.ctx.Done():
	}
}

// unwrapRead drops the *fs.PathError's "read PATH:" (the problem names the file).
func unwrapRead(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
