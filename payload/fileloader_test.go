package payload

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	"github.com/launchdarkly/go-sdk-common/v3/ldreason"
	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
	ld "github.com/launchdarkly/go-server-sdk/v7"
	"github.com/launchdarkly/go-server-sdk/v7/ldcomponents"
	"github.com/launchdarkly/go-server-sdk/v7/ldfiledata"
)

// sdkFileFlags loads path with the Go SDK's own file data source and returns
// the keys it serves (among candidates), or ok=false when it does not load
// the file.
func sdkFileFlags(t *testing.T, path string, candidates []string) (keys []string, ok bool) {
	t.Helper()
	cfg := ld.Config{
		DataSource: ldfiledata.DataSource().FilePaths(path),
		Events:     ldcomponents.NoEvents(),
		Logging:    ldcomponents.NoLogging(),
	}
	client, _ := ld.MakeCustomClient("sdk-key", cfg, 5*time.Second)
	if client == nil {
		return nil, false
	}
	defer client.Close()
	if !client.Initialized() {
		return nil, false
	}
	for _, k := range candidates {
		_, d, _ := client.JSONVariationDetail(k, ldcontext.New("u"), ldvalue.String("code default"))
		if d.Reason.GetErrorKind() != ldreason.EvalErrorFlagNotFound {
			keys = append(keys, k)
		}
	}
	return keys, true
}

// TestFileLoaderAsTheSDK: issue 10 §7. A document in the SDK's file data
// source format is read as that loader (encoding/json into a struct) reads
// it: top-level member names case-insensitively, repeated members merged, a
// null member dropping what came before, and a key in both "flags" and
// "flagValues" refused as the SDK refuses the file. Each case is checked
// against the real ldfiledata loader.
func TestFileLoaderAsTheSDK(t *testing.T) {
	flag := func(k string) string {
		return `{"key":"` + k + `","on":false,"offVariation":0,"variations":[true,false]}`
	}
	candidates := []string{"a", "b", "c", "d"}
	cases := []struct {
		name, doc string
		refused   string // a substring of ldfallback's error when the SDK refuses the file
	}{
		{"Flags in another case", `{"Flags":{"a":` + flag("a") + `},"flagValues":{"b":1}}`, ""},
		{"FLAGVALUES alone", `{"FLAGVALUES":{"b":1}}`, ""},
		{"long s in segments, Kelvin-free flags", `{"flags":{"a":` + flag("a") + `},"ſegments":{},"flagValues":{"c":"x"}}`, ""},
		{"flags and Flags merge", `{"flags":{"a":` + flag("a") + `},"Flags":{"c":` + flag("c") + `},"flagValues":{"d":true}}`, ""},
		{"a null member drops the earlier one", `{"flagValues":{"b":1},"flags":{"a":` + flag("a") + `},"FlagValues":null}`, ""},
		{"null flags then flags", `{"flags":null,"flagValues":{"b":1},"flags":{"c":` + flag("c") + `}}`, ""},
		{"key in flags and flagValues", `{"flags":{"a":` + flag("a") + `},"flagValues":{"a":1,"b":2}}`, `flag key is in both "flags" and "flagValues" ("a")`},
		{"key in flagValues then flags", `{"flagValues":{"b":2},"flags":{"b":` + flag("b") + `}}`, `in both "flags" and "flagValues" ("b")`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "flags.json")
			if err := os.WriteFile(path, []byte(c.doc), 0o600); err != nil {
				t.Fatal(err)
			}
			want, loads := sdkFileFlags(t, path, candidates)
			if loads == (c.refused != "") {
				t.Fatalf("the SDK loads the file: %v; the case says refused %q", loads, c.refused)
			}
			p, err := parseAll(t, []byte(c.doc))
			if !loads {
				if err == nil || !strings.Contains(err.Error(), c.refused) {
					t.Fatalf("error %v, want one containing %q", err, c.refused)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Loader != LoaderFile {
				t.Errorf("loader %s", p.Loader)
			}
			var got []string
			for _, k := range candidates {
				if _, ok := p.Flags[k]; ok {
					got = append(got, k)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("flags %v, the SDK's file data source serves %v", got, want)
			}
		})
	}
}
