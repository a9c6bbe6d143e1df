package changes

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Set is the changed lines of each file.
type Set struct {
	// lines maps a file to its changed line numbers (1-based).
	lines map[string]map[int]bool
	// whole marks files that are new as a whole (untracked files).
	whole map[string]bool
}

func newSet() *Set { return &Set{lines: map[string]map[int]bool{}, whole: map[string]bool{}} }

// Has reports whether line of file changed. file is slash-separated and
// relative; "./" prefixes are ignored.
func (s *Set) Has(file string, line int) bool {
	if s == nil {
		return false
	}
	file = clean(file)
	return s.whole[file] || s.lines[file][line]
}

// Files returns the files with at least one changed line, sorted.
func (s *Set) Files() []string {
	var out []string
	for f := range s.whole {
		out = append(out, f)
	}
	for f, l := range s.lines {
		if len(l) > 0 && !s.whole[f] {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

func (s *Set) add(file string, line int) {
	m := s.lines[file]
	if m == nil {
		m = map[int]bool{}
		s.lines[file] = m
	}
	m[line] = true
}

func clean(p string) string {
	p = path.Clean(strings.ReplaceAll(p, "\\", "/"))
	return strings.TrimPrefix(p, "./")
}

// PatchError is a unified diff that cannot be read; it names the line.
type PatchError struct {
	Name string // the patch file, for the message
	Line int
	Msg  string
}

func (e *PatchError) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.Name, e.Line, e.Msg)
}

// maxLine bounds hunk line numbers, so a hostile header cannot make the set huge.
const maxLine = 1 << 24

// ParsePatch reads a unified diff (`git diff`, `diff -u`, `svn diff`): for
// every file, the lines of the new side that were added. Paths lose git's
// `b/` prefix when the old side has `a/` (or is /dev/null), as `git apply`
// does with -p1; deleted files add nothing. name is used in errors only.
func ParsePatch(r io.Reader, name string) (*Set, error) {
	s := newSet()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	var (
		oldPath   string
		file      string // current new-side file; "" when deleted or not yet known
		newLine   int    // next new-side line number in the hunk
		oldLeft   int    // old-side lines left in the hunk
		newLeft   int    // new-side lines left in the hunk
		lineNo    int
		sawHeader bool
	)
	for sc.Scan() {
		lineNo++
		l := sc.Text()
		if oldLeft > 0 || newLeft > 0 {
			// Inside a hunk: the counts say where it ends, so a line
			// starting with "---" or "+++" here is content.
			switch {
			case strings.HasPrefix(l, "+"):
				if newLeft == 0 {
					return nil, &PatchError{name, lineNo, "more added lines than the hunk header says"}
				}
				if file != "" {
					s.add(file, newLine)
				}
				newLine++
				newLeft--
			case strings.HasPrefix(l, "-"):
				if oldLeft == 0 {
					return nil, &PatchError{name, lineNo, "more removed lines than the hunk header says"}
				}
				oldLeft--
			case strings.HasPrefix(l, " ") || l == "":
				// Context (some tools strip the space of an empty context line).
				if oldLeft == 0 || newLeft == 0 {
					return nil, &PatchError{name, lineNo, "more context lines than the hunk header says"}
				}
				oldLeft--
				newLeft--
				newLine++
			case strings.HasPrefix(l, `\`):
				// "\ No newline at end of file"
			default:
				return nil, &PatchError{name, lineNo, "hunk ends before its header's line counts"}
			}
			continue
		}
		switch {
		case strings.HasPrefix(l, "--- "):
			oldPath = headerPath(l[4:])
		case strings.HasPrefix(l, "+++ "):
			newPath := headerPath(l[4:])
			sawHeader = true
			file = ""
			if newPath != "/dev/null" {
				if strings.HasPrefix(newPath, "b/") && (strings.HasPrefix(oldPath, "a/") || oldPath == "/dev/null") {
					newPath = newPath[2:]
				}
				file = clean(newPath)
				if file == "." || file == ".." || strings.HasPrefix(file, "../") || path.IsAbs(file) {
					return nil, &PatchError{name, lineNo, fmt.Sprintf("path %q is outside the tree", newPath)}
				}
			}
		case strings.HasPrefix(l, "@@ "):
			if !sawHeader {
				return nil, &PatchError{name, lineNo, "hunk before any +++ file header"}
			}
			var err error
			oldLeft, newLine, newLeft, err = hunkHeader(l)
			if err != nil {
				return nil, &PatchError{name, lineNo, err.Error()}
			}
			if newLine+newLeft > maxLine {
				return nil, &PatchError{name, lineNo, "hunk line numbers out of range"}
			}
		case strings.HasPrefix(l, "@@@"):
			return nil, &PatchError{name, lineNo, "combined (merge) diffs are not supported; diff against one parent"}
		}
		// Anything else is a preamble: "diff --git", "index", mode and rename lines, commit messages.
	}
	if err := sc.Err(); err != nil {
		return nil, &PatchError{name, lineNo + 1, err.Error()}
	}
	if oldLeft > 0 || newLeft > 0 {
		return nil, &PatchError{name, lineNo, "the patch ends inside a hunk (truncated?)"}
	}
	return s, nil
}

// headerPath takes the path of a ---/+++ line: git quotes unusual names
// ("b/sp\303\251cial"), and diff -u appends a tab and a timestamp.
func headerPath(s string) string {
	if strings.HasPrefix(s, `"`) {
		if end := closingQuote(s); end > 0 {
			if u, err := strconv.Unquote(s[:end+1]); err == nil {
				return u
			}
		}
	}
	if i := strings.IndexByte(s, '\t'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, " \r")
}

func closingQuote(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// hunkHeader parses "@@ -a[,b] +c[,d] @@ …" into the old count b, new start c, new count d.
func hunkHeader(l string) (oldCount, newStart, newCount int, err error) {
	rest := strings.TrimPrefix(l, "@@ ")
	end := strings.Index(rest, " @@")
	if end < 0 {
		return 0, 0, 0, errors.New("malformed hunk header")
	}
	fields := strings.Fields(rest[:end])
	if len(fields) != 2 || !strings.HasPrefix(fields[0], "-") || !strings.HasPrefix(fields[1], "+") {
		return 0, 0, 0, errors.New("malformed hunk header")
	}
	_, oldCount, err = rangeSpec(fields[0][1:])
	if err != nil {
		return 0, 0, 0, err
	}
	newStart, newCount, err = rangeSpec(fields[1][1:])
	return oldCount, newStart, newCount, err
}

func rangeSpec(s string) (start, count int, err error) {
	a, b, hasCount := strings.Cut(s, ",")
	count = 1
	start, err = strconv.Atoi(a)
	if err == nil && hasCount {
		count, err = strconv.Atoi(b)
	}
	if err != nil || start < 0 || count < 0 || start > maxLine || count > maxLine {
		return 0, 0, errors.New("malformed hunk header")
	}
	return start, count, nil
}

// RevError is a revision git cannot diff against, or no git at all.
type RevError struct{ Msg string }

func (e *RevError) Error() string { return e.Msg }

// FromRev returns the lines changed between rev and the working tree of the
// repository at dir (committed, staged and unstaged changes alike, as
// golangci-lint's --new-from-rev), plus every untracked, not ignored file as
// new. Paths are relative to dir (git diff --relative), which must be inside
// the work tree.
func FromRev(dir, rev string) (*Set, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return nil, &RevError{fmt.Sprintf("--new-from-rev %q: not a revision", rev)}
	}
	if _, err := git(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}"); err != nil {
		return nil, &RevError{fmt.Sprintf("--new-from-rev %q: not a commit in this repository (%s)", rev, err)}
	}
	// Fixed prefixes and no external diff or textconv: the output must be
	// the plain unified diff ParsePatch reads, whatever the user's git config.
	out, err := git(dir, "-c", "core.quotePath=true", "diff", "--no-color", "--no-ext-diff", "--no-textconv",
		"--src-prefix=a/", "--dst-prefix=b/", "-U0", "--relative", rev, "--")
	if err != nil {
		return nil, &RevError{fmt.Sprintf("--new-from-rev %q: git diff: %s", rev, err)}
	}
	s, err := ParsePatch(bytes.NewReader(out), "git diff "+rev)
	if err != nil {
		return nil, &RevError{fmt.Sprintf("--new-from-rev %q: cannot read git's diff: %s", rev, err)}
	}
	untracked, err := git(dir, "ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, &RevError{fmt.Sprintf("--new-from-rev %q: git ls-files: %s", rev, err)}
	}
	for _, f := range strings.Split(string(untracked), "\x00") {
		if f != "" {
			s.whole[clean(f)] = true
		}
	}
	return s, nil
}

func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, errors.New(msg)
	}
	return out, nil
}
