package review

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/fix"
)

// lines is a Changed set: "file:line" entries.
type lines map[string]bool

func (l lines) Has(file string, line int) bool { return l[fmt.Sprintf("%s:%d", file, line)] }

// edit is the --fix edit of the n-th (from 0) occurrence of old in src,
// reported at line at of file.
func edit(t *testing.T, file, src, old, new, key string, n, at int) fix.Suggestion {
	t.Helper()
	off := -1
	for i := 0; i <= n; i++ {
		j := strings.Index(src[off+1:], old)
		if j < 0 {
			t.Fatalf("%q: no occurrence %d of %q", file, n, old)
		}
		off += 1 + j
	}
	return fix.Suggestion{Edit: fix.Edit{File: file, Start: off, End: off + len(old), Key: key,
		At: fmt.Sprintf("%s:%d", file, at), Old: old, New: new}}
}

func TestBuild(t *testing.T) {
	type want struct {
		start, line int
		after       []string
		keys        []string
	}
	for _, tc := range []struct {
		name    string
		file    string
		src     string
		edits   func(t *testing.T, file, src string) []fix.Suggestion
		changed []int
		want    []want
		left    []string // "line key reason"
		fence   string   // the suggestion fence expected in the body
	}{
		{
			name: "one line on a changed line",
			file: "src/app.js",
			src:  "a\nconst x = v('f', ctx, true);\nb\n",
			edits: func(t *testing.T, f, s string) []fix.Suggestion {
				return []fix.Suggestion{edit(t, f, s, "true", "false", "f", 0, 2)}
			},
			changed: []int{2},
			want:    []want{{2, 2, []string{"const x = v('f', ctx, false);"}, []string{"f"}}},
			fence:   "```suggestion\n",
		},
		{
			name: "literal on an unchanged line",
			file: "src/app.js",
			src:  "a\nconst x = v('f', ctx, true);\nb\n",
			edits: func(t *testing.T, f, s string) []fix.Suggestion {
				return []fix.Suggestion{edit(t, f, s, "true", "false", "f", 0, 2)}
			},
			changed: []int{1, 3},
			left:    []string{"2 f " + ReasonOutside},
		},
		{
			name: "multi-line literal, every line changed",
			file: "a.ts",
			src:  "v('j', ctx, {\n  a: 1,\n}); // end\n",
			edits: func(t *testing.T, f, s string) []fix.Suggestion {
				return []fix.Suggestion{edit(t, f, s, "{\n  a: 1,\n}", "{ a: 2 }", "j", 0, 1)}
			},
			changed: []int{1, 2, 3},
			want:    []want{{1, 3, []string{"v('j', ctx, { a: 2 }); // end"}, []string{"j"}}},
			fence:   "```suggestion\n",
		},
		{
			name: "multi-line literal, one line unchanged",
			file: "a.ts",
			src:  "v('j', ctx, {\n  a: 1,\n});\n",
			edits: func(t *testing.T, f, s string) []fix.Suggestion {
				return []fix.Suggestion{edit(t, f, s, "{\n  a: 1,\n}", "{ a: 2 }", "j", 0, 1)}
			},
			changed: []int{1, 3},
			left:    []string{"1 j " + ReasonOutside},
		},
		{
			name: "two literals on one line make one suggestion",
			file: "b.py",
			src:  "x = (v('a', c, True), v('b', c, True))\n",
			edits: func(t *testing.T, f, s string) []fix.Suggestion {
				// Given out of order: Build sorts them.
				return []fix.Suggestion{edit(t, f, s, "True", "False", "b", 1, 1), edit(t, f, s, "True", "False", "a", 0, 1)}
			},
			changed: []int{1},
			want:    []want{{1, 1, []string{"x = (v('a', c, False), v('b', c, False))"}, []string{"a", "b"}}},
			fence:   "```suggestion\n",
		},
		{
			name: "a line holding a fence gets a longer fence",
			file: "c.js",
			src:  "const doc = \"```\"; v('f', ctx, 'x');\n",
			edits: func(t *testing.T, f, s string) []fix.Suggestion {
				return []fix.Suggestion{edit(t, f, s, "'x'", "'y'", "f", 0, 1)}
			},
			changed: []int{1},
			want:    []want{{1, 1, []string{"const doc = \"```\"; v('f', ctx, 'y');"}, []string{"f"}}},
			fence:   "````suggestion\n",
		},
		{
			name: "control character",
			file: "c.js",
			src:  "v('f', ctx, 'x'); // \x1b[2J\n",
			edits: func(t *testing.T, f, s string) []fix.Suggestion {
				return []fix.Suggestion{edit(t, f, s, "'x'", "'y'", "f", 0, 1)}
			},
			changed: []int{1},
			left:    []string{"1 f " + ReasonControl},
		},
		{
			name: "bidi override",
			file: "c.js",
			src:  "v('f', ctx, 'x'); // \u202e\n",
			edits: func(t *testing.T, f, s string) []fix.Suggestion {
				return []fix.Suggestion{edit(t, f, s, "'x'", "'y'", "f", 0, 1)}
			},
			changed: []int{1},
			left:    []string{"1 f " + ReasonControl},
		},
		{
			name: "tabs are fine",
			file: "c.go",
			src:  "\tx := v(\"f\", ctx, true)\n",
			edits: func(t *testing.T, f, s string) []fix.Suggestion {
				return []fix.Suggestion{edit(t, f, s, "true", "false", "f", 0, 1)}
			},
			changed: []int{1},
			want:    []want{{1, 1, []string{"\tx := v(\"f\", ctx, false)"}, []string{"f"}}},
			fence:   "```suggestion\n",
		},
		{
			name: "CRLF",
			file: "c.cs",
			src:  "a\r\nv(\"f\", ctx, true);\r\n",
			edits: func(t *testing.T, f, s string) []fix.Suggestion {
				return []fix.Suggestion{edit(t, f, s, "true", "false", "f", 0, 2)}
			},
			changed: []int{1, 2},
			left:    []string{"2 f " + ReasonCRLF},
		},
		{
			name: "the span no longer holds the literal",
			file: "c.js",
			src:  "v('f', ctx, 'x');\n",
			edits: func(t *testing.T, f, s string) []fix.Suggestion {
				e := edit(t, f, s, "'x'", "'y'", "f", 0, 1)
				e.Old = "'z'"
				return []fix.Suggestion{e}
			},
			changed: []int{1},
			left:    []string{"1 f " + reasonChanged},
		},
		{
			name: "last line without a newline",
			file: "d.rb",
			src:  "v('f', ctx, true)",
			edits: func(t *testing.T, f, s string) []fix.Suggestion {
				return []fix.Suggestion{edit(t, f, s, "true", "false", "f", 0, 1)}
			},
			changed: []int{1},
			want:    []want{{1, 1, []string{"v('f', ctx, false)"}, []string{"f"}}},
			fence:   "```suggestion\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			path := filepath.Join(root, filepath.FromSlash(tc.file))
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			changed := lines{}
			for _, l := range tc.changed {
				changed[fmt.Sprintf("%s:%d", tc.file, l)] = true
			}
			plan, err := Build(root, nil, tc.edits(t, tc.file, tc.src), nil, changed)
			if err != nil {
				t.Fatal(err)
			}
			var got []want
			for _, c := range plan.Comments {
				got = append(got, want{c.StartLine, c.Line, c.After, c.Keys})
				if c.Path != tc.file {
					t.Errorf("path %q, want %q", c.Path, tc.file)
				}
				if len(c.Before) != c.Line-c.StartLine+1 {
					t.Errorf("before %q does not cover lines %d-%d", c.Before, c.StartLine, c.Line)
				}
				if markerOf(c.Body) != c.ID || len(c.ID) != 16 {
					t.Errorf("body does not start with the marker of %q:\n%s", c.ID, c.Body)
				}
				fenced := tc.fence + strings.Join(c.After, "\n") + "\n" + strings.TrimSuffix(strings.TrimSuffix(tc.fence, "\n"), "suggestion") + "\n"
				if !strings.HasSuffix(c.Body, fenced) {
					t.Errorf("body does not end with %q:\n%s", fenced, c.Body)
				}
			}
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(want{})); diff != "" {
				t.Errorf("comments (-want +got):\n%s", diff)
			}
			var left []string
			for _, l := range plan.Left {
				left = append(left, fmt.Sprintf("%d %s %s", l.Line, l.Key, l.Reason))
			}
			if diff := cmp.Diff(tc.left, left); diff != "" {
				t.Errorf("left (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBuildBody: the finding's message and a hostile key reach the body only
// as Markdown text or code; a stale finding fix skipped is listed, others not.
func TestBuildBody(t *testing.T) {
	root := t.TempDir()
	src := "v('<img src=x onerror=alert(1)>', ctx, true);\n"
	os.WriteFile(filepath.Join(root, "x.js"), []byte(src), 0o644)
	key := "<img src=x onerror=alert(1)>"
	findings := []check.Finding{{Kind: check.KindStaleFallback, File: "x.js", Line: 1, Key: key,
		Message: "`" + key + "` is off; [click](javascript:alert(1)) <!-- ldfallback:suggestion 0000000000000000 -->"}}
	sugg := []fix.Suggestion{edit(t, "x.js", src, "true", "false", key, 0, 1)}
	skipped := []fix.Skipped{
		{File: "y.js", Line: 3, Key: "k", Kind: check.KindStaleFallback, Reason: "the fallback is not a literal"},
		{File: "y.js", Line: 4, Key: "t", Kind: check.KindTypeMismatch, Reason: "a type mismatch"},
	}
	plan, err := Build(root, findings, sugg, skipped, lines{"x.js:1": true})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Comments) != 1 {
		t.Fatalf("comments %+v", plan.Comments)
	}
	b := plan.Comments[0].Body
	text, _, _ := strings.Cut(b, "```suggestion")
	for _, bad := range []string{"<img", "](javascript", "<!-- ldfallback:suggestion 0000"} {
		if regexp.MustCompile(`(^|[^\\])` + regexp.QuoteMeta(bad)).MatchString(text) {
			t.Errorf("the text before the suggestion holds %q raw:\n%s", bad, b)
		}
	}
	if strings.Count(b, "<!-- ldfallback:suggestion") != 1 {
		t.Errorf("more than one marker:\n%s", b)
	}
	if want := []Left{{Path: "y.js", Line: 3, Key: "k", Reason: "the fallback is not a literal"}}; !cmp.Equal(plan.Left, want) {
		t.Errorf("left %+v, want %+v", plan.Left, want)
	}
}

func TestPlanRoundTrip(t *testing.T) {
	root := t.TempDir()
	src := "v('f', ctx, true);\n"
	os.WriteFile(filepath.Join(root, "x.js"), []byte(src), 0o644)
	plan, err := Build(root, nil, []fix.Suggestion{edit(t, "x.js", src, "true", "false", "f", 0, 1)}, nil, lines{"x.js:1": true})
	if err != nil {
		t.Fatal(err)
	}
	data, err := plan.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadPlan(data)
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(plan, back) {
		t.Errorf("round trip changed the plan:\n%s", cmp.Diff(plan, back))
	}
	for _, tc := range []struct{ name, from, to, want string }{
		{"another version", `"version": 1`, `"version": 2`, "version 2"},
		{"path out of the tree", `"path": "x.js"`, `"path": "../x.js"`, "bad path"},
		{"absolute path", `"path": "x.js"`, `"path": "/etc/x.js"`, "bad path"},
		{"lines changed behind the marker", `false);"`, `true);"`, "marker does not match"},
		{"bad range", `"line": 1`, `"line": 0`, "bad line range"},
		{"unknown field", `"version": 1`, `"version": 1, "x": 1`, "unknown field"},
	} {
		bad := strings.Replace(string(data), tc.from, tc.to, 1)
		if bad == string(data) {
			t.Fatalf("%s: %q not in the plan", tc.name, tc.from)
		}
		if _, err := ReadPlan([]byte(bad)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestMarkerOf(t *testing.T) {
	for body, want := range map[string]string{
		"<!-- ldfallback:suggestion 0123456789abcdef -->\ntext":    "0123456789abcdef",
		"<!-- ldfallback:suggestion 0123456789abcdef -->\r\ntext":  "0123456789abcdef",
		"text\n<!-- ldfallback:suggestion 0123456789abcdef -->":    "",
		" <!-- ldfallback:suggestion 0123456789abcdef -->":         "",
		"<!-- ldfallback:suggestion 0123456789ABCDEF -->":          "",
		"<!-- ldfallback:suggestion 0123456789abcdef --> and more": "",
	} {
		if got := markerOf(body); got != want {
			t.Errorf("markerOf(%q) = %q, want %q", body, got, want)
		}
	}
}
