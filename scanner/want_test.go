package scanner

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/ldfallback/ldfallback/config"
)

// want is one expected call, written in a fixture as a comment on the call's
// line: `// want key="new-checkout" fallback=false type=bool`. Attributes:
// key (JSON string or null), keyExpr, fallback (compact JSON), type, method,
// fallbackFile, name and names (React flags-object reads), and the flags
// dynamic, implicit, fromConfig, ignored. In markup the comment is the
// markup's: `<!-- want … -->`, Razor's `@* want … *@`. Only the
// attributes written are checked; every call found must be wanted.
type want struct {
	file  string
	line  int
	attrs map[string]string
	text  string
}

var wantRe = regexp.MustCompile(`(?://|#|--|/\*|<!--|@\*)\s*want\s+(.*)$`)

// wantEnd trims a want comment's closing (`*/`, `-->`, Razor's `*@`).
func wantEnd(s string) string {
	for _, end := range []string{"*/", "-->", "*@"} {
		s = strings.TrimSpace(strings.TrimSuffix(s, end))
	}
	return s
}

func parseWants(t *testing.T, root string) []want {
	t.Helper()
	var out []want
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<20)
		for line := 1; sc.Scan(); line++ {
			m := wantRe.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			for _, group := range strings.Split(m[1], " want ") {
				w := want{file: filepath.ToSlash(rel), line: line, attrs: map[string]string{}, text: strings.TrimSpace(group)}
				for _, f := range wantFields(wantEnd(group)) {
					k, v, ok := strings.Cut(f, "=")
					if !ok {
						v = "true"
					}
					w.attrs[k] = v
				}
				out = append(out, w)
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// callAttrs renders a call in the want vocabulary.
func callAttrs(c Call) map[string]string {
	m := map[string]string{
		"type": string(c.Type), "method": c.Method, "keyExpr": strings.Join(strings.Fields(c.KeyExpr), ""),
		"dynamic": fmt.Sprint(c.Dynamic), "implicit": fmt.Sprint(c.Implicit),
		"fromConfig": fmt.Sprint(c.FromConfig), "ignored": fmt.Sprint(c.Ignored), "fallbackFile": c.FallbackFile,
		"name": c.Name, "names": c.Names,
	}
	if c.Key == nil {
		m["key"] = "null"
	} else {
		b, _ := json.Marshal(*c.Key)
		m["key"] = string(b)
	}
	if c.Fallback != nil {
		var buf bytes.Buffer
		if err := json.Compact(&buf, c.Fallback); err == nil {
			m["fallback"] = buf.String()
		}
	}
	return m
}

func matches(w want, c Call) bool {
	if w.file != c.File || w.line != c.Line {
		return false
	}
	got := callAttrs(c)
	for k, v := range w.attrs {
		if k == "fallback" {
			// Compare as JSON so 1.50 == 1.5.
			var a, b any
			if json.Unmarshal([]byte(v), &a) != nil || json.Unmarshal([]byte(got[k]), &b) != nil || fmt.Sprint(a) != fmt.Sprint(b) {
				return false
			}
			continue
		}
		if got[k] != v {
			return false
		}
	}
	return true
}

// TestFixtures scans every tree under testdata/scan and compares the calls
// found with the `want` comments: a missing or an unexpected call fails.
func TestFixtures(t *testing.T) {
	dirs, err := filepath.Glob("../testdata/scan/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			cfg := config.Default()
			if _, err := os.Stat(filepath.Join(dir, ".ldfallback.yaml")); err == nil {
				if cfg, err = config.Load(filepath.Join(dir, ".ldfallback.yaml"), false); err != nil {
					t.Fatal(err)
				}
			}
			res, err := Scan(context.Background(), Options{Roots: []string{dir}, Config: cfg, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			checkWants(t, parseWants(t, dir), res.Calls)
			for _, p := range res.Problems {
				t.Errorf("problem: %s: %s", p.File, p.Msg)
			}
		})
	}
}

func checkWants(t *testing.T, wants []want, calls []Call) {
	t.Helper()
	used := make([]bool, len(calls))
	for _, w := range wants {
		found := false
		for i, c := range calls {
			if !used[i] && matches(w, c) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			var near []string
			for _, c := range calls {
				if c.File == w.file && c.Line == w.line {
					b, _ := json.Marshal(callAttrs(c))
					near = append(near, string(b))
				}
			}
			sort.Strings(near)
			t.Errorf("%s:%d: missing call: want %s; found on that line: %v", w.file, w.line, w.text, near)
		}
	}
	for i, c := range calls {
		if !used[i] {
			b, _ := json.Marshal(callAttrs(c))
			t.Errorf("%s:%d:%d: unexpected call %s", c.File, c.Line, c.Column, b)
		}
	}
}

// wantFields splits on spaces outside double-quoted strings.
func wantFields(s string) []string {
	var out []string
	var cur strings.Builder
	inStr, esc := false, false
	for _, r := range s {
		switch {
		case esc:
			esc = false
		case inStr && r == '\\':
			esc = true
		case r == '"':
			inStr = !inStr
		case !inStr && (r == ' ' || r == '\t'):
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
			continue
		}
		cur.WriteRune(r)
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}
