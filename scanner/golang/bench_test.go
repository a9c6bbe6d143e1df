package golang

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// genModule writes a module of pkgs packages × files files × calls calls each,
// using the fake SDK and a shared flags package, and returns its root.
func genModule(tb testing.TB, pkgs, files, calls int) string {
	return genModuleSparse(tb, pkgs, files, calls, pkgs)
}

// genModuleSparse is genModule where only the first callPkgs packages
// evaluate flags; the others hold code of the same size with no call.
func genModuleSparse(tb testing.TB, pkgs, files, calls, callPkgs int) string {
	tb.Helper()
	root := tb.TempDir()
	sdk, err := filepath.Abs(filepath.Join(fixtures, "fakesdk"))
	if err != nil {
		tb.Fatal(err)
	}
	write := func(rel, s string) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	write("go.mod", fmt.Sprintf(`module example.com/gen

go 1.22

require (
	github.com/launchdarkly/go-sdk-common/v3 v3.0.0
	github.com/launchdarkly/go-server-sdk/v7 v7.0.0
)

replace (
	github.com/launchdarkly/go-sdk-common/v3 => %s/common
	github.com/launchdarkly/go-server-sdk/v7 => %s/ld
)
`, sdk, sdk))
	var fl strings.Builder
	fl.WriteString("package flags\n\nconst (\n")
	for i := 0; i < calls; i++ {
		fmt.Fprintf(&fl, "\tFlag%d = \"flag-%d\"\n\tDefault%d = %d\n", i, i, i, i)
	}
	fl.WriteString(")\n")
	write("flags/flags.go", fl.String())
	for p := 0; p < pkgs; p++ {
		for f := 0; f < files; f++ {
			var b strings.Builder
			if p < callPkgs {
				fmt.Fprintf(&b, `package p%d

import (
	"strings"

	ld "github.com/launchdarkly/go-server-sdk/v7"
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"

	"example.com/gen/flags"
)

func f%d(c *ld.LDClient, u ldcontext.Context) int {
	n := strings.Count("filler text that is not a call", "t")
`, p, f)
			} else {
				fmt.Fprintf(&b, `package p%d

import (
	"strings"

	"example.com/gen/flags"
)

func f%d() int {
	n := strings.Count("filler text that is not a call", "t")
`, p, f)
			}
			for i := 0; i < calls && p >= callPkgs; i++ {
				fmt.Fprintf(&b, "\tif v := strings.Index(flags.Flag%d, \"x\") + flags.Default%d; v > n {\n\t\tn = v\n\t}\n", i, i)
				fmt.Fprintf(&b, "\tif strings.HasPrefix(\"literal-%d\", \"l\") {\n\t\tn++\n\t}\n", i)
			}
			for i := 0; i < calls && p < callPkgs; i++ {
				fmt.Fprintf(&b, "\tif v, _ := c.IntVariation(flags.Flag%d, u, flags.Default%d); v > n {\n\t\tn = v\n\t}\n", i, i)
				fmt.Fprintf(&b, "\tif on, _ := c.BoolVariation(\"literal-%d\", u, false); on {\n\t\tn++\n\t}\n", i)
			}
			b.WriteString("\treturn n\n}\n")
			write(fmt.Sprintf("p%d/f%d.go", p, f), b.String())
		}
	}
	return root
}

// BenchmarkAnalyze loads, type-checks and scans a generated module of 40
// packages × 25 files (1,000 files, 20,000 calls).
//
//	go test -run '^$' -bench Analyze -benchtime 5x ./scanner/golang
func BenchmarkAnalyze(b *testing.B) {
	root := genModule(b, 40, 25, 10)
	ctx := context.Background()
	var size int64
	_ = filepath.Walk(root, func(_ string, fi os.FileInfo, _ error) error {
		if fi != nil && !fi.IsDir() {
			size += fi.Size()
		}
		return nil
	})
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		calls, handled, problems, err := Analyze(ctx, root, nil)
		if err != nil || len(problems) > 0 {
			b.Fatal(err, problems)
		}
		if len(calls) != 40*25*10*2 || len(handled) != 40*25+1 {
			b.Fatalf("%d calls, %d files", len(calls), len(handled))
		}
	}
}

// BenchmarkAnalyzeSparse is the same module where 1 package in 40 evaluates
// flags: only it and the packages it imports are type-checked.
func BenchmarkAnalyzeSparse(b *testing.B) {
	root := genModuleSparse(b, 40, 25, 10, 1)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		calls, handled, problems, err := Analyze(ctx, root, nil)
		if err != nil || len(problems) > 0 {
			b.Fatal(err, problems)
		}
		if len(calls) != 25*10*2 || len(handled) != 25+1 {
			b.Fatalf("%d calls, %d files", len(calls), len(handled))
		}
	}
}

// The generated module is also a test of scale: every call found, all constant-folded.
func TestGenerated(t *testing.T) {
	root := genModule(t, 3, 4, 5)
	calls, handled, problems, err := Analyze(context.Background(), root, nil)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	if len(calls) != 3*4*5*2 || len(handled) != 3*4+1 {
		t.Fatalf("%d calls, %d files", len(calls), len(handled))
	}
	for _, c := range calls {
		if c.Key == nil || c.Fallback == nil {
			t.Errorf("unresolved: %+v", c)
		}
		if c.Method == "IntVariation" && c.FallbackFile != "flags/flags.go" {
			t.Errorf("fallback not traced to its constant: %+v", c)
		}
	}
}
