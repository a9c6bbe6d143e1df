package fix

import (
	"fmt"
	"io"
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
}

// Apply rewrites the edits' spans under root. A file is rewritten only if
// every span still holds its old value, the new text renders safely, and the
// result parses; otherwise the file's edits are skipped and the file is left
// untouched. With diffOnly it writes a unified diff to w and no file. An
// error is returned only for a failed write; everything else is a skip.
func Apply(root string, edits []Edit, diffOnly bool, w io.Writer) (*Result, error) {
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
		applied, skipped, err := applyFile(root, file, byFile[file], diffOnly, w)
		res.Skipped = append(res.Skipped, skipped...)
		if err != nil {
			return res, err
		}
		if len(applied) > 0 {
			res.Applied = append(res.Applied, applied...)
			res.Files = append(res.Files, file)
		}
	}
	return res, nil
}

func skipEdit(e Edit, reason string) Skipped {
	file, line := e.File, 0
	if i := strings.LastIndexByte(e.At, ':'); i > 0 {
		file = e.At[:i]
		fmt.Sscan(e.At[i+1:], &line)
	}
	return Skipped{File: file, Line: line, Key: e.Key, Kind: "stale-fallback", Reason: reason}
}

func applyFile(root, file string, edits []Edit, diffOnly bool, w io.Writer) ([]Edit, []Skipped, error) {
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
	info, err := os.Lstat(path)
	if err != nil {
		return skipAll(err.Error())
	}
	if !info.Mode().IsRegular() {
		return skipAll(file + " is not a regular file")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return skipAll(err.Error())
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
	if err := checkParses(lang, src, out); err != nil {
		for _, e := range ok {
			skipped = append(skipped, skipEdit(e, err.Error()))
		}
		return nil, skipped, nil
	}
	if diffOnly {
		d, err := udiff.ToUnified("a/"+file, "b/"+file, string(src), uedits, udiff.DefaultContextLines)
		if err != nil {
			return nil, skipped, err
		}
		if _, err := io.WriteString(w, escapeDiff(d)); err != nil {
			return nil, skipped, err
		}
		return ok, skipped, nil
	}
	if err := atomicfile.Write(path, out, info.Mode().Perm()); err != nil {
		return nil, skipped, fmt.Errorf("%s: %w", file, err)
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
