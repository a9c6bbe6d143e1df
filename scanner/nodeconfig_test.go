package scanner

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigExpr(t *testing.T) {
	names := []string{"config", "cfg"}
	tests := []struct {
		expr, path, tail string
		ok               bool
	}{
		{"config.a.b", "a.b", "", true},
		{"config.a['b-c']", "a.b-c", "", true},
		{`config?.a["b"]`, "a.b", "", true},
		{"config.a[x]", "a", "x", true},
		{"config.a[params.key]", "a", "params.key", true},
		{"cfg.get('a.b')", "a.b", "", true},
		{"config.get('a.' + name)", "a", "name", true},
		{"config.get(`a.b.${opts.name}`)", "a.b", "opts.name", true},
		{"config.get(name)", "", "name", true},
		{"config.a[x].b", "", "", false},       // only the last part may be computed
		{"config.a[f(x)]", "", "", false},      // not a name
		{"config.get('a' + x)", "", "", false}, // no dot before the computed part
		{"settings.a.b", "", "", false},        // not bound to the package
		{"config", "", "", false},
		{"config.get(`a${x}`)", "", "", false},
	}
	for _, tt := range tests {
		_, p, tail, ok := configExpr(tt.expr, names)
		if ok != tt.ok || p != tt.path || tail != tt.tail {
			t.Errorf("configExpr(%q) = %q, %q, %v; want %q, %q, %v", tt.expr, p, tail, ok, tt.path, tt.tail, tt.ok)
		}
	}
}

func TestConfigNames(t *testing.T) {
	src := []byte("const config = require('config');\nimport settings from \"config\";\nimport * as c2 from 'config';\nconst other = require('./config');\nimport x from 'config/raw';\n")
	got := strings.Join(configNames(src), ",")
	if got != "config,settings,c2" {
		t.Errorf("configNames = %q", got)
	}
}

func TestDestructured(t *testing.T) {
	got := destructured("{ a, b: c, d = 1, e: f = 'x', ...rest }")
	want := map[string]string{"a": "a", "c": "b", "d": "d", "f": "e"}
	if len(got) != len(want) {
		t.Fatalf("destructured = %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("destructured[%q] = %q, want %q", k, got[k], v)
		}
	}
	if destructured("{ a: { b } }") != nil || destructured("name") != nil {
		t.Error("nested or plain patterns must not be read")
	}
}

const configCaller = `const config = require('config');
const ld = require('@launchdarkly/node-server-sdk');
const client = ld.init('x');
function f(ctx) { return client.variation(config.flags.a, ctx, false); }
`

// TestConfigFiles covers what decides a key read from config files: one
// value, a malformed file (a warning naming it, the key null), a format not
// read, a directory of JSON files, and the same value given twice.
func TestConfigFiles(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		links   map[string]string // link → target (relative to the tree)
		key     string            // "" for null
		problem string            // a substring of the one warning expected
	}{
		{name: "yaml", files: map[string]string{"config/default.yaml": "flags:\n  a: flag-a\n"}, key: "flag-a"},
		{name: "json", files: map[string]string{"config/default.json": `{"flags": {"a": "flag-a"}}`, "config/test.json": `{"flags": {"a": "flag-a"}}`}, key: "flag-a"},
		{name: "malformed", files: map[string]string{"config/default.yaml": "flags:\n  a: flag-a\n", "config/local.yaml": "flags: [\n"}, problem: "config/local.yaml"},
		{name: "js-config", files: map[string]string{"config/default.yaml": "flags:\n  a: flag-a\n", "config/production.js": "module.exports = {}\n"}},
		{name: "replaced-parent", files: map[string]string{"config/default.yaml": "flags:\n  a: flag-a\n", "config/staging.yaml": "flags: none\n"}},
		{name: "no-config-dir", files: map[string]string{}},
		// A link could lead out of the tree, to a file whose values must not be printed as keys.
		{name: "linked-file", files: map[string]string{"config/test.yaml": "other: 1\n", "secret.yaml": "flags:\n  a: token\n"},
			links: map[string]string{"config/default.yaml": "../secret.yaml"}},
		{name: "linked-dir", files: map[string]string{"elsewhere/default.yaml": "flags:\n  a: token\n"},
			links: map[string]string{"config": "elsewhere"}},
		{name: "env-parent-map", files: map[string]string{"config/default.yml": "flags:\n  a: flag-a\n", "config/custom-environment-variables.yml": "flags:\n  a:\n    __name: FLAG_A\n    __format: string\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"package.json": "{}", "src/f.js": configCaller}
			for k, v := range tt.files {
				files[k] = v
			}
			dir := writeTree(t, files)
			for l, target := range tt.links {
				if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(l))); err != nil {
					t.Skip("no symbolic links here:", err)
				}
			}
			res, err := Scan(context.Background(), Options{Roots: []string{dir}, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Calls) != 1 {
				t.Fatalf("calls = %+v", res.Calls)
			}
			c := res.Calls[0]
			switch {
			case tt.key == "" && c.Key != nil:
				t.Errorf("key = %q, want null", *c.Key)
			case tt.key != "" && (c.Key == nil || *c.Key != tt.key):
				t.Errorf("key = %v (%s), want %q", c.Key, c.Note, tt.key)
			case tt.key == "" && c.Note == "":
				t.Error("a null key without a note saying why")
			}
			if tt.problem == "" && len(res.Problems) > 0 || tt.problem != "" && (len(res.Problems) != 1 || !strings.Contains(res.Problems[0].File, tt.problem) || strings.Contains(res.Problems[0].Msg, "\n")) {
				t.Errorf("problems = %+v, want one naming %q", res.Problems, tt.problem)
			}
		})
	}
}

// FuzzConfigFile feeds arbitrary bytes to the config-file reader and the
// lookup: never a panic, and a key only for a string entry.
func FuzzConfigFile(f *testing.F) {
	f.Add([]byte("flags:\n  a: flag-a\n  b: 3\n"), "flags.a")
	f.Add([]byte(`{"flags": {"a": "x", "n": null, "l": [1, 2]}}`), "flags.l")
	f.Add([]byte("a: &x {b: *x}\n"), "a.b")
	f.Add([]byte("? [a]\n: b\n"), "a")
	f.Fuzz(func(t *testing.T, data []byte, p string) {
		leaves, err := parseConfigFile(data, "config/default.yaml")
		if err != nil {
			return
		}
		d := &configDir{rel: "config", values: leaves}
		if k, note := d.lookup(p); note == "" && (!leaves[p].ok || leaves[p].str != k) {
			t.Fatalf("lookup(%q) = %q without a string entry", p, k)
		}
		_, _, _, _ = configExpr(p, []string{"config"})
	})
}

// TestQuotedConfig: the quick test before configRequireRe must pass every
// text the expression matches, and may refuse the others.
func TestQuotedConfig(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{`const c = require('config')`, true},
		{`import c from "config"`, true},
		{`import c from 'config"`, true}, // the expression takes either quote on either side
		{`'config'`, true},               // at both ends of the text
		{`'config`, false},
		{`config'`, false},
		{`const config = require('./config')`, false},
		{`import x from 'config/raw'`, false},
		{`configconfig "config" `, true}, // not the first occurrence
		{`webpack.config.js, "configs"`, false},
		{``, false},
	}
	for _, tt := range tests {
		if got := quotedConfig([]byte(tt.src)); got != tt.want {
			t.Errorf("quotedConfig(%q) = %v, want %v", tt.src, got, tt.want)
		}
		if configRequireRe.MatchString(tt.src) && !quotedConfig([]byte(tt.src)) {
			t.Errorf("configRequireRe matches %q but quotedConfig refuses it", tt.src)
		}
	}
}

// FuzzQuotedConfig: whatever configRequireRe matches, quotedConfig passes.
func FuzzQuotedConfig(f *testing.F) {
	f.Add([]byte(`const c = require('config')`))
	f.Add([]byte(`import * as c from "config";`))
	f.Fuzz(func(t *testing.T, src []byte) {
		if configRequireRe.Match(src) && !quotedConfig(src) {
			t.Fatalf("configRequireRe matches %q but quotedConfig refuses it", src)
		}
	})
}
