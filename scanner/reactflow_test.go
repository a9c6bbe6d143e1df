package scanner

import "testing"

// TestFoFactsResolve: an import path names one file of the tree or none.
func TestFoFactsResolve(t *testing.T) {
	f := newFoFacts(nil, []string{
		"app/src/featureFlags.ts", "app/src/hooks/useFlags.ts", "app/src/utils/user.ts",
		"app/src/routes/types.ts", "app/src/routes/index.ts", "other/src/utils/user.ts",
		"app/src/queries.ts",
	})
	for _, c := range []struct{ from, source, want string }{
		{"app/src/hooks/useFlags.ts", "src/featureFlags", "app/src/featureFlags.ts"},
		{"app/src/routes/index.ts", "./types", "app/src/routes/types.ts"},
		{"app/src/routes/types.ts", ".", "app/src/routes/index.ts"},
		{"app/src/routes/types.ts", "../featureFlags", "app/src/featureFlags.ts"},
		{"app/src/routes/types.ts", "./missing", ""},
		{"app/src/hooks/useFlags.ts", "utils/user", "app/src/utils/user.ts"}, // nearest of two
		{"x/y.ts", "utils/user", ""},                                         // two equally near: not guessed
		{"app/src/a.ts", "@/featureFlags", "app/src/featureFlags.ts"},
		{"app/src/a.ts", "@linode/queries", ""}, // a package, not a file of the tree
		{"app/src/a.ts", "react", ""},
		{"app/src/a.ts", "", "app/src/a.ts"},
	} {
		if got := f.resolve(c.from, c.source); got != c.want {
			t.Errorf("resolve(%q, %q) = %q, want %q", c.from, c.source, got, c.want)
		}
	}
}
