package check

import (
	"fmt"
	"strings"

	"github.com/ldfallback/ldfallback/internal/flagname"
	"github.com/ldfallback/ldfallback/scanner"
)

// withFlagNames maps the React flags-object reads that the scanner could
// not tie to one key (Call.Names set) to the environment's keys: a read of
// `flags.myFlag` is the one flag key the SDK's rule turns into `myFlag`.
// No key, or several, leave the key null with a note saying so; a key the
// scanner took from the provider's bootstrap is kept only when no other key
// of the environment gives the same name. The scan result is not modified:
// a copy of the calls is returned when any changes.
func withFlagNames(scan *scanner.Result, keys []string) *scanner.Result {
	var calls []scanner.Call
	for i, c := range scan.Calls {
		if c.Names == "" || c.Name == "" {
			continue
		}
		if calls == nil {
			calls = append([]scanner.Call(nil), scan.Calls...)
		}
		nameFlagKey(&calls[i], keys)
	}
	if calls == nil {
		return scan
	}
	out := *scan
	out.Calls = calls
	return &out
}

func nameFlagKey(c *scanner.Call, keys []string) {
	rule := flagname.Rule(c.Names)
	matches := rule.Keys(c.Name, keys)
	switch {
	case len(matches) == 1 && (c.Key == nil || *c.Key == matches[0]):
		k := matches[0]
		c.Key = &k
		c.Note = fmt.Sprintf("`%s` is the %s name of the flag `%s`", c.Name, rule, k)
	case len(matches) == 0 && c.Key != nil:
		// The bootstrap's key is not in this environment: unknown-flag says so.
	case len(matches) == 0:
		c.Note = fmt.Sprintf("`%s` is the %s name of no flag key in this environment: the read is always undefined (a typo, a deleted flag, or a key that is not camel-cased)", c.Name, rule)
	default:
		if c.Key != nil && len(matches) == 1 {
			matches = append(matches, *c.Key)
		}
		c.Key = nil
		c.Fallback, c.FallbackSpan, c.FallbackFile, c.Implicit = nil, scanner.Span{}, "", false
		c.Dynamic = true
		c.Note = fmt.Sprintf("the flag keys %s all give the name `%s` (%s): the SDK keeps one of them, so this read cannot be tied to a key", "`"+strings.Join(matches, "`, `")+"`", c.Name, rule)
	}
}
