package scanner

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ldfallback/ldfallback/config"
)

const goCall = `package app

import ld "github.com/launchdarkly/go-server-sdk/v7"

func f(c *ld.LDClient) { c.BoolVariation("%s", ctx, true) }
`

// fakeAnalyzer claims every Go file and reports one typed call per file, with
// a key that shows the call came from it.
type fakeAnalyzer struct{ runs int }

func (f *fakeAnalyzer) analyze(_ context.Context, _ string, _ *config.Config) ([]Call, map[string]bool, []Problem, error) {
	f.runs++
	files := []string{"app/a.go", "ignored/b.go", "app/plain.go"}
	var calls []Call
	handled := map[string]bool{}
	for _, file := range files {
		key := "typed:" + file
		calls = append(calls, Call{File: file, Line: 5, Column: 1, Language: "go", Key: &key})
		handled[file] = true
	}
	return calls, handled, nil, nil
}

func TestGoAnalysisRunsAfterTheWalkAndKeepsOnlyWalkedFiles(t *testing.T) {
	root := writeTree(t, map[string]string{
		".gitignore":   "ignored/\n",
		"app/a.go":     strings.Replace(goCall, "%s", "tree-sitter-a", 1),
		"ignored/b.go": strings.Replace(goCall, "%s", "tree-sitter-b", 1),
		"app/plain.go": "package app\n\nfunc g() {}\n",
	})
	fa := &fakeAnalyzer{}
	res, err := Scan(context.Background(), Options{Roots: []string{root}, GoAnalyzer: fa.analyze})
	if err != nil {
		t.Fatal(err)
	}
	if fa.runs != 1 {
		t.Fatalf("analyzer ran %d times, want 1", fa.runs)
	}
	var keys []string
	for _, c := range res.Calls {
		keys = append(keys, *c.Key)
	}
	// a.go: the typed result replaces tree-sitter's; b.go is gitignored, so
	// neither reports it; plain.go was walked and handled (typed call kept).
	want := []string{"typed:app/a.go", "typed:app/plain.go"}
	if len(keys) != len(want) || keys[0] != want[0] || keys[1] != want[1] {
		t.Fatalf("calls = %v, want %v", keys, want)
	}
}

func TestGoAnalysisSkippedWithoutGoSDKImports(t *testing.T) {
	// "variation" passes the pre-filter (a JS method name) but names no Go SDK.
	root := writeTree(t, map[string]string{"x.go": "package x\n\n// variation of a theme\nfunc h() {}\n"})
	fa := &fakeAnalyzer{}
	if _, err := Scan(context.Background(), Options{Roots: []string{root}, GoAnalyzer: fa.analyze}); err != nil {
		t.Fatal(err)
	}
	if fa.runs != 0 {
		t.Fatalf("analyzer ran %d times on a tree with no Go SDK import", fa.runs)
	}
}

// A typed Go analysis that outlives its bound (a cold module or build cache
// makes go/packages compile for minutes) is cancelled: tree-sitter's calls
// stand, nothing of the analysis is kept, and one problem says so. Before,
// the scan waited for it however long it took.
func TestGoAnalysisBounded(t *testing.T) {
	root := writeTree(t, map[string]string{"app/a.go": strings.Replace(goCall, "%s", "tree-sitter-a", 1)})
	runs := 0
	slow := func(ctx context.Context, root string, cfg *config.Config) ([]Call, map[string]bool, []Problem, error) {
		runs++
		select {
		case <-ctx.Done():
		case <-time.After(20 * time.Second): // not cancelled: the test fails below, it does not hang
		}
		key := "typed-partial"
		return []Call{{File: "app/a.go", Line: 5, Column: 1, Language: "go", Key: &key}}, map[string]bool{"app/a.go": true}, nil, ctx.Err()
	}
	res, err := Scan(context.Background(), Options{Roots: []string{root}, GoAnalyzer: slow, GoTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if runs != 1 {
		t.Fatalf("analyzer ran %d times, want 1", runs)
	}
	if got := fmt.Sprint(keysOf(res.Calls)); got != "[tree-sitter-a]" {
		t.Errorf("calls %v, want tree-sitter's [tree-sitter-a]", got)
	}
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Msg, "did not finish within 50ms") || res.Problems[0].Unreadable {
		t.Errorf("problems %v, want one warning naming the 50ms bound", res.Problems)
	}
}
