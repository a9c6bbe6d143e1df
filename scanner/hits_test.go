package scanner

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/languages"
)

// hitsOf returns the pre-filter's matches in src, as process collects them.
func hitsOf(s *scanner, src []byte) []span {
	return s.any.spans(src)
}

// hitsDiff extracts src twice, with the calls and imports queries limited to
// the pre-filter hits and over the whole tree, and describes any difference.
func hitsDiff(t testing.TB, s *scanner, e *extractor, m *matcher, src []byte) string {
	t.Helper()
	hits := hitsOf(s, src)
	if hits == nil {
		return "" // not a candidate: never parsed
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ranged, err1 := e.extractHits(ctx, m, "f", src, hits)
	whole, err2 := e.extractHits(ctx, m, "f", src, nil)
	if (err1 != nil) != (err2 != nil) {
		return "errors differ: " + errString(err1) + " / " + errString(err2)
	}
	if err1 != nil {
		return ""
	}
	if !reflect.DeepEqual(ranged.calls, whole.calls) {
		return "calls differ:\nranged " + callsString(ranged.calls) + "\nwhole  " + callsString(whole.calls)
	}
	if !reflect.DeepEqual(ranged.pending, whole.pending) {
		return "pending differ"
	}
	return ""
}

func errString(err error) string {
	if err == nil {
		return "nil"
	}
	return err.Error()
}

func callsString(calls []Call) string {
	var b strings.Builder
	for _, c := range calls {
		k := "null"
		if c.Key != nil {
			k = *c.Key
		}
		b.WriteString(c.Method + "(" + k + ") ")
	}
	return b.String()
}

// testScanner is a scanner with the fuzz target's wrappers and definitions.
func testScanner(t testing.TB) *scanner {
	cfg, err := config.Parse([]byte("wrappers:\n  - methods: [isEnabled]\n    key: 0\ndefinitions:\n  - keyProperty: flag\n    fallbackProperty: defaultValue\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := &scanner{cfg: cfg, langs: languages.All(), matchers: map[*languages.Language]*lazyMatcher{}}
	for _, l := range s.langs {
		s.matchers[l] = &lazyMatcher{}
	}
	s.any = newAnyMatcher(FilterPatterns(s.langs, cfg, []string{"new-checkout"}))
	return s
}

// TestHitsMatchWholeTree: limiting the queries to the pre-filter hits finds
// exactly what searching the whole tree finds, on every fixture and on the Go
// toolchain's candidate files (real code with nested and chained calls).
func TestHitsMatchWholeTree(t *testing.T) {
	s := testScanner(t)
	e := newExtractor()
	defer e.close()
	var files []string
	_ = filepath.WalkDir("../testdata/scan", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		goFiles, _ := filepath.Glob(filepath.Join(strings.TrimSpace(string(out)), "src", "*", "*.go"))
		files = append(files, goFiles...)
	}
	checked := 0
	for _, p := range files {
		l := languages.ByExtension(p)
		if l == nil {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil || len(src) > defaultMaxFileSize {
			continue
		}
		m, err := s.matcher(l)
		if err != nil {
			t.Fatal(err)
		}
		if hitsOf(s, src) == nil {
			continue
		}
		if checked++; checked > 150 {
			break // enough real code; the suite stays fast
		}
		if d := hitsDiff(t, s, e, m, src); d != "" {
			t.Errorf("%s: %s", p, d)
		}
	}
	if checked < 20 {
		t.Fatalf("only %d candidate files checked", checked)
	}
	t.Logf("%d candidate files", checked)
}

// TestPointRanges: hits become tree-sitter points (row, byte column), merged when near.
func TestPointRanges(t *testing.T) {
	src := []byte("ab\ncdé\nfg" + strings.Repeat(" ", 300) + "xy")
	got := pointRanges(src, []span{{0, 1}, {4, 5}, {8, 9}, {len(src) - 2, len(src)}})
	want := []pointRange{
		{start: pt(0, 0), end: pt(2, 1)},
		{start: pt(2, 302), end: pt(2, 304)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if !reflect.DeepEqual(pointRanges(src, nil), wholeFile) {
		t.Error("nil hits are not the whole file")
	}
}

func pt(row, col uint32) sitter.Point { return sitter.Point{Row: row, Column: col} }
