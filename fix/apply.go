package fix

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/aymanbagabas/go-udiff"

	"github.com/ldfallback/ldfallback/internal/atomicfile"
	"github.com/ldfallback/ldfallback/internal/escape"
	"github.com/ldfallback/ldfallback/scanner"
)

// Result is what Apply did.
type Result struct {
	// Applied are the edits written (or shown, with diffOnly), New filled in.
	Applied []Edit
	// Skipped are edits Apply refused, with the reason.
	Skipped []Skipped
	// Files are the files rewritten (or that would be), sorted.
	Files []string
	// Failed are the files whose write failed (left as they were), sorted.
	Failed []Failed
}

// Failed is a file Apply could not write.
type Failed struct {
	File string
	Err  error
}

// WriteError is Apply's error when some files could not be written; the
// others were written all the same (Result.Files).
type WriteError struct {
	Failed []Failed
}

func (e *WriteError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "could not write %d file(s): ", len(e.Failed))
	for i, f := range e.Failed {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s: %v", f.File, f.Err)
	}
	return b.String()
}

// Apply rewrites the edits' spans under root. A file is rewritten only if
// every span still holds its old value, the new text renders safely, and the
// result parses; otherwise the file's edits are skipped and the file is left
// untouched. With diffOnly it writes a unified diff to w and no file. A
// failed write does not stop the others: the error is a *WriteError listing
// the files not written, and Result.Files the ones written. Everything else
// is a skip.
func Apply(root string, edits []Edit, diffOnly bool, w io.Writer) (*Result, error) {
	return ApplyWithin(root, nil, edits, diffOnly, w)
}

// ApplyWithin is Apply where every file must lie inside one of the
// directories within (the scanned PATHs; nil means root) where it really
// is when it is read and written, not only where its path says: every open,
// the temp file and the rename go through an os.Root of that directory, so
// a directory swapped for a symlink leading out of it after the scan is
// refused instead of followed.
func ApplyWithin(root string, within []string, edits []Edit, diffOnly bool, w io.Writer) (*Result, error) {
	if len(within) == 0 {
		within = []string{root}
	}
	roots := newRoots(within)
	defer roots.close()
	byFile := map[string][]Edit{}
	var files []string
	for _, e := range edits {
		if _, ok := byFile[e.File]; !ok {
			files = append(files, e.File)
		}
		byFile[e.File] = append(byFile[e.File], e)
	}
	sort.Strings(files)
	res := &Result{}
	for _, file := range files {
		applied, skipped, err := applyFile(roots, root, file, byFile[file], diffOnly, w)
		res.Skipped = append(res.Skipped, skipped...)
		if err != nil {
			if diffOnly {
				return res, err // the diff's writer failed: no point going on
			}
			res.Failed = append(res.Failed, Failed{File: file, Err: err})
			continue
		}
		if len(applied) > 0 {
			res.Applied = append(res.Applied, applied...)
			res.Files = append(res.Files, file)
		}
	}
	if len(res.Failed) > 0 {
		return res, &WriteError{Failed: res.Failed}
	}
	return res, nil
}

// roots opens each directory files must stay in once.
type roots struct {
	dirs   []string // absolute, cleaned
	opened map[string]*os.Root
	errs   map[string]error
}

func newRoots(within []string) *roots {
	r := &roots{opened: map[string]*os.Root{}, errs: map[string]error{}}
	for _, d := range within {
		if fi, err := os.Stat(d); err == nil && !fi.IsDir() {
			d = filepath.Dir(d) // a file given as a PATH
		}
		if abs, err := filepath.Abs(d); err == nil {
			r.dirs = append(r.dirs, abs)
		}
	}
	// The deepest first, so a file is opened relative to its own PATH.
	sort.Slice(r.dirs, func(i, j int) bool { return len(r.dirs[i]) > len(r.dirs[j]) })
	return r
}

// find returns the os.Root holding path and path relative to it.
func (r *roots) find(path string) (*os.Root, string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, "", err
	}
	for _, d := range r.dirs {
		rel, err := filepath.Rel(d, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
			continue
		}
		if root := r.open(d); root != nil {
			return root, rel, nil
		}
		return nil, "", r.errs[d]
	}
	return nil, "", fmt.Errorf("%s is %w", path, errOutside)
}

var errOutside = errors.New("outside the scanned paths")

// open returns the os.Root of d, opened once; nil with the error in r.errs.
func (r *roots) open(d string) *os.Root {
	if root, ok := r.opened[d]; ok {
		return root
	}
	if _, ok := r.errs[d]; ok {
		return nil
	}
	root, err := os.OpenRoot(d)
	if err != nil {
		r.errs[d] = err
		return nil
	}
	r.opened[d] = root
	return root
}

func (r *roots) close() {
	for _, root := range r.opened {
		root.Close()
	}
}

func skipEdit(e Edit, reason string) Skipped {
	file, line := e.File, 0
	if i := strings.LastIndexByte(e.At, ':'); i > 0 {
		file = e.At[:i]
		fmt.Sscan(e.At[i+1:], &line)
	}
	return Skipped{File: file, Line: line, Key: e.Key, Kind: "stale-fallback", Reason: reason}
}

func applyFile(roots *roots, root, file string, edits []Edit, diffOnly bool, w io.Writer) ([]Edit, []Skipped, error) {
	path := filepath.FromSlash(file)
	if !filepath.IsAbs(path) {
		path = filepath.Join(root, path)
	}
	skipAll := func(reason string) ([]Edit, []Skipped, error) {
		var s []Skipped
		for _, e := range edits {
			s = append(s, skipEdit(e, reason))
		}
		return nil, s, nil
	}
	dir, rel, err := roots.find(path)
	if errors.Is(err, errOutside) && diffOnly {
		// Nothing is written: a file outside the PATHs may still be shown.
		dir, rel, err = roots.open(filepath.Dir(path)), filepath.Base(path), nil
		if dir == nil {
			return skipAll(roots.errs[filepath.Dir(path)].Error())
		}
	}
	if err != nil {
		return skipAll(err.Error())
	}
	// Lstat through the root: a path whose directories now lead out of it
	// (a symlink swapped in since the scan) fails here, and again at the
	// write if the swap comes later.
	info, err := dir.Lstat(rel)
	if err != nil {
		return skipAll(rootErr(err))
	}
	if !info.Mode().IsRegular() {
		return skipAll(file + " is not a regular file")
	}
	src, err := readIn(dir, rel, info)
	if err != nil {
		return skipAll(rootErr(err))
	}

	// One literal may be reached from several calls (a shared constant):
	// merge identical edits, refuse conflicting ones.
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	var keep []Edit
	var skipped []Skipped
	for _, e := range edits {
		if n := len(keep); n > 0 && keep[n-1].Start == e.Start && keep[n-1].End == e.End {
			if !sameValue(keep[n-1].NewValue, e.NewValue) {
				skipped = append(skipped, skipEdit(e, "another finding wants a different value for the same literal"), skipEdit(keep[n-1], "another finding wants a different value for the same literal"))
				keep = keep[:n-1]
			}
			continue
		}
		if n := len(keep); n > 0 && e.Start < keep[n-1].End {
			skipped = append(skipped, skipEdit(e, "overlaps another edit"))
			continue
		}
		keep = append(keep, e)
	}

	var ok []Edit
	var uedits []udiff.Edit
	for _, e := range keep {
		if e.Start < 0 || e.End > len(src) || e.Start >= e.End {
			skipped = append(skipped, skipEdit(e, "the literal's position is outside the file (was it edited since the scan?)"))
			continue
		}
		old := string(src[e.Start:e.End])
		// The span must still hold what was checked: a scalar by value (so the
		// check also works for constants in other files, whose text is not
		// known), an object or array by its exact text.
		if isScalar(e.OldValue) {
			if v, decoded := decode(e.Language, old); !decoded || !sameValue(v, e.OldValue) {
				skipped = append(skipped, skipEdit(e, fmt.Sprintf("found %s where the literal %s was checked (the file changed, or fix cannot read this literal)", abbreviate(old), string(e.OldValue))))
				continue
			}
		} else if e.Old == "" || old != e.Old {
			skipped = append(skipped, skipEdit(e, fmt.Sprintf("found %s where %s was checked", abbreviate(old), abbreviate(e.Old))))
			continue
		}
		text, reason := render(e.Language, old, e.NewValue)
		if reason != "" {
			skipped = append(skipped, skipEdit(e, reason))
			continue
		}
		e.New = text
		ok = append(ok, e)
		uedits = append(uedits, udiff.Edit{Start: e.Start, End: e.End, New: text})
	}
	if len(ok) == 0 {
		return nil, skipped, nil
	}
	out, err := udiff.ApplyBytes(src, uedits)
	if err != nil {
		return skipAll(err.Error())
	}
	lang := ok[0].Language
	if scanner.HasScriptBlocks(file) {
		lang = "vue" // markup with <script> blocks: the scanner names it by its script's language
	}
	if scanner.IsRazor(file) {
		lang = "razor" // a Razor view: checked through its C# (scanner.RazorCode)
	}
	if err := checkParses(lang, src, out); err != nil {
		for _, e := range ok {
			skipped = append(skipped, skipEdit(e, err.Error()))
		}
		return nil, skipped, nil
	}
	if diffOnly {
		d, err := udiff.ToUnified("a/"+escape.Terminal(file), "b/"+escape.Terminal(file), string(src), uedits, udiff.DefaultContextLines)
		if err != nil {
			return nil, skipped, err
		}
		if _, err := io.WriteString(w, escapeDiff(d)); err != nil {
			return nil, skipped, err
		}
		return ok, skipped, nil
	}
	if err := writeIn(dir, rel, out, info.Mode().Perm()); err != nil {
		return nil, skipped, errors.New(rootErr(err))
	}
	return ok, skipped, nil
}

func isScalar(v []byte) bool {
	t := strings.TrimSpace(string(v))
	return t != "" && t[0] != '{' && t[0] != '['
}

func abbreviate(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return s
}

// escapeDiff makes a unified diff safe to print: the file names in the
// headers and every source line are terminal-escaped (package escape), tabs
// and line-ending CRs kept, so an ordinary diff still applies while a hostile
// file name or source line cannot control the terminal or start a workflow
// command (the runner reads " ::cmd" after trimming the context line's space).
func escapeDiff(d string) string {
	lines := strings.SplitAfter(d, "\n")
	for i, l := range lines {
		body, nl := strings.CutSuffix(l, "\n")
		lines[i] = escape.SourceLine(body)
		if nl {
			lines[i] += "\n"
		}
	}
	return strings.Join(lines, "")
}

// writeIn writes a rewritten file; tests replace it to make a write fail.
var writeIn = atomicfile.WriteIn

// readIn reads the regular file rel of dir, no larger than it was at the
// Lstat (the scanner read it; a file that grew since is refused later by
// the span checks anyway).
func readIn(dir *os.Root, rel string, info os.FileInfo) ([]byte, error) {
	f, err := dir.Open(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || !os.SameFile(fi, info) {
		return nil, errors.New("the file was replaced while it was read")
	}
	return io.ReadAll(io.LimitReader(f, fi.Size()+1))
}

// rootErr words an error from an os.Root: its "path escapes from parent"
// means a symlink now leads out of the scanned tree.
func rootErr(err error) string {
	if strings.Contains(err.Error(), "path escapes from parent") {
		return "its directory now leads outside the scanned tree (a symlink swapped in since the scan): not written"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
