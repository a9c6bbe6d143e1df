package flagname

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// testdata/camelcase.json was produced by running the SDKs' own functions
// under node 20: lodash.camelcase 4.3.0 from npm, and toCamelCase of
// @launchdarkly/react-sdk (js-core@1ff89ec flagKeyUtils.ts), on keys chosen
// for their case runs, digits and separators.
func TestNamesMatchTheSDKs(t *testing.T) {
	data, err := os.ReadFile("testdata/camelcase.json")
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct{ Key, Lodash, ReactSDK string }
	if err := json.Unmarshal(data, &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) < 40 {
		t.Fatalf("only %d rows", len(rows))
	}
	for _, r := range rows {
		for _, c := range []struct {
			rule Rule
			want string
		}{{Lodash, r.Lodash}, {ReactSDK, r.ReactSDK}} {
			if got, ok := c.rule.Name(r.Key); !ok || got != c.want {
				t.Errorf("%s(%q) = %q, %v; the SDK gives %q", c.rule, r.Key, got, ok, c.want)
			}
		}
	}
}

func TestKeys(t *testing.T) {
	keys := []string{"my-flag", "my_flag", "other", "$flagsState", "MyFlag"}
	if got := Lodash.Keys("myFlag", keys); !slices.Equal(got, []string{"MyFlag", "my-flag", "my_flag"}) {
		t.Errorf("Keys(myFlag) = %v", got)
	}
	if got := Lodash.Keys("flagsState", keys); got != nil {
		t.Errorf("a $ key is never exposed: %v", got)
	}
	if _, ok := Lodash.Name("drapeau-é"); ok {
		t.Error("non-ASCII keys are not mapped")
	}
	if _, ok := Rule("other").Name("x"); ok {
		t.Error("unknown rule")
	}
}

func FuzzNames(f *testing.F) {
	for _, s := range []string{"my-flag", "ABCdef", "x1Y", "--", "a'b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range []Rule{Lodash, ReactSDK} {
			n, ok := r.Name(s)
			if !ok {
				continue
			}
			// lodash keeps letters and digits only; toCamelCase drops its separators.
			for i := 0; i < len(n); i++ {
				if r == Lodash && isBreak(n[i]) || r == ReactSDK && (n[i] == '-' || n[i] == '.' || n[i] == '_') {
					t.Fatalf("%s(%q) = %q holds a separator", r, s, n)
				}
			}
		}
	})
}
