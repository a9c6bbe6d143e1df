package golang

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzAnalyzeFile puts arbitrary source in a module that can see the fake
// SDK and checks that analysis never panics and reports only calls in
// handled files with positions inside them. Each input runs the go command,
// so `go test` runs only the seeds.
func FuzzAnalyzeFile(f *testing.F) {
	for _, seed := range []string{"app/direct.go", "app/openfeature.go", "app/scoped.go"} {
		src, err := os.ReadFile(filepath.Join(fixtures, "basic", seed))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("package app\n\nfunc f() { var c interface{ BoolVariation(string, bool) bool }; c.BoolVariation(\"k\", true) }\n"))
	root := genModule(f, 1, 1, 1)
	// A directory of its own, so the input's package clause is never in conflict.
	target := filepath.Join(root, "fz", "fuzz.go")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if err := os.WriteFile(target, src, 0o644); err != nil {
			t.Fatal(err)
		}
		calls, handled, _, err := Analyze(context.Background(), root, nil)
		if err != nil {
			return // an unloadable module is a valid outcome
		}
		for _, c := range calls {
			if !handled[c.File] || c.Line < 1 || c.Column < 1 {
				t.Errorf("call %+v outside the handled files %v", c, handled)
			}
			if c.FallbackSpan.End < c.FallbackSpan.Start {
				t.Errorf("bad span %+v", c)
			}
		}
	})
}
