package scanner

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// With PathsFromCwd every reported path opens from the current directory:
// relative to it for roots inside it, as given for roots outside it.
func TestPathsFromCwd(t *testing.T) {
	base := t.TempDir()
	for name, body := range map[string]string{
		"repo/src/a.js":    js("inside"),
		"outside/b.js":     js("outside"),
		"repo/single/c.js": js("single-file"),
	} {
		p := filepath.Join(base, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(filepath.Join(base, "repo"))
	outsideAbs := filepath.Join(base, "outside")
	for _, tc := range []struct {
		root, want string
		fromCwd    bool
	}{
		{"src", "src/a.js", true},
		{filepath.Join(base, "repo", "src"), "src/a.js", true},
		{"../outside", "../outside/b.js", true},
		{outsideAbs, filepath.ToSlash(outsideAbs) + "/b.js", true},
		{"single/c.js", "single/c.js", true},
		{"src", "a.js", false},
		{"../outside", "b.js", false},
	} {
		res, err := Scan(context.Background(), Options{Roots: []string{tc.root}, PathsFromCwd: tc.fromCwd})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Calls) != 1 || res.Calls[0].File != tc.want {
			t.Errorf("root %s (fromCwd %v): calls %+v, want one in %s", tc.root, tc.fromCwd, res.Calls, tc.want)
			continue
		}
		if tc.fromCwd {
			if _, err := os.Stat(filepath.FromSlash(res.Calls[0].File)); err != nil {
				t.Errorf("root %s: reported path does not open from here: %v", tc.root, err)
			}
		}
	}
}
