package scanner

import (
	"context"
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
