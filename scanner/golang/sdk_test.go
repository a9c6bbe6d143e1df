package golang

import "testing"

func TestImportMatches(t *testing.T) {
	for _, tc := range []struct {
		path, imp string
		want      bool
	}{
		{"github.com/launchdarkly/go-server-sdk/v7", "github.com/launchdarkly/go-server-sdk", true},
		{"github.com/launchdarkly/go-server-sdk/v7/interfaces", "github.com/launchdarkly/go-server-sdk", true},
		{"gopkg.in/launchdarkly/go-server-sdk.v5", "gopkg.in/launchdarkly/go-server-sdk", true},
		{"github.com/launchdarkly/go-server-sdk", "github.com/launchdarkly/go-server-sdk", true},
		{"github.com/launchdarkly/go-server-sdk-fork/v7", "github.com/launchdarkly/go-server-sdk", false},
		{"github.com/acme/launchdarkly/go-server-sdk", "github.com/launchdarkly/go-server-sdk", false},
	} {
		if got := importMatches(tc.path, tc.imp); got != tc.want {
			t.Errorf("importMatches(%q, %q) = %v, want %v", tc.path, tc.imp, got, tc.want)
		}
	}
}

// The shared Go declaration must be there and name the SDKs the typed-only rows use.
func TestKnowledge(t *testing.T) {
	sdks, shapes := knowledge()
	names := map[string]bool{}
	for _, s := range sdks {
		names[s.Name] = true
	}
	for _, r := range shapes {
		if !names[r.SDK] {
			t.Errorf("row %v names SDK %q, not declared (have %v)", r.Methods, r.SDK, names)
		}
		if r.Source == "" {
			t.Errorf("row %v cites no source", r.Methods)
		}
	}
}
