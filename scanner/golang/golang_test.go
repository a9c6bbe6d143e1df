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


