package golang

import (
	"bufio"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/scanner"
)

const fixtures = "../../testdata/gopkgs"

// render is the one-line form of a call that `// want` comments spell out.
func render(t *testing.T, root string, c scanner.Call) string {
	var b strings.Builder
	b.WriteString(c.Method)
	if c.Key != nil {
		b.WriteString(" key=" + strconv.Quote(*c.Key))
	} else {
		b.WriteString(" key=nil")
	}
	if c.KeyExpr != "" {
		b.WriteString(" expr=" + c.KeyExpr)
	}
	switch {
	case c.Dynamic:
		b.WriteString(" fallback=dynamic(" + c.FallbackText + ")")
	case c.FromConfig:
		b.WriteString(" fallback=config")
	case c.Implicit:
		b.WriteString(" fallback=implicit:" + string(c.Fallback))
	default:
		b.WriteString(" fallback=" + string(c.Fallback))
	}
	b.WriteString(" type=" + string(c.Type))
	if c.FallbackSpan != (scanner.Span{}) {
		file := c.File
		b.WriteString(" span=")
		if c.FallbackFile != "" {
			file = c.FallbackFile
			b.WriteString(c.FallbackFile + ":")
		}
		src, err := os.ReadFile(filepath.Join(root, file))
		if err != nil {
			t.Fatal(err)
		}
		b.Write(src[c.FallbackSpan.Start:c.FallbackSpan.End])
	}
	if c.Ignored {
		b.WriteString(" ignored:" + c.IgnoreReason)
	}
	return b.String()
}

var wantRE = regexp.MustCompile("// want((?:\\s+`[^`]*`)+)\\s*$")
var wantItemRE = regexp.MustCompile("`([^`]*)`")

// wants reads the `// want` comments of every .go file under root, by "file:line".
func wants(t *testing.T, root string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		rel, _ := filepath.Rel(root, path)
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			m := wantRE.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			for _, w := range wantItemRE.FindAllStringSubmatch(m[1], -1) {
				k := filepath.ToSlash(rel) + ":" + strconv.Itoa(line)
				out[k] = append(out[k], w[1])
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkWants compares the calls found with the `// want` comments, both ways.
func checkWants(t *testing.T, root string, calls []scanner.Call) {
	t.Helper()
	got := map[string][]string{}
	for _, c := range calls {
		k := c.File + ":" + strconv.Itoa(c.Line)
		got[k] = append(got[k], render(t, root, c))
	}
	want := wants(t, root)
	for _, m := range []map[string][]string{got, want} {
		for _, v := range m {
			sort.Strings(v)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

func mustParse(t *testing.T, yaml string) *config.Config {
	t.Helper()
	cfg, err := config.Parse([]byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

const basicConfig = `
wrappers:
  - methods: [variationWithFallback]
    key: 1
    type: bool
  - methods: [flagOr]
    languages: [go]
    key: 0
    fallback: 1
    type: bool
  - methods: [BoolVariation]
    languages: [python]
    key: 0
    fallback: 1
`

func TestBasic(t *testing.T) {
	root := filepath.Join(fixtures, "basic")
	calls, handled, problems, err := Analyze(context.Background(), root, mustParse(t, basicConfig))
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("problems: %v", problems)
	}
	checkWants(t, root, calls)
	var files []string
	for f := range handled {
		files = append(files, f)
	}
	sort.Strings(files)
	want := []string{"app/app_test.go", "app/direct.go", "app/iface.go", "app/openfeature.go", "app/scoped.go", "app/wrap.go", "decoy/decoy.go", "flags/flags.go"}
	if diff := cmp.Diff(want, files); diff != "" {
		t.Errorf("handled (-want +got):\n%s", diff)
	}
	for _, c := range calls {
		if c.Language != "go" || c.Column < 1 {
			t.Errorf("call %+v: language %q column %d", c, c.Language, c.Column)
		}
	}
}

func handledList(h map[string]bool) []string {
	out := []string{}
	for f := range h {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// A package with a type error, one importing it, and one whose import
// cannot be resolved offline are left to tree-sitter, each with a problem;
// the clean package next to them is still handled.
func TestTypeErrors(t *testing.T) {
	root := filepath.Join(fixtures, "typeerror")
	calls, handled, problems, err := Analyze(context.Background(), root, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkWants(t, root, calls)
	if diff := cmp.Diff([]string{"good/good.go"}, handledList(handled)); diff != "" {
		t.Errorf("handled (-want +got):\n%s", diff)
	}
	var files []string
	for _, p := range problems {
		files = append(files, p.File)
		if !strings.Contains(p.Msg, "left to tree-sitter") {
			t.Errorf("problem %+v does not say what happens to the files", p)
		}
	}
	if diff := cmp.Diff([]string{"bad/bad.go", "missing/missing.go", "uncached/uncached.go", "usesbad"}, files); diff != "" {
		t.Errorf("problem files (-want +got):\n%s\n%v", diff, problems)
	}
}

// Modules that cannot load at all are an error: the CLI then gives every Go
// file to tree-sitter.
func TestCannotLoad(t *testing.T) {
	noModule := t.TempDir()
	if err := os.WriteFile(filepath.Join(noModule, "main.go"), []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, root := range map[string]string{
		"broken go.mod": filepath.Join(fixtures, "noload"),
		"no go.mod":     noModule,
		"no such dir":   filepath.Join(noModule, "nope"),
	} {
		t.Run(name, func(t *testing.T) {
			calls, handled, _, err := Analyze(context.Background(), root, nil)
			if err == nil {
				t.Fatalf("no error; calls %v handled %v", calls, handled)
			}
			if len(handled) != 0 || len(calls) != 0 {
				t.Errorf("handled %v, calls %v alongside the error", handled, calls)
			}
		})
	}
}

// A root holding several modules loads each; _dirs, vendor and testdata are
// skipped as the go command skips them.
func TestNestedModules(t *testing.T) {
	root := filepath.Join(fixtures, "nested")
	calls, handled, problems, err := Analyze(context.Background(), root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("problems: %v", problems)
	}
	checkWants(t, root, calls)
	if diff := cmp.Diff([]string{"svc-a/a.go", "svc-b/inner/b.go"}, handledList(handled)); diff != "" {
		t.Errorf("handled (-want +got):\n%s", diff)
	}
}

// Excluded files and files the caller's filter rejects are neither scanned
// nor handled.
func TestExcludeAndKeep(t *testing.T) {
	root := filepath.Join(fixtures, "basic")
	cfg := mustParse(t, "exclude: [app/wrap.go, 'decoy/']\n")
	calls, handled, _, err := AnalyzeWith(context.Background(), root, cfg, Options{
		Keep: func(rel string) bool { return !strings.HasSuffix(rel, "_test.go") },
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"app/direct.go", "app/iface.go", "app/openfeature.go", "app/scoped.go", "flags/flags.go"}
	if diff := cmp.Diff(want, handledList(handled)); diff != "" {
		t.Errorf("handled (-want +got):\n%s", diff)
	}
	for _, c := range calls {
		if !handled[c.File] {
			t.Errorf("call in a file that is not handled: %+v", c)
		}
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, _, err := Analyze(ctx, filepath.Join(fixtures, "basic"), nil); err == nil {
		t.Fatal("no error from a cancelled context")
	}
}
