package review

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/fix"
	"github.com/ldfallback/ldfallback/internal/escape"
	"github.com/ldfallback/ldfallback/internal/inputfile"
)

// PlanVersion is the version of the Plan file format.
const PlanVersion = 1

// BodyLimit is GitHub's limit on a comment body, in characters; a
// suggestion whose body would exceed it is left out (a cut suggestion would
// rewrite the lines wrongly).
const BodyLimit = 65536

// Plan is the review Build proposes, before GitHub is asked anything.
type Plan struct {
	Version  int       `json:"version"`
	Comments []Comment `json:"comments"`
	// Left are the stale fallbacks on the changed lines that get no
	// suggestion, with the reason.
	Left []Left `json:"left"`
}

// Comment is one suggested change: replace lines StartLine..Line (from 1,
// inclusive) of Path with After.
type Comment struct {
	// ID identifies the suggestion across runs: a hash of Path, the line
	// range and After. It is the hidden marker heading Body.
	ID string `json:"id"`
	// Path is relative to the directory check ran in, with '/'.
	Path      string `json:"path"`
	StartLine int    `json:"startLine"`
	Line      int    `json:"line"`
	// Before are the lines as they are; After what the suggestion makes them.
	Before []string `json:"before"`
	After  []string `json:"after"`
	// Keys are the flags whose fallbacks the suggestion changes; At where
	// their findings were reported ("file:line"), in the same order.
	Keys []string `json:"keys"`
	At   []string `json:"at"`
	// Body is the comment's Markdown: the marker, what is stale, the
	// suggestion block.
	Body string `json:"body"`
}

// Left is a stale fallback on the changed lines that gets no suggestion.
type Left struct {
	// Path and Line say where the finding was reported.
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Key    string `json:"key"`
	Reason string `json:"reason"`
}

// Changed says whether a line of a file (relative to the directory check ran
// in, with '/') is one the pull request added or changed (*changes.Set).
type Changed interface {
	Has(file string, line int) bool
}

// Reasons a suggestion is left out, shown in the summary.
const (
	ReasonOutside   = "the literal is outside the pull request's changed lines (GitHub takes suggestions only there)"
	ReasonControl   = "the line holds control or invisible characters, which a suggestion would show raw"
	ReasonCRLF      = "the file has CRLF line endings"
	ReasonTooLong   = "the lines are too long for a review comment"
	reasonUnread    = "the file could not be read again: "
	reasonChanged   = "the file changed while it was read"
	markerPrefix    = "<!-- ldfallback:suggestion "
	markerSuffix    = " -->"
	reviewMarker    = "<!-- ldfallback:review -->"
	fileReadLimit   = 256 << 20
	maxCommentLines = 200
)

var markerRE = regexp.MustCompile(`^<!-- ldfallback:suggestion ([0-9a-f]{16}) -->$`)

// markerOf returns the ID of the marker heading a comment body, or "". Only
// the first line counts: a marker quoted in the code below it does not.
func markerOf(body string) string {
	first, _, _ := strings.Cut(body, "\n")
	if m := markerRE.FindStringSubmatch(strings.TrimSuffix(first, "\r")); m != nil {
		return m[1]
	}
	return ""
}

// Build turns the edits fix.Suggest accepted into review comments on the
// changed lines. Edits that touch a common line make one comment (GitHub
// applies one suggestion per line). findings are check's reported findings
// (for the messages); skipped are the stale fallbacks fix.Plan and
// fix.Suggest left alone, which go to Left with their reason. Files are read
// under root (the directory check ran in), through an os.Root.
func Build(root string, findings []check.Finding, sugg []fix.Suggestion, skipped []fix.Skipped, changed Changed) (*Plan, error) {
	plan := &Plan{Version: PlanVersion, Comments: []Comment{}, Left: []Left{}}
	for _, s := range skipped {
		if s.Kind == check.KindStaleFallback {
			plan.Left = append(plan.Left, Left{Path: s.File, Line: s.Line, Key: s.Key, Reason: s.Reason})
		}
	}
	messages := map[string]string{}
	for _, f := range findings {
		// With several environments a literal has a finding in each: the first speaks for it.
		k := fmt.Sprintf("%s:%d\x00%s", f.File, f.Line, f.Key)
		if _, ok := messages[k]; !ok && (f.Kind == check.KindStaleFallback || f.Kind == check.KindEnvironmentDivergent) {
			messages[k] = f.Message
		}
	}
	byFile := map[string][]fix.Suggestion{}
	var files []string
	for _, s := range sugg {
		if _, ok := byFile[s.File]; !ok {
			files = append(files, s.File)
		}
		byFile[s.File] = append(byFile[s.File], s)
	}
	sort.Strings(files)
	var r *os.Root
	for _, file := range files {
		if r == nil {
			var err error
			if r, err = os.OpenRoot(root); err != nil {
				return nil, err
			}
			defer r.Close()
		}
		edits := byFile[file]
		src, err := readBounded(r, file)
		if err != nil {
			for _, e := range edits {
				plan.Left = append(plan.Left, leftOf(e.Edit, reasonUnread+err.Error()))
			}
			continue
		}
		for _, g := range groups(src, edits) {
			c, reason := comment(file, src, g, messages, changed)
			if reason != "" {
				for _, e := range g.edits {
					plan.Left = append(plan.Left, leftOf(e, reason))
				}
				continue
			}
			plan.Comments = append(plan.Comments, c)
		}
	}
	sort.SliceStable(plan.Left, func(i, j int) bool {
		a, b := plan.Left[i], plan.Left[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Key < b.Key
	})
	return plan, nil
}

func readBounded(r *os.Root, file string) ([]byte, error) {
	f, err := r.Open(filepath.FromSlash(file))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, over, err := inputfile.ReadBounded(f, fileReadLimit)
	if over {
		return nil, fmt.Errorf("larger than %s", inputfile.FormatSize(fileReadLimit))
	}
	return data, err
}

func leftOf(e fix.Edit, reason string) Left {
	file, line := e.File, 0
	if i := strings.LastIndexByte(e.At, ':'); i > 0 {
		file = e.At[:i]
		fmt.Sscan(e.At[i+1:], &line)
	}
	return Left{Path: file, Line: line, Key: e.Key, Reason: reason}
}

// group is edits of one file whose lines overlap: lines first..last (from
// 1), the bytes from the start of line first to the end of line last
// (without its newline).
type group struct {
	edits       []fix.Edit
	first, last int
	start, end  int
}

// groups sorts a file's edits and merges those that share a line.
func groups(src []byte, sugg []fix.Suggestion) []group {
	sort.SliceStable(sugg, func(i, j int) bool { return sugg[i].Edit.Start < sugg[j].Edit.Start })
	var out []group
	for _, s := range sugg {
		e := s.Edit
		if e.Start < 0 || e.End > len(src) || e.Start > e.End {
			out = append(out, group{edits: []fix.Edit{e}, first: -1})
			continue
		}
		first, start := lineAt(src, e.Start)
		last, _ := lineAt(src, max(e.End-1, e.Start))
		end := bytes.IndexByte(src[max(e.End-1, e.Start):], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += max(e.End-1, e.Start)
		}
		if n := len(out); n > 0 && out[n-1].first > 0 && first <= out[n-1].last {
			g := &out[n-1]
			g.edits = append(g.edits, e)
			if last > g.last {
				g.last, g.end = last, end
			}
			continue
		}
		out = append(out, group{edits: []fix.Edit{e}, first: first, last: last, start: start, end: end})
	}
	return out
}

// lineAt returns the line (from 1) holding byte off of src and the offset
// where that line starts.
func lineAt(src []byte, off int) (line, start int) {
	line = 1 + bytes.Count(src[:off], []byte{'\n'})
	start = bytes.LastIndexByte(src[:off], '\n') + 1
	return line, start
}

// comment builds the review comment of a group, or says why there is none.
func comment(file string, src []byte, g group, messages map[string]string, changed Changed) (Comment, string) {
	if g.first < 0 {
		return Comment{}, reasonChanged
	}
	for l := g.first; l <= g.last; l++ {
		if changed == nil || !changed.Has(file, l) {
			return Comment{}, ReasonOutside
		}
	}
	if g.last-g.first+1 > maxCommentLines {
		return Comment{}, ReasonTooLong
	}
	before := string(src[g.start:g.end])
	var after strings.Builder
	pos := g.start
	for _, e := range g.edits {
		if e.Start < pos || e.Old != "" && string(src[e.Start:e.End]) != e.Old {
			return Comment{}, reasonChanged
		}
		after.Write(src[pos:e.Start])
		after.WriteString(e.New)
		pos = e.End
	}
	after.Write(src[pos:g.end])
	if strings.Contains(before, "\r") || strings.Contains(after.String(), "\r") {
		return Comment{}, ReasonCRLF
	}
	if unsafeText(before) || unsafeText(after.String()) {
		return Comment{}, ReasonControl
	}
	c := Comment{Path: file, StartLine: g.first, Line: g.last,
		Before: strings.Split(before, "\n"), After: strings.Split(after.String(), "\n")}
	for _, e := range g.edits {
		c.Keys = append(c.Keys, e.Key)
		c.At = append(c.At, e.At)
	}
	c.ID = suggestionID(c.Path, c.StartLine, c.Line, c.After)
	c.Body = body(c, g.edits, messages)
	if utf8.RuneCountInString(c.Body) > BodyLimit-1024 {
		return Comment{}, ReasonTooLong
	}
	return c, ""
}

// suggestionID hashes what makes a suggestion the same one on another run:
// the file, the line range and the new text.
func suggestionID(path string, start, line int, after []string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00%d\x00", path, start, line)
	for _, l := range after {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// body renders a comment: the marker line, one line per stale fallback
// (outside strings as Markdown text or code), then the suggestion.
func body(c Comment, edits []fix.Edit, messages map[string]string) string {
	var b strings.Builder
	b.WriteString(markerPrefix + c.ID + markerSuffix + "\n")
	for _, e := range edits {
		b.WriteString("**ldfallback, stale fallback:** ")
		if m := messages[e.At+"\x00"+e.Key]; m != "" {
			b.WriteString(escape.MarkdownText(m))
		} else {
			b.WriteString("the fallback of " + escape.MarkdownCode(e.Key) + " is not the safest value.")
		}
		if file, _, _ := strings.Cut(e.At, ":"); e.At != "" && file != c.Path {
			b.WriteString(" (reported at " + escape.MarkdownCode(e.At) + ")")
		}
		b.WriteString("  \n")
	}
	b.WriteString("Commit the suggestion to fall back to the safest value, as `ldfallback check --fix` would.\n\n")
	b.WriteString(escape.MarkdownFence("suggestion", strings.Join(c.After, "\n")))
	b.WriteString("\n")
	return b.String()
}

// unsafeText reports characters a suggestion block would show raw and a
// reviewer could not see or trust: C0 controls but tab, DEL, C1 controls,
// invalid UTF-8, and the format characters escape.Terminal makes visible
// (bidi overrides, zero-width characters).
func unsafeText(s string) bool {
	for _, line := range strings.Split(s, "\n") {
		if escape.SourceLine(line) != line {
			return true
		}
	}
	return false
}

// Encode encodes a plan as JSON.
func (p *Plan) Encode() ([]byte, error) {
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return nil, err
	}
	return escape.JSON(append(data, '\n')), nil
}

// ReadPlan decodes and checks a plan written by Encode.
func ReadPlan(data []byte) (*Plan, error) {
	var p Plan
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("not a review plan: %v", err)
	}
	if p.Version != PlanVersion {
		return nil, fmt.Errorf("review plan version %d, want %d (written by another ldfallback version)", p.Version, PlanVersion)
	}
	for i, c := range p.Comments {
		switch {
		case c.Path == "" || strings.HasPrefix(c.Path, "/") || strings.Contains("/"+c.Path+"/", "/../"):
			return nil, fmt.Errorf("comment %d: bad path %q", i+1, c.Path)
		case c.StartLine < 1 || c.Line < c.StartLine || len(c.Before) != c.Line-c.StartLine+1:
			return nil, fmt.Errorf("comment %d (%s): bad line range %d-%d", i+1, c.Path, c.StartLine, c.Line)
		case markerOf(c.Body) != c.ID || c.ID != suggestionID(c.Path, c.StartLine, c.Line, c.After):
			return nil, fmt.Errorf("comment %d (%s:%d): the marker does not match the suggestion", i+1, c.Path, c.Line)
		}
	}
	return &p, nil
}
