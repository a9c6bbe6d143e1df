package scanner

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/languages"
)

// A pre-filter hit is not enough to parse a file: it must also name its
// language's SDK (import or receiver), a wrapper, a definition or an extra key.
func TestFilesNeedAnSDKMarkerToBeParsed(t *testing.T) {
	root := writeTree(t, map[string]string{
		"comment.js":  "// the variation of a theme: see boolVariation\nexport const x = 1;\n",
		"sdk.js":      js("with-import"),
		"receiver.js": "export const f = (ctx) => app.ldClient.boolVariation('via-receiver', ctx, false);\n",
		"wrapper.js":  "export const g = () => isOn('via-wrapper', false);\n",
		"key.js":      "export const k = 'only-a-key';\n",
	})
	cfg := config.Default()
	cfg.Wrappers = wrappersFrom(t, "wrappers:\n  - methods: [isOn]\n    key: 0\n    fallback: 1\n")
	res, err := Scan(context.Background(), Options{Roots: []string{root}, Config: cfg, ExtraKeys: []string{"only-a-key"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Candidates != 4 {
		t.Errorf("candidates = %d, want 4 (all but comment.js)", res.Stats.Candidates)
	}
	got := map[string]bool{}
	for _, c := range res.Calls {
		got[*c.Key] = true
	}
	for _, k := range []string{"with-import", "via-receiver", "via-wrapper"} {
		if !got[k] {
			t.Errorf("missing call %q (calls: %v)", k, got)
		}
	}
}

func wrappersFrom(t *testing.T, yaml string) []languages.Shape {
	t.Helper()
	c, err := config.Parse([]byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return c.Wrappers
}

// Markers are built per language, when a file of it first passes the
// pre-filter, and then test files as the eager build did.
func TestMarkersBuiltOnDemand(t *testing.T) {
	s := newScanner(Options{})
	for l, lm := range s.markers {
		if lm.built {
			t.Errorf("%s: markers built before any file needed them", l.Name)
		}
	}
	js := languages.ByName("javascript")
	e := newExtractor()
	defer e.close()
	for _, f := range []struct {
		rel, src  string
		candidate bool
	}{
		{"comment.js", "// the variation of a theme: see boolVariation\n", false},
		{"receiver.js", "export const f = (ctx) => app.ldClient.boolVariation('k', ctx, false);\n", true},
	} {
		abs := filepath.Join(t.TempDir(), f.rel)
		if err := os.WriteFile(abs, []byte(f.src), 0o644); err != nil {
			t.Fatal(err)
		}
		if r := s.process(context.Background(), e, job{root: filepath.Dir(abs), rel: f.rel, abs: abs, lang: js}); r.candidate != f.candidate {
			t.Errorf("%s: candidate = %v, want %v", f.rel, r.candidate, f.candidate)
		}
	}
	for l, lm := range s.markers {
		if lm.built != (l == js) {
			t.Errorf("%s: markers built = %v, want %v", l.Name, lm.built, l == js)
		}
	}
}
