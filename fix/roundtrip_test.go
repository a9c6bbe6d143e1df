package fix

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/envset"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/scanner"
)

const fixtures = "../testdata/check/fix"

// answers are the environment the fixtures are checked against: every
// fallback literal in the fixtures is stale.
func answers() *fallback.Result {
	a := func(key, v string) fallback.Answer {
		return fallback.Answer{Key: key, Value: ldvalue.Parse([]byte(v)), HasValue: true, Reason: fallback.ReasonOff}
	}
	return fallback.NewResult([]fallback.Answer{
		a("checkout-api", "false"),
		a("banner-text", `"It's \"new\" #{x} $y\n"`),
		a("max-cart-items", "25"),
		a("theme", `{"dark":false,"accent":"blue"}`),
		a("ratio", "2"),
	})
}

func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o640); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func stale(r *check.Report) []check.Finding {
	var out []check.Finding
	for _, f := range r.Findings {
		if f.Kind == check.KindStaleFallback {
			out = append(out, f)
		}
	}
	return out
}

// site is a hand-located fallback literal: the text right before it and the literal.
type site struct {
	before, literal, key, value string
}

// handCases cover every language fix knows, without the scanner.
var handCases = []struct {
	file, lang string
	sites      []site
}{
	{"main.go", "go", []site{{`"checkout-api", ctx, `, "true", "checkout-api", "true"}, {`"banner-text", ctx, `, `"Hello"`, "banner-text", `"Hello"`}, {`"max-cart-items", ctx, `, "10", "max-cart-items", "10"}}},
	{"search.py", "python", []site{{`"checkout-api", ctx, `, "True", "checkout-api", "true"}, {`'banner-text', ctx, `, `'Hello'`, "banner-text", `"Hello"`}, {`"theme", ctx, `, `{"dark": True}`, "theme", `{"dark":true}`}}},
	{"cart.ts", "typescript", []site{{`'checkout-api', context, `, "true", "checkout-api", "true"}, {`'theme', context, `, `{ dark: true }`, "theme", `{"dark":true}`}, {`'banner-text', context, `, "`Hello`", "banner-text", `"Hello"`}, {`'max-cart-items', context, `, "10", "max-cart-items", "10"}}},
	{"app.js", "javascript", []site{{`"checkout-api", context, `, "true", "checkout-api", "true"}, {`"banner-text", context, `, `'Hello'`, "banner-text", `"Hello"`}}},
	{"App.tsx", "tsx", []site{{`'checkout-api', `, "true", "checkout-api", "true"}, {`'banner-text', `, `"Hello"`, "banner-text", `"Hello"`}}},
	{"Banner.vue", "vue", []site{{`'checkout-api', `, "true", "checkout-api", "true"}, {`'banner-text', `, `"Hello"`, "banner-text", `"Hello"`}}},
	{"Checkout.java", "java", []site{{`"checkout-api", ctx, `, "true", "checkout-api", "true"}, {`"banner-text", ctx, `, `"Hello"`, "banner-text", `"Hello"`}}},
	{"Flags.kt", "kotlin", []site{{`"checkout-api", `, "true", "checkout-api", "true"}, {`"banner-text", `, `"Hello"`, "banner-text", `"Hello"`}, {`"ratio", `, "1.5", "ratio", "1.5"}}},
	{"Flags.cs", "csharp", []site{{`"checkout-api", ctx, `, "true", "checkout-api", "true"}, {`"banner-text", ctx, `, `"Hello"`, "banner-text", `"Hello"`}}},
	{"order.rb", "ruby", []site{{`"checkout-api", context, `, "true", "checkout-api", "true"}, {`'banner-text', context, `, `'Hello'`, "banner-text", `"Hello"`}}},
	{"flags.php", "php", []site{{`'checkout-api', $context, `, "true", "checkout-api", "true"}, {`'banner-text', $context, `, `'Hello'`, "banner-text", `"Hello"`}}},
	{"Flags.swift", "swift", []site{{`"checkout-api", defaultValue: `, "true", "checkout-api", "true"}, {`"banner-text", defaultValue: `, `"Hello"`, "banner-text", `"Hello"`}}},
	{"flags.rs", "rust", []site{{`"checkout-api", `, "true", "checkout-api", "true"}, {`"banner-text", `, `"Hello"`, "banner-text", `"Hello"`}}},
	{"flags.lua", "lua", []site{{`"checkout-api", `, "true", "checkout-api", "true"}, {`"banner-text", `, `'Hello'`, "banner-text", `"Hello"`}}},
	{"flags.ex", "elixir", []site{{`"checkout-api", context, `, "true", "checkout-api", "true"}, {`"banner-text", context, `, `"Hello"`, "banner-text", `"Hello"`}}},
	{"flags.cpp", "cpp", []site{{`"checkout-api", `, "true", "checkout-api", "true"}, {`"banner-text", `, `"Hello"`, "banner-text", `"Hello"`}}},
}

func handCalls(t *testing.T, file, lang string, src []byte, sites []site) []scanner.Call {
	t.Helper()
	var calls []scanner.Call
	for _, s := range sites {
		i := bytes.Index(src, []byte(s.before+s.literal))
		if i < 0 {
			t.Fatalf("%s: %q not found", file, s.before+s.literal)
		}
		start := i + len(s.before)
		key := s.key
		calls = append(calls, scanner.Call{File: file, Line: 1 + bytes.Count(src[:start], []byte{'\n'}), Column: 1,
			Language: lang, Method: "variation", Key: &key, Fallback: json.RawMessage(s.value), FallbackText: s.literal,
			Type: scanner.TypeUnknown, FallbackSpan: scanner.Span{Start: start, End: start + len(s.literal)}})
	}
	return calls
}

// literalValue reads back a rewritten literal as JSON (objects: JSON for the
// JS family, a Python dict with its constants renamed).
func literalValue(lang, text string) (json.RawMessage, bool) {
	if v, ok := decode(lang, text); ok {
		return v, true
	}
	if lang == "python" {
		text = strings.NewReplacer("True", "true", "False", "false", "None", "null").Replace(text)
	}
	if json.Valid([]byte(text)) {
		return json.RawMessage(text), true
	}
	return nil, false
}

func TestRoundTripByLanguage(t *testing.T) {
	res := answers()
	for _, tc := range handCases {
		t.Run(tc.lang, func(t *testing.T) {
			dir := copyTree(t, fixtures)
			path := filepath.Join(dir, tc.file)
			orig, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if n, err := errorCount(tc.lang, orig); err != nil || n != 0 {
				t.Fatalf("fixture does not parse as %s: %d errors, %v", tc.lang, n, err)
			}
			calls := handCalls(t, tc.file, tc.lang, orig, tc.sites)
			report := check.Check(res, &scanner.Result{Calls: calls}, check.Options{})
			if got := len(stale(report)); got != len(tc.sites) {
				t.Fatalf("%d stale findings before the fix, want %d: %+v", got, len(tc.sites), report.Findings)
			}
			edits, skipped := Plan(report.Findings, calls)
			if len(skipped) != 0 {
				t.Fatalf("plan skipped %v", skipped)
			}

			// --diff: a diff, no write.
			var diff bytes.Buffer
			if _, err := Apply(dir, edits, true, &diff); err != nil {
				t.Fatal(err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, orig) {
				t.Fatal("--diff wrote the file")
			}
			if !strings.HasPrefix(diff.String(), "--- a/"+tc.file+"\n+++ b/"+tc.file+"\n") || !strings.Contains(diff.String(), "\n-") {
				t.Fatalf("not a unified diff:\n%s", diff.String())
			}

			out, err := Apply(dir, edits, false, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(out.Skipped) != 0 || len(out.Applied) != len(tc.sites) {
				t.Fatalf("applied %d, skipped %v", len(out.Applied), out.Skipped)
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// Every byte outside the spans is unchanged.
			want := append([]byte(nil), orig...)
			applied := append([]Edit(nil), out.Applied...)
			sort.Slice(applied, func(i, j int) bool { return applied[i].Start > applied[j].Start })
			for _, e := range applied {
				want = append(append(append([]byte(nil), want[:e.Start]...), e.New...), want[e.End:]...)
			}
			if !bytes.Equal(after, want) {
				t.Fatalf("file differs outside the literals:\n%s", after)
			}
			if n, err := errorCount(tc.lang, after); err != nil || n != 0 {
				t.Fatalf("fixed file does not parse: %d errors, %v\n%s", n, err, after)
			}
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o640 {
				t.Errorf("mode not kept: %v %v", fi.Mode(), err)
			}
			// Re-check the fixed literals: nothing stale.
			var recheck []scanner.Call
			for i, e := range applied {
				v, ok := literalValue(tc.lang, e.New)
				if !ok {
					t.Fatalf("cannot read back %s", e.New)
				}
				c := calls[0]
				c.Key, c.Fallback, c.Line = &applied[i].Key, v, i+1
				recheck = append(recheck, c)
			}
			if s := stale(check.Check(res, &scanner.Result{Calls: recheck}, check.Options{})); len(s) != 0 {
				t.Errorf("still stale after the fix: %+v", s)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != len(handCases) {
				t.Errorf("temp files left behind: %d entries", len(entries))
			}
		})
	}
}

// TestRoundTripScanner runs the real scanner over the fixture tree: check,
// fix, scan again, check again. Languages the scanner does not know yet are
// simply not part of it; the hand-located test covers them.
func TestRoundTripScanner(t *testing.T) {
	dir := copyTree(t, fixtures)
	scan := func() *scanner.Result {
		r, err := scanner.Scan(context.Background(), scanner.Options{Roots: []string{dir}, Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	res := answers()
	before := scan()
	report := check.Check(res, before, check.Options{})
	if len(stale(report)) == 0 {
		t.Skip("the scanner found no stale literal in the fixtures")
	}
	origs := map[string][]byte{}
	for _, c := range before.Calls {
		origs[c.File], _ = os.ReadFile(filepath.Join(dir, c.File))
	}
	edits, skipped := Plan(report.Findings, before.Calls)
	out, err := Apply(dir, edits, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d findings, %d edits in %d files; skipped %v %v", len(report.Findings), len(out.Applied), len(out.Files), skipped, out.Skipped)
	if len(out.Skipped) != 0 || len(skipped) != 0 {
		t.Errorf("skipped: %v %v", skipped, out.Skipped)
	}
	after := check.Check(res, scan(), check.Options{})
	if s := stale(after); len(s) != 0 {
		for _, f := range s {
			t.Errorf("still stale: %s:%d %s %s", f.File, f.Line, f.Key, f.Fallback)
		}
	}
	for file, orig := range origs {
		now, _ := os.ReadFile(filepath.Join(dir, file))
		if bytes.Equal(now, orig) {
			t.Errorf("%s was not rewritten", file)
		}
	}
}

func TestApplySkipsChangedFile(t *testing.T) {
	dir := copyTree(t, fixtures)
	path := filepath.Join(dir, "main.go")
	src, _ := os.ReadFile(path)
	calls := handCalls(t, "main.go", "go", src, handCases[0].sites[:1])
	report := check.Check(answers(), &scanner.Result{Calls: calls}, check.Options{})
	edits, _ := Plan(report.Findings, calls)
	// Someone edits the file after the scan: the literal moved.
	changed := append([]byte("// a new first line\n"), src...)
	if err := os.WriteFile(path, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := Apply(dir, edits, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Applied) != 0 || len(out.Skipped) != 1 || !strings.Contains(out.Skipped[0].Reason, "where the literal true was checked") {
		t.Fatalf("applied %v, skipped %v", out.Applied, out.Skipped)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, changed) {
		t.Error("the changed file was written")
	}
}

func TestPlanSkips(t *testing.T) {
	key := func(s string) *string { return &s }
	calls := []scanner.Call{
		{File: "a.js", Line: 1, Column: 1, Language: "javascript", Key: key("checkout-api"), Fallback: json.RawMessage("null"), Implicit: true},
		{File: "a.go", Line: 2, Column: 1, Language: "go", Key: key("checkout-api"), Fallback: json.RawMessage("true"), FallbackText: "DefaultOn"},
		{File: "a.go", Line: 3, Column: 1, Language: "go", Key: key("banner-text"), Fallback: json.RawMessage("true"), FallbackText: "true", Type: "bool"},
		{File: "a.go", Line: 4, Column: 1, Language: "go", Key: key("checkout-api"), Fallback: json.RawMessage("true"), FallbackText: "true",
			FallbackFile: "consts.go", FallbackSpan: scanner.Span{Start: 10, End: 14}},
	}
	report := check.Check(answers(), &scanner.Result{Calls: calls}, check.Options{})
	edits, skipped := Plan(report.Findings, calls)
	if len(edits) != 1 || edits[0].File != "consts.go" || edits[0].Old != "" {
		t.Errorf("edits %+v", edits)
	}
	reasons := map[string]bool{}
	for _, s := range skipped {
		reasons[s.Reason] = true
	}
	for _, want := range []string{"the call passes no fallback; add one by hand",
		"the scanner did not locate the literal (a definition or constant fix cannot rewrite safely)",
		"a type mismatch needs a change of evaluation method or type, not of the value"} {
		if !reasons[want] {
			t.Errorf("no skip %q in %v", want, skipped)
		}
	}
}

func TestCheckParses(t *testing.T) {
	good := []byte("package p\nvar x = true\n")
	bad := []byte("package p\nvar x = true)\n")
	if err := checkParses("go", good, good); err != nil {
		t.Error(err)
	}
	if err := checkParses("go", good, bad); err == nil {
		t.Error("a broken file passed")
	}
}

// Several environments: a literal stale in two environments is one edit; an
// environment-divergent literal is rewritten only to the value the critical
// environments agree on.
func TestPlanEnvironments(t *testing.T) {
	key := func(s string) *string { return &s }
	a := func(k, v string, r fallback.Reason) fallback.Answer {
		return fallback.Answer{Key: k, Value: ldvalue.Parse([]byte(v)), HasValue: true, Reason: r}
	}
	set, err := envset.New([]*envset.Env{
		{Name: "production", Critical: true, Result: fallback.NewResult([]fallback.Answer{a("same", "false", fallback.ReasonOff), a("div", "false", fallback.ReasonOff), a("div-ok", "false", fallback.ReasonOff)})},
		{Name: "staging", Result: fallback.NewResult([]fallback.Answer{a("same", "false", fallback.ReasonOff), a("div", "true", fallback.ReasonSingleVariation), a("div-ok", "true", fallback.ReasonSingleVariation)})},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	lit := func(line int, k, v string) scanner.Call {
		return scanner.Call{File: "a.go", Line: line, Column: 1, Language: "go", Key: key(k), Fallback: json.RawMessage(v), FallbackText: v, Type: "bool",
			FallbackSpan: scanner.Span{Start: line * 100, End: line*100 + len(v)}}
	}
	calls := []scanner.Call{lit(1, "same", "true"), lit(2, "div", "true"), lit(3, "div-ok", "false")}
	report := check.CheckSet(set, &scanner.Result{Calls: calls}, check.Options{})
	edits, _ := Plan(report.Findings, calls)
	var got []string
	for _, e := range edits {
		got = append(got, e.Key+"="+string(e.NewValue))
	}
	if want := []string{"same=false", "div=false"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("edits %v, want %v", got, want)
	}
}
