package check

import (
	"strings"
	"testing"

	"github.com/ldfallback/ldfallback/scanner"
)

func TestFlagNames(t *testing.T) {
	keys := []string{"new-checkout", "show-beta", "show_beta", "dark-mode"}
	str := func(s string) *string { return &s }
	for _, tc := range []struct {
		name     string
		call     scanner.Call
		wantKey  string // "" = null
		wantNote string
	}{
		{"one key", scanner.Call{Name: "newCheckout", Names: "lodash.camelcase"}, "new-checkout", "name of the flag `new-checkout`"},
		{"two keys", scanner.Call{Name: "showBeta", Names: "lodash.camelcase"}, "", "`show-beta`, `show_beta` all give"},
		{"bootstrap key hidden by another", scanner.Call{Name: "showBeta", Names: "lodash.camelcase", Key: str("show-beta")}, "", "all give the name"},
		{"no key", scanner.Call{Name: "newChekout", Names: "lodash.camelcase"}, "", "name of no flag key"},
		{"bootstrap key not in the environment", scanner.Call{Name: "gone", Names: "lodash.camelcase", Key: str("gone")}, "gone", ""},
		{"the key as written", scanner.Call{Name: "dark-mode", Key: str("dark-mode")}, "dark-mode", ""},
		{"react-sdk rule", scanner.Call{Name: "darkMode", Names: "react-sdk.toCamelCase"}, "dark-mode", "toCamelCase name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := &scanner.Result{Calls: []scanner.Call{tc.call}}
			out := withFlagNames(in, keys)
			c := out.Calls[0]
			got := ""
			if c.Key != nil {
				got = *c.Key
			}
			if got != tc.wantKey {
				t.Errorf("key = %q, want %q", got, tc.wantKey)
			}
			if !strings.Contains(c.Note, tc.wantNote) {
				t.Errorf("note = %q, want it to say %q", c.Note, tc.wantNote)
			}
			if tc.wantKey == "" && c.Fallback != nil && !c.Implicit {
				t.Errorf("an unresolved key keeps a fallback: %s", c.Fallback)
			}
			if in.Calls[0].Note != tc.call.Note {
				t.Error("the scan result was modified")
			}
		})
	}
}
