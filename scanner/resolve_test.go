package scanner

import (
	"context"
	"fmt"
	"path"
	"strings"
	"testing"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/languages"
)

// Only the files a reference leads to are parsed for their declarations, and
// each once, however many references lead there.
func TestRefsParseOnlyTheFilesTheyReach(t *testing.T) {
	files := map[string]string{
		"app/main.js": "import { init } from '@launchdarkly/node-server-sdk';\n" +
			"import { FLAGS, DEFAULTS } from '../flags';\n" +
			"const c = init('k');\n" +
			"c.boolVariation(FLAGS.a, {}, DEFAULTS.a);\n" +
			"c.boolVariation(FLAGS.b, {}, DEFAULTS.b);\n" +
			"c.boolVariation(FLAGS.a, {}, compute());\n",
		"app/sibling.js":    "export const FLAGS = { a: 'wrong' };\n",
		"flags/index.js":    "export * from './keys';\nexport * from './defaults';\n",
		"flags/keys.js":     "export const FLAGS = { a: 'k-a', b: 'k-b' };\n",
		"flags/defaults.js": "export const DEFAULTS = { a: true, b: false };\n",
	}
	for i := 0; i < 20; i++ {
		files[fmt.Sprintf("other/f%d.js", i)] = fmt.Sprintf("export const FLAGS = { a: 'other-%d' };\n", i)
	}
	root := writeTree(t, files)
	var parsed []int
	refsParsedHook = func(n int) { parsed = append(parsed, n) }
	defer func() { refsParsedHook = nil }()
	res, err := Scan(context.Background(), Options{Roots: []string{root}, Config: config.Default(), Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range res.Calls {
		got = append(got, fmt.Sprintf("%s=%s %s", c.KeyExpr, deref(c.Key), c.Fallback))
	}
	want := "FLAGS.a=k-a true|FLAGS.b=k-b false|FLAGS.a=k-a "
	if strings.Join(got, "|") != want {
		t.Errorf("calls:\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
	// index.js, keys.js, defaults.js: not the sibling, not other/.
	if len(parsed) != 1 || parsed[0] != 3 {
		t.Errorf("files parsed for declarations = %v, want [3]", parsed)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func TestModulePaths(t *testing.T) {
	js, py := &languages.ByName("javascript").Modules, &languages.ByName("python").Modules
	tree := map[string]bool{
		"src/flags.ts": true, "src/config/index.js": true, "src/app/main.ts": true,
		"svc/shop/flags.py": true, "svc/shop/__init__.py": true, "svc/web/views.py": true, "top.py": true,
	}
	exists := func(p string) bool { return tree[p] }
	for _, tc := range []struct {
		mod         string
		rel, source string
		want        string
	}{
		{"js", "src/app/main.ts", "../flags", "src/flags.ts"},
		{"js", "src/app/main.ts", "../flags.js", "src/flags.ts"},
		{"js", "src/app/main.ts", "../config", "src/config/index.js"},
		{"js", "src/app/main.ts", "../../../outside", ""},
		{"js", "src/app/main.ts", "@/flags", ""},
		{"js", "src/app/main.ts", "flags", ""},
		{"py", "svc/web/views.py", "shop.flags", "svc/shop/flags.py"},
		{"py", "svc/web/views.py", "..shop.flags", "svc/shop/flags.py"},
		{"py", "svc/web/views.py", "..shop", "svc/shop/__init__.py"},
		{"py", "svc/shop/flags.py", ".", "svc/shop/__init__.py"},
		{"py", "svc/web/views.py", "top", "top.py"},
		{"py", "svc/web/views.py", "....top", ""},
		{"py", "top.py", "..x", ""},
	} {
		mod := js
		if tc.mod == "py" {
			mod = py
		}
		if got := modulePaths(mod, tc.rel, tc.source, exists); got != tc.want {
			t.Errorf("%s: %q from %s = %q, want %q", tc.mod, tc.source, tc.rel, got, tc.want)
		}
	}
}

// FuzzModulePaths: any import string resolves to a clean path inside the root, or to nothing.
func FuzzModulePaths(f *testing.F) {
	for _, s := range []string{"../flags", "./a/../../b", "..x", "....", ".", "a.b.c", "/etc/passwd", "..\x00"} {
		f.Add("src/app/main.ts", s)
	}
	mods := []*languages.Modules{&languages.ByName("javascript").Modules, &languages.ByName("python").Modules}
	f.Fuzz(func(t *testing.T, rel, source string) {
		rel = path.Clean("/" + rel)[1:]
		for _, mod := range mods {
			got := modulePaths(mod, rel, source, func(string) bool { return true })
			if got != "" && (!inRoot(got) || path.Clean(got) != got || path.IsAbs(got)) {
				t.Fatalf("%q from %q = %q", source, rel, got)
			}
		}
	})
}

func TestTypeFileName(t *testing.T) {
	for in, want := range map[string]string{"FeatureFlags": "feature_flags", "Flags": "flags", "ABTest": "abtest"} {
		if got := typeFileName("snake", in); got != want {
			t.Errorf("snake(%s) = %s, want %s", in, got, want)
		}
	}
	if typeFileName("same", "FeatureFlags") != "FeatureFlags" {
		t.Error("same")
	}
}

// A name no import binds is looked for in the files of the caller's
// package (its directory), but only those whose text contains the name's
// first segment are parsed for it: a C# controller's directory of a hundred
// files was parsed whole for each FeatureFlagKeys.X.
func TestSiblingsParsedOnlyWhenTheyNameIt(t *testing.T) {
	files := map[string]string{
		"app/main.js": "import { init } from '@launchdarkly/node-server-sdk';\n" +
			"const c = init('k');\nc.boolVariation(Keys.checkout, {}, false);\nc.boolVariation(Keys.deep.dark, {}, true);\n",
		"app/keys.js": "const Keys = { checkout: 'new-checkout', deep: { dark: 'dark-mode' } };\n",
	}
	for i := 0; i < 20; i++ {
		files[fmt.Sprintf("app/f%d.js", i)] = fmt.Sprintf("export const checkout = 'other-%d';\nexport const dark = 'x';\n", i)
	}
	root := writeTree(t, files)
	var parsed []int
	refsParsedHook = func(n int) { parsed = append(parsed, n) }
	defer func() { refsParsedHook = nil }()
	res, err := Scan(context.Background(), Options{Roots: []string{root}, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range res.Calls {
		got = append(got, c.KeyExpr+"="+deref(c.Key))
	}
	if want := "Keys.checkout=new-checkout Keys.deep.dark=dark-mode"; strings.Join(got, " ") != want {
		t.Errorf("calls %q, want %q", strings.Join(got, " "), want)
	}
	if len(parsed) != 1 || parsed[0] != 1 {
		t.Errorf("files parsed for declarations = %v, want [1] (keys.js)", parsed)
	}
}
