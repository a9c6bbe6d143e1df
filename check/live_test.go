package check

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/payload"
	"github.com/ldfallback/ldfallback/scanner"
)

// TestLiveFallback: issue 10 — a flag for which the SDK serves the code's
// fallback to every context (off with no off variation; deleted) is a
// live-fallback at every call, a deleted one is not called a typo, and two
// different literals for it are an error.
func TestLiveFallback(t *testing.T) {
	p, err := payload.ParseLean([]byte(`{"flags":{
		"dark":{"key":"dark","on":false,"variations":[true,false]},
		"gone":{"key":"gone","deleted":true}}}`), "x")
	if err != nil {
		t.Fatal(err)
	}
	call := func(key, lit string, line int) scanner.Call {
		k := key
		return scanner.Call{File: "a.go", Line: line, Column: 1, Language: "go", Method: "BoolVariation", Key: &k, Fallback: json.RawMessage(lit), FallbackText: lit, Type: "bool"}
	}
	rep := Check(fallback.Resolve(p), &scanner.Result{Calls: []scanner.Call{
		call("dark", "true", 1), call("dark", "false", 2), call("dark", "false", 3), call("gone", "false", 4),
	}}, Options{})
	var got []string
	for _, f := range rep.Findings {
		got = append(got, string(f.Kind)+":"+string(f.Severity)+":"+f.Key)
		if f.Kind == KindLiveFallback && f.Key == "gone" && (!strings.Contains(f.Message, "deleted") || strings.Contains(f.Message, "typo")) {
			t.Errorf("deleted flag message: %s", f.Message)
		}
		if f.Kind == KindLiveFallback && f.Key == "dark" && !strings.Contains(f.Message, "is off and has no off variation, so every context gets this fallback (`") {
			t.Errorf("message: %s", f.Message)
		}
	}
	want := "inconsistent-fallback:error:dark live-fallback:warning:dark live-fallback:warning:dark live-fallback:warning:dark live-fallback:warning:gone"
	if strings.Join(got, " ") != want {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
}
