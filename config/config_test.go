package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfallback/ldfallback/languages"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		wantErr    string
		check      func(t *testing.T, c *Config)
	}{
		{name: "empty", yaml: "", check: func(t *testing.T, c *Config) {
			if c.FallbackConfig != "fallback-config.json" || len(c.Wrappers) != 0 {
				t.Errorf("defaults: %+v", c)
			}
		}},
		{name: "wrapper positions and names", yaml: `
wrappers:
  - methods: [variationWithFallback]
    key: 1
  - methods: [isEnabled]
    languages: [kotlin]
    key: {index: 0, name: flagKey}
    fallback: defaultValue
    type: bool
`, check: func(t *testing.T, c *Config) {
			w := c.Wrappers
			if len(w) != 2 {
				t.Fatalf("wrappers = %d", len(w))
			}
			if w[0].Key != languages.Pos(1) || !w[0].FromConfig {
				t.Errorf("a wrapper without a fallback argument reads fallback-config.json: %+v", w[0])
			}
			if w[1].Key != languages.Named("flagKey", 0) || w[1].Fallback != languages.Named("defaultValue", -1) || w[1].FromConfig {
				t.Errorf("named arguments: %+v", w[1])
			}
		}},
		{name: "implicit default is not fromConfig", yaml: `
wrappers:
  - methods: [flag]
    key: 0
    implicit: "false"
`, check: func(t *testing.T, c *Config) {
			if c.Wrappers[0].FromConfig {
				t.Errorf("implicit wrapper marked fromConfig")
			}
		}},
		{name: "severities and overrides", yaml: `
severity: {inconsistent-fallback: error, dynamic-key: off}
overrides:
  - paths: ["legacy/**"]
    severity: {stale-fallback: warning}
`, check: func(t *testing.T, c *Config) {
			if c.Severity["dynamic-key"] != "off" || c.Overrides[0].Severity["stale-fallback"] != "warning" {
				t.Errorf("%+v", c)
			}
		}},
		{name: "unknown field", yaml: "wrapers: []\n", wantErr: "field wrapers not found"},
		{name: "wrapper without methods", yaml: "wrappers:\n  - key: 0\n", wantErr: "wrappers[0]: no methods"},
		{name: "wrapper without key", yaml: "wrappers:\n  - methods: [f]\n", wantErr: "wrappers[0] (f): no key argument"},
		{name: "negative index", yaml: "wrappers:\n  - methods: [f]\n    key: -1\n", wantErr: "negative"},
		{name: "mapping without index or name", yaml: "wrappers:\n  - methods: [f]\n    key: {}\n", wantErr: "needs an index or a name"},
		{name: "fixed key not a string", yaml: "wrappers:\n  - methods: [f]\n    key: {value: 3}\n", wantErr: "wrappers[0] (f): key value 3 is not a string"},
		{name: "key and fallback both fixed", yaml: "wrappers:\n  - methods: [f]\n    key: {value: x}\n    fallback: {value: false}\n", wantErr: "wrappers[0] (f): both key and fallback are fixed"},
		{name: "value and index", yaml: "wrappers:\n  - methods: [f]\n    key: {value: x, index: 0}\n", wantErr: "a value or an index/name, not both"},
		{name: "fromConfig with fallback", yaml: "wrappers:\n  - methods: [f]\n    key: 0\n    fallback: 1\n    fromConfig: true\n", wantErr: "wrappers[0] (f): fromConfig and a fallback argument"},
		{name: "implicit not JSON", yaml: "wrappers:\n  - methods: [f]\n    key: 0\n    implicit: nope\n", wantErr: `wrappers[0] (f): implicit "nope" is not JSON`},
		{name: "unknown type", yaml: "wrappers:\n  - methods: [f]\n    key: 0\n    type: boolean\n", wantErr: `wrappers[0] (f): type "boolean" is not bool`},
		{name: "unknown language", yaml: "wrappers:\n  - methods: [f]\n    key: 0\n    languages: [cobol]\n", wantErr: `wrappers[0] (f): unknown language "cobol"`},
		{name: "bad severity", yaml: "severity: {stale-fallback: fatal}\n", wantErr: `"fatal" is not error, warning, note or off`},
		{name: "override without paths", yaml: "overrides:\n  - severity: {stale-fallback: note}\n", wantErr: "overrides[0]: no paths"},
		{name: "not yaml", yaml: "wrappers: [", wantErr: "yaml"},
		{name: "second document", yaml: "exclude: [a]\n---\nseverity: {stale-fallback: error}\n", wantErr: "line 2: a second YAML document (after ---) is not read"},
		{name: "second empty document", yaml: "exclude: [a]\n---\n", wantErr: "a second YAML document"},
		{name: "document end marker only", yaml: "exclude: [a]\n...\n", check: func(t *testing.T, c *Config) {}},
		{name: "too many excludes", yaml: "exclude: [" + strings.Repeat("a,", MaxPatterns) + "b]\n", wantErr: "exclude: 10001 patterns, more than the limit of 10000"},
		{name: "policy", yaml: "exclude: [a]\npolicy:\n  rules:\n    - {match: \"release-*\", strategy: fail-closed}\n", check: func(t *testing.T, c *Config) {
			if len(c.Policy.Rules) != 1 || c.Policy.Rules[0].Strategy != "fail-closed" || c.Policy.Rules[0].Line != 4 {
				t.Errorf("%+v", c.Policy)
			}
		}},
		{name: "policy unknown field", yaml: "policy:\n  rules:\n    - {match: \"release-*\", strategy: fail-closed, review: 2025-01-01, rationale: x, reviewd: 1}\n", wantErr: `line 3: policy.rules[0] (match "release-*"): unknown field "reviewd"`},
		{name: "policy bad date", yaml: "policy:\n  flags:\n    a: {review: 15/01/2024}\n", wantErr: `line 3: policy.flags.a: review "15/01/2024" is not a date (YYYY-MM-DD)`},
		{name: "excludes at the limit", yaml: "exclude: [" + strings.Repeat("a,", MaxPatterns-1) + "b]\n", check: func(t *testing.T, c *Config) {}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse([]byte(tc.yaml))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, c)
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if c, err := Load(filepath.Join(dir, "absent.yaml"), true); err != nil || c.Path != "" {
		t.Fatalf("optional absent file: %+v, %v", c, err)
	}
	_, err := Load(filepath.Join(dir, "absent.yaml"), false)
	var ce *Error
	if !errors.As(err, &ce) || ce.ExitCode() != 2 {
		t.Fatalf("required absent file: %v", err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("severity: {x: loud}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bad, true); err == nil || !strings.HasPrefix(err.Error(), bad+": ") {
		t.Fatalf("a bad file's error names it: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("wrappers:\n  - methods: [f]\n    key: {index: 1, name: k}\n"))
	f.Add([]byte("severity: {stale-fallback: off}\noverrides: [{paths: [a], severity: {x: note}}]\n"))
	if data, err := os.ReadFile("../testdata/demo/.ldfallback.yaml"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			return
		}
		for _, w := range c.Wrappers {
			if len(w.Methods) == 0 || !w.Key.IsSet() {
				t.Fatalf("accepted an unusable wrapper: %+v", w)
			}
		}
	})
}
