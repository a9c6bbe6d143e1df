package scanner

import "testing"

func TestGoModDirective(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"module example.com/shop\n\ngo 1.22\n", "example.com/shop"},
		{"// comment\nmodule \"example.com/quoted\" // trailing\n", "example.com/quoted"},
		{"go 1.22\nrequire x v1\n", ""},
		{"modules example.com/no\n", ""},
		{"module\n", ""},
		{"\tmodule   github.com/a/b/v2  \n", "github.com/a/b/v2"},
	} {
		if got := goModDirective([]byte(tc.in)); got != tc.want {
			t.Errorf("goModDirective(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestGoPackageName(t *testing.T) {
	for in, want := range map[string]string{
		"example.com/shop/internal/flags": "flags",
		"github.com/acme/flags/v3":        "flags",
		"gopkg.in/yaml.v3":                "yaml",
		"github.com/acme/go-flags":        "flags",
		"github.com/acme/feature-keys":    "feature_keys",
	} {
		if got := goPackageName(in); got != want {
			t.Errorf("goPackageName(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzGoModDirective: go.mod is outside input; the reader never panics and
// returns a path without spaces.
func FuzzGoModDirective(f *testing.F) {
	f.Add([]byte("module example.com/shop\n"))
	f.Add([]byte("module \"x\" // c\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if p := goModDirective(data); p != "" && (len(p) == 0 || p[0] == ' ') {
			t.Fatalf("bad path %q", p)
		}
	})
}
