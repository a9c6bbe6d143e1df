package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ldfallback/ldfallback/codegen"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/payload"
)

// The built-in policy renders fallback-config.json with fallback.Result.Config
// (fast, from ldvalue), a --jq policy with codegen.ConfigJSON (from JSON):
// both must give the same bytes for the same values, or switching policy
// would show as a diff.
func TestConfigRenderersAgree(t *testing.T) {
	odd := filepath.Join(t.TempDir(), "odd.json")
	if err := os.WriteFile(odd, []byte(`{"flags": {
	  "html": {"on": false, "variations": ["<a href='x'>&amp;</a>", "b"], "offVariation": 0},
	  "nested": {"on": false, "variations": [{"z": [1, 2.5, {"y": null, "b": true}], "a": "é\u00e9\t"}], "offVariation": 0},
	  "num": {"on": false, "variations": [1e3, 0.1, -0, 12345678901], "offVariation": 3},
	  "float": {"on": true, "variations": [1.5, 2], "fallthrough": {"variation": 0}, "offVariation": 1}
	}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{filepath.Join("testdata", "demo", "flags.json"), odd} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		p, err := payload.Parse(data, file)
		if err != nil {
			t.Fatal(err)
		}
		res := fallback.Resolve(p)
		want, _ := res.Config()
		got := codegen.ConfigJSON(safeValues(res))
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s: renderers differ (-Config +ConfigJSON):\n%s", file, diff)
		}
	}
}
