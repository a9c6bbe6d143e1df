package check

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/flagmeta"
	"github.com/ldfallback/ldfallback/payload"
	"github.com/ldfallback/ldfallback/scanner"
)

// TestArchivedFlag: issue 12 — a call of a flag the REST API lists as
// archived is one archived-flag warning naming the date (not also an
// unknown-flag); in fallback-config.json too; a deprecated flag gets a note
// and is still checked; without metadata an absent flag stays unknown.
func TestArchivedFlag(t *testing.T) {
	p, err := payload.ParseLean([]byte(`{"flags":{
		"old":{"key":"old","on":true,"fallthrough":{"variation":0},"offVariation":1,"variations":[true,false]}}}`), "x")
	if err != nil {
		t.Fatal(err)
	}
	meta := flagmeta.Set{
		"legacy":  {Key: "legacy", Known: true, Archived: true, ArchivedDate: time.Date(2024, 7, 3, 10, 0, 0, 0, time.UTC)},
		"undated": {Key: "undated", Known: true, Archived: true},
		"old":     {Key: "old", Known: true, Deprecated: true, DeprecatedDate: time.Date(2024, 3, 9, 0, 0, 0, 0, time.UTC)},
	}
	call := func(key, lit string, line int) scanner.Call {
		k := key
		return scanner.Call{File: "a.go", Line: line, Column: 1, Language: "go", Method: "BoolVariation", Key: &k, Fallback: json.RawMessage(lit), FallbackText: lit, Type: "bool"}
	}
	calls := &scanner.Result{Calls: []scanner.Call{call("legacy", "false", 1), call("undated", "true", 2), call("old", "false", 3), call("typo", "true", 4)}}
	rep := Check(fallback.Resolve(p), calls, Options{Meta: meta,
		FallbackConfig: map[string]json.RawMessage{"legacy": json.RawMessage("false"), "old": json.RawMessage("true")}, FallbackConfigLines: map[string]int{"legacy": 2, "old": 3}})
	var got []string
	for _, f := range rep.Findings {
		got = append(got, string(f.Kind)+":"+string(f.Severity)+":"+f.File+":"+f.Key)
		switch {
		case f.Kind == KindArchivedFlag && f.Key == "legacy" && f.File == "a.go":
			if !strings.Contains(f.Message, "`legacy` was archived on 2024-07-03: every context gets the code's fallback (`false`)") {
				t.Errorf("message: %s", f.Message)
			}
		case f.Kind == KindArchivedFlag && f.Key == "undated":
			if !strings.Contains(f.Message, "`undated` is archived: every context gets the code's fallback (`true`)") {
				t.Errorf("message: %s", f.Message)
			}
		case f.Kind == KindDeprecatedFlag:
			if !strings.Contains(f.Message, "`old` was deprecated on 2024-03-09") {
				t.Errorf("message: %s", f.Message)
			}
		}
	}
	want := "archived-flag:warning:a.go:legacy archived-flag:warning:a.go:undated stale-fallback:error:a.go:old deprecated-flag:note:a.go:old unknown-flag:warning:a.go:typo archived-flag:warning:fallback-config.json:legacy"
	if strings.Join(got, " ") != want {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
	// Without metadata (an SDK payload) the same calls are unknown flags.
	rep = Check(fallback.Resolve(p), calls, Options{})
	n := 0
	for _, f := range rep.Findings {
		if f.Kind == KindUnknownFlag {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d unknown-flag findings without metadata, want 3", n)
	}
}
