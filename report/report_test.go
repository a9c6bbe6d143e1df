package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/envset"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/flagmeta"
	"github.com/ldfallback/ldfallback/internal/golden"
	"github.com/ldfallback/ldfallback/policy"
	"github.com/ldfallback/ldfallback/scanner"
)

const goldenDir = "../testdata/check/golden"

func answer(key, value string, reason fallback.Reason, path ...fallback.PrereqStep) fallback.Answer {
	a := fallback.Answer{Key: key, Reason: reason, Variation: -1, Path: path}
	if value != "" {
		a.Value, a.HasValue, a.Variation = ldvalue.Parse([]byte(value)), true, 0
	}
	return a
}

func str(s string) *string { return &s }

// fixture is a hand-built mixed-language check: every finding kind, in
// several languages, plus an ignored call, a baseline-free run and unused flags.
func fixture() *check.Report {
	res := fallback.NewResult([]fallback.Answer{
		answer("checkout-api", "false", fallback.ReasonOff),
		answer("banner-text", `"Welcome back"`, fallback.ReasonSingleVariation),
		answer("max-cart-items", "25", fallback.ReasonRollout),
		answer("search-v2", "false", fallback.ReasonPrerequisiteFailed,
			fallback.PrereqStep{Flag: "search-v2", Prereq: "search-index", Variation: 0, Outcome: "fails"}),
		answer("theme", `{"dark":false,"accent":"blue"}`, fallback.ReasonMultipleVariations),
		answer("legacy-export", "", fallback.ReasonFallbackServed), // off with no off variation: live-fallback
		answer("old-promo", "false", fallback.ReasonOff),
		answer("retired-beta", "true", fallback.ReasonSingleVariation),
	})
	scan := &scanner.Result{Stats: scanner.Stats{Files: 42}, Calls: []scanner.Call{
		{File: "cmd/server/main.go", Line: 41, Column: 12, Language: "go", Method: "BoolVariation", Key: str("checkout-api"), Fallback: json.RawMessage("true"), FallbackText: "true", Type: "bool"},
		{File: "cmd/server/main.go", Line: 57, Column: 9, Language: "go", Method: "StringVariation", Key: str("banner-text"), Fallback: json.RawMessage(`"Welcome back"`), FallbackText: `"Welcome back"`, Type: "string"},
		{File: "cmd/server/main.go", Line: 60, Column: 9, Language: "go", Method: "BoolVariation", Key: str("banner-text"), Fallback: json.RawMessage("false"), FallbackText: "false", Type: "bool"},
		{File: "services/search.py", Line: 18, Column: 16, Language: "python", Method: "variation", Key: str("search-v2"), Fallback: json.RawMessage("true"), FallbackText: "True", Type: "bool"},
		{File: "services/search.py", Line: 30, Column: 16, Language: "python", Method: "variation", Key: str("serch-v2"), Fallback: json.RawMessage("false"), FallbackText: "False", Type: "bool"},
		{File: "services/search.py", Line: 44, Column: 16, Language: "python", Method: "variation", Key: nil, KeyExpr: "f\"exp-{name}\"", Fallback: json.RawMessage("false"), FallbackText: "False", Type: "bool"},
		{File: "web/src/cart.ts", Line: 7, Column: 22, Language: "typescript", Method: "variation", Key: str("max-cart-items"), Fallback: json.RawMessage("25.0"), FallbackText: "25.0", Type: "number"},
		{File: "web/src/cart.ts", Line: 12, Column: 22, Language: "typescript", Method: "numberVariation", Key: str("max-cart-items"), Dynamic: true, FallbackText: "config.maxItems", Type: "number"},
		{File: "web/src/theme.tsx", Line: 5, Column: 18, Language: "tsx", Method: "jsonVariation", Key: str("theme"), Fallback: json.RawMessage(`{"accent":"blue","dark":true}`), FallbackText: `{ accent: 'blue', dark: true }`, Type: "json"},
		{File: "android/app/Flags.kt", Line: 9, Column: 5, Language: "kotlin", Method: "boolVariation", Key: str("legacy-export"), Fallback: json.RawMessage("true"), FallbackText: "true", Type: "bool"},
		{File: "ios/App/Flags.swift", Line: 14, Column: 9, Language: "swift", Method: "boolVariation", Key: str("legacy-export"), Fallback: json.RawMessage("false"), FallbackText: "false", Type: "bool"},
		{File: "ios/App/Flags.swift", Line: 20, Column: 9, Language: "swift", Method: "boolVariation", Key: str("legacy-export"), Fallback: json.RawMessage("false"), FallbackText: "false", Type: "bool"},
		{File: "app/models/order.rb", Line: 3, Column: 7, Language: "ruby", Method: "variation", Key: str("checkout-api"), Fallback: json.RawMessage("true"), FallbackText: "true", Type: "bool", Ignored: true, IgnoreReason: "kill switch, reviewed"},
		{File: "src/main/java/shop/Flags.java", Line: 22, Column: 31, Language: "java", Method: "flag", Key: str("checkout-api"), FromConfig: true, Type: "bool"},
		{File: "src/main/java/shop/Flags.java", Line: 23, Column: 31, Language: "java", Method: "flag", Key: str("search-v2"), FromConfig: true, Type: "bool"},
		{File: "web/src/checkout.ts", Line: 3, Column: 14, Language: "typescript", Method: "variation", Key: str("legacy-checkout"), Fallback: json.RawMessage("false"), FallbackText: "false", Type: "bool"},
		{File: "web/src/checkout.ts", Line: 8, Column: 14, Language: "typescript", Method: "variation", Key: str("retired-beta"), Fallback: json.RawMessage("true"), FallbackText: "true", Type: "bool"},
	}}
	return check.Check(res, scan, check.Options{
		FallbackConfig:      map[string]json.RawMessage{"checkout-api": json.RawMessage("true"), "old-promo": json.RawMessage("false")},
		FallbackConfigLines: map[string]int{"checkout-api": 2, "old-promo": 3},
		FallbackConfigFile:  "fallback-config.json",
		Meta: flagmeta.Set{
			"legacy-checkout": {Key: "legacy-checkout", Known: true, Archived: true, ArchivedDate: time.Date(2024, 7, 3, 0, 0, 0, 0, time.UTC)},
			"retired-beta":    {Key: "retired-beta", Known: true, Deprecated: true, DeprecatedDate: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)},
		},
		PolicyFile: ".ldfallback.yaml",
		PolicyDue: []policy.Due{{Key: "theme", Label: "policy.flags.theme", Line: 12, Strategy: policy.FailClosed,
			Rationale: "dark mode is opt-in", Review: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Recorded: -1,
			Message: "The review date 2026-01-15 of policy.flags.theme (fail-closed: \"dark mode is opt-in\") has come: review the fallback and set a new date."}},
	})
}

func TestGolden(t *testing.T) {
	r := fixture()
	formats := []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"report.txt", func(b *bytes.Buffer) error { return Text(b, r, TextOptions{}) }},
		{"report.json", func(b *bytes.Buffer) error { return JSON(b, r) }},
		{"report.sarif", func(b *bytes.Buffer) error { return SARIF(b, r, Tool{Version: "1.2.3"}) }},
		{"report.github", func(b *bytes.Buffer) error { return GitHub(b, r) }},
		{"report.md", func(b *bytes.Buffer) error { return Markdown(b, r) }},
	}
	for _, f := range formats {
		t.Run(f.file, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := f.write(&a); err != nil {
				t.Fatal(err)
			}
			// Same report twice, same bytes.
			if err := f.write(&b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("output is not deterministic")
			}
			golden.Check(t, filepath.Join(goldenDir, f.file), a.Bytes())
		})
	}
}

// envFixture is a check of two environments (production critical, staging
// not): environment-divergent, stale in both (error and note), a flag known
// in one only, and one unknown everywhere.
func envFixture() *check.Report {
	prod := fallback.NewResult([]fallback.Answer{
		answer("new-checkout", "false", fallback.ReasonOff),
		answer("banner", "false", fallback.ReasonOff),
	})
	staging := fallback.NewResult([]fallback.Answer{
		answer("new-checkout", "true", fallback.ReasonSingleVariation),
		answer("banner", "false", fallback.ReasonOff),
		answer("staging-only", "true", fallback.ReasonSingleVariation),
	})
	set, err := envset.New([]*envset.Env{{Name: "staging", Result: staging}, {Name: "production", Critical: true, Result: prod}}, nil)
	if err != nil {
		panic(err)
	}
	scan := &scanner.Result{Stats: scanner.Stats{Files: 3}, Calls: []scanner.Call{
		{File: "app/handler.py", Line: 4, Column: 16, Language: "python", Method: "variation", Key: str("new-checkout"), Fallback: json.RawMessage("true"), FallbackText: "True", Type: "bool"},
		{File: "app/handler.py", Line: 5, Column: 16, Language: "python", Method: "variation", Key: str("banner"), Fallback: json.RawMessage("true"), FallbackText: "True", Type: "bool"},
		{File: "app/handler.py", Line: 6, Column: 16, Language: "python", Method: "variation", Key: str("staging-only"), Fallback: json.RawMessage("true"), FallbackText: "True", Type: "bool"},
		{File: "web/flags.ts", Line: 2, Column: 8, Language: "typescript", Method: "variation", Key: str("nope"), Fallback: json.RawMessage("false"), FallbackText: "false", Type: "bool"},
	}}
	return check.CheckSet(set, scan, check.Options{})
}

// Every format names the environment of a finding that has one.
func TestGoldenEnvironments(t *testing.T) {
	r := envFixture()
	formats := []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"envs.txt", func(b *bytes.Buffer) error { return Text(b, r, TextOptions{}) }},
		{"envs.json", func(b *bytes.Buffer) error { return JSON(b, r) }},
		{"envs.sarif", func(b *bytes.Buffer) error { return SARIF(b, r, Tool{Version: "1.2.3"}) }},
		{"envs.github", func(b *bytes.Buffer) error { return GitHub(b, r) }},
		{"envs.md", func(b *bytes.Buffer) error { return Markdown(b, r) }},
		{"envs.gitlab.json", func(b *bytes.Buffer) error { return GitLab(b, r) }},
		{"envs.rdjson", func(b *bytes.Buffer) error { return RDJSON(b, r, nil) }},
		{"envs.junit.xml", func(b *bytes.Buffer) error { return JUnit(b, r, "error") }},
	}
	for _, f := range formats {
		t.Run(f.file, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := f.write(&a); err != nil {
				t.Fatal(err)
			}
			if err := f.write(&b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("output is not deterministic")
			}
			if !strings.Contains(a.String(), "production") || !strings.Contains(a.String(), "staging") {
				t.Errorf("%s does not name the environments", f.file)
			}
			golden.Check(t, filepath.Join(goldenDir, f.file), a.Bytes())
		})
	}
}

func TestFixtureCoversEveryKind(t *testing.T) {
	r := fixture()
	envs := envFixture()
	for _, k := range check.Kinds {
		if r.Summary.ByKind[k] == 0 && envs.Summary.ByKind[k] == 0 {
			t.Errorf("fixture has no %s finding", k)
		}
	}
	if r.Summary.Ignored != 1 {
		t.Errorf("ignored = %d", r.Summary.Ignored)
	}
}

func TestTextColor(t *testing.T) {
	r := fixture()
	var plain, color bytes.Buffer
	if err := Text(&plain, r, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := Text(&color, r, TextOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("colour codes without Color")
	}
	if !strings.Contains(color.String(), ansiRed+"error") {
		t.Error("no red error with Color")
	}
	stripped := strings.NewReplacer(ansiReset, "", ansiBold, "", ansiDim, "", ansiRed, "", ansiYellow, "", ansiCyan, "").Replace(color.String())
	if stripped != plain.String() {
		t.Error("coloured text differs from plain text beyond colour codes")
	}
}

func TestTextEmpty(t *testing.T) {
	r := check.Check(fallback.NewResult(nil), &scanner.Result{}, check.Options{})
	var b bytes.Buffer
	if err := Text(&b, r, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != "no findings in 0 calls across 0 files\n" {
		t.Errorf("got %q", got)
	}
}

func TestGitHubEscaping(t *testing.T) {
	r := &check.Report{Findings: []check.Finding{{
		Kind: check.KindStaleFallback, Severity: check.SeverityWarning, File: "a,b:c%.go", Line: 3, Column: 1,
		Key: "k:1,2", Message: "100% wrong\r\nsecond line, with: colon",
	}}}
	var b bytes.Buffer
	if err := GitHub(&b, r); err != nil {
		t.Fatal(err)
	}
	first := strings.SplitN(b.String(), "\n", 2)[0]
	// A line break in a message is shown (\r\n), never sent to the runner.
	want := `::warning file=a%2Cb%3Ac%25.go,line=3,col=1,title=ldfallback stale-fallback%3A k%3A1%2C2::100%25 wrong\r\nsecond line, with: colon`
	if first != want {
		t.Errorf("got  %s\nwant %s", first, want)
	}
}

func TestMarkdownCellEscaping(t *testing.T) {
	r := &check.Report{Findings: []check.Finding{{
		Kind: check.KindStaleFallback, Severity: check.SeverityError, File: "a.go", Line: 1,
		Key: "k", Fallback: json.RawMessage(`"a|b"`), Recommended: json.RawMessage(`"c"`), Message: "x | y\nz",
	}}}
	r.Summary.Findings = 1
	var b bytes.Buffer
	if err := Markdown(&b, r); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "| :x:") {
			if n := strings.Count(line, "|") - strings.Count(line, `\|`); n != 8 {
				t.Errorf("row has %d column separators, want 8: %s", n, line)
			}
			return
		}
	}
	t.Errorf("no finding row:\n%s", b.String())
}
