package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/payload"
	"github.com/ldfallback/ldfallback/scanner"
)

func ans(key, value string, reason fallback.Reason) fallback.Answer {
	a := fallback.Answer{Key: key, Reason: reason, Variation: -1}
	if value != "" {
		a.Value = ldvalue.Parse([]byte(value))
		a.HasValue = true
		a.Variation = 0
	}
	return a
}

func call(file string, line int, method, key, fb string, typ scanner.Type) scanner.Call {
	c := scanner.Call{File: file, Line: line, Column: 5, Language: "go", Method: method, Type: typ, FallbackText: fb}
	if key != "" {
		c.Key = &key
	} else {
		c.KeyExpr = "keyVar"
	}
	if fb != "" {
		c.Fallback = json.RawMessage(fb)
	}
	return c
}

func dyn(c scanner.Call) scanner.Call {
	c.Dynamic, c.Fallback, c.FallbackText = true, nil, "cfg.Default"
	return c
}

func fromConfig(c scanner.Call) scanner.Call {
	c.FromConfig, c.Fallback = true, nil
	return c
}

func ignored(c scanner.Call) scanner.Call {
	c.Ignored, c.IgnoreReason = true, "known"
	return c
}

var answers = []fallback.Answer{
	ans("checkout-api", "false", fallback.ReasonOff),
	ans("banner-text", `"hello"`, fallback.ReasonSingleVariation),
	ans("max-items", "10", fallback.ReasonRollout),
	ans("theme", `{"a":1,"b":[1,2]}`, fallback.ReasonMultipleVariations),
	ans("no-safe", "", fallback.ReasonNoOffVariation),
	ans("unused-flag", "true", fallback.ReasonOff),
}

type got struct {
	Kind     Kind
	Severity Severity
	File     string
	Line     int
}

func TestCheckKinds(t *testing.T) {
	cfgSev := &config.Config{Severity: map[string]string{"unknown-flag": "error", "dynamic-fallback": "off"}}
	cfgOverride := &config.Config{Overrides: []config.Override{
		{Paths: []string{"legacy/"}, Severity: map[string]string{"stale-fallback": "warning"}},
		{Paths: []string{"*.py"}, Severity: map[string]string{"stale-fallback": "off"}},
	}}
	tests := []struct {
		name  string
		calls []scanner.Call
		opts  Options
		want  []got
		msg   string // substring of the first finding's message
	}{
		{name: "matching literal", calls: []scanner.Call{call("a.go", 1, "BoolVariation", "checkout-api", "false", "bool")}},
		{name: "number written differently", calls: []scanner.Call{call("a.go", 1, "IntVariation", "max-items", "10.0", "number")}},
		{name: "object key order ignored", calls: []scanner.Call{call("a.go", 1, "JSONVariation", "theme", `{"b":[1,2],"a":1.0}`, "json")}},
		{name: "stale", calls: []scanner.Call{call("a.go", 3, "BoolVariation", "checkout-api", "true", "bool")},
			want: []got{{KindStaleFallback, SeverityError, "a.go", 3}},
			msg:  "`checkout-api` is off in this environment, so every context gets the off variation `false`; the code falls back to `true`."},
		{name: "stale object", calls: []scanner.Call{call("a.go", 3, "JSONVariation", "theme", `{"a":2}`, "json")},
			want: []got{{KindStaleFallback, SeverityError, "a.go", 3}}},
		{name: "stale implicit default", calls: []scanner.Call{func() scanner.Call {
			c := call("a.js", 2, "variation", "checkout-api", "null", "unknown")
			c.Implicit = true
			return c
		}()}, want: []got{{KindStaleFallback, SeverityError, "a.js", 2}}, msg: "passes no fallback"},
		{name: "no safe value is not compared", calls: []scanner.Call{call("a.go", 1, "BoolVariation", "no-safe", "true", "bool")}},
		{name: "type mismatch method vs flag", calls: []scanner.Call{call("a.go", 4, "BoolVariation", "banner-text", "false", "bool")},
			want: []got{{KindTypeMismatch, SeverityError, "a.go", 4}}, msg: "WRONG_TYPE"},
		{name: "type mismatch literal vs method", calls: []scanner.Call{call("a.js", 4, "boolVariation", "checkout-api", `"false"`, "bool")},
			want: []got{{KindTypeMismatch, SeverityError, "a.js", 4}}, msg: "is a string"},
		{name: "json method accepts any flag", calls: []scanner.Call{call("a.go", 1, "JSONVariation", "checkout-api", "false", "json")}},
		{name: "unknown flag with suggestion", calls: []scanner.Call{call("a.go", 9, "BoolVariation", "chekout-api", "false", "bool")},
			want: []got{{KindUnknownFlag, SeverityWarning, "a.go", 9}}, msg: "Did you mean `checkout-api`?"},
		{name: "unknown flag no suggestion", calls: []scanner.Call{call("a.go", 9, "BoolVariation", "zzzzzzzzzzzzzzzzzzz", "false", "bool")},
			want: []got{{KindUnknownFlag, SeverityWarning, "a.go", 9}}},
		{name: "dynamic fallback", calls: []scanner.Call{dyn(call("a.go", 2, "BoolVariation", "checkout-api", "", "bool"))},
			want: []got{{KindDynamicFallback, SeverityNote, "a.go", 2}}, msg: "computed at run time (`cfg.Default`)"},
		{name: "dynamic key", calls: []scanner.Call{call("a.go", 2, "BoolVariation", "", "true", "bool")},
			want: []got{{KindDynamicKey, SeverityNote, "a.go", 2}}, msg: "`keyVar`"},
		{name: "a wrapper's own SDK call is not a dynamic key", calls: []scanner.Call{func() scanner.Call {
			c := call("flags.js", 3, "variation", "", "false", "bool")
			c.Forwards = &scanner.Via{Name: "isOn", File: "flags.js", Line: 2}
			return c
		}()}},
		{name: "ignored", calls: []scanner.Call{ignored(call("a.go", 3, "BoolVariation", "checkout-api", "true", "bool"))}},
		{name: "inconsistent without safe value", calls: []scanner.Call{
			call("a.go", 1, "BoolVariation", "no-safe", "true", "bool"),
			call("b.go", 1, "BoolVariation", "no-safe", "true", "bool"),
			call("c.go", 1, "BoolVariation", "no-safe", "false", "bool"),
		}, want: []got{{KindInconsistentFallback, SeverityWarning, "c.go", 1}}, msg: "`true` at a.go:1, `true` at b.go:1"},
		{name: "inconsistent not repeated on stale sites", calls: []scanner.Call{
			call("a.go", 1, "BoolVariation", "checkout-api", "false", "bool"),
			call("b.go", 1, "BoolVariation", "checkout-api", "true", "bool"),
		}, want: []got{{KindStaleFallback, SeverityError, "b.go", 1}}},
		{name: "inconsistent when stale is off", opts: Options{Config: &config.Config{Severity: map[string]string{"stale-fallback": "off"}}}, calls: []scanner.Call{
			call("a.go", 1, "BoolVariation", "checkout-api", "false", "bool"),
			call("b.go", 1, "BoolVariation", "checkout-api", "true", "bool"),
		}, want: []got{{KindInconsistentFallback, SeverityWarning, "b.go", 1}}},
		{name: "severity from config", opts: Options{Config: cfgSev}, calls: []scanner.Call{
			call("a.go", 9, "BoolVariation", "nope", "false", "bool"),
			dyn(call("a.go", 10, "BoolVariation", "checkout-api", "", "bool")),
		}, want: []got{{KindUnknownFlag, SeverityError, "a.go", 9}}},
		{name: "overrides per path", opts: Options{Config: cfgOverride}, calls: []scanner.Call{
			call("legacy/a.go", 1, "BoolVariation", "checkout-api", "true", "bool"),
			call("src/b.py", 1, "variation", "checkout-api", "true", "bool"),
			call("src/c.go", 1, "BoolVariation", "checkout-api", "true", "bool"),
		}, want: []got{{KindStaleFallback, SeverityWarning, "legacy/a.go", 1}, {KindStaleFallback, SeverityError, "src/c.go", 1}}},
		{name: "missing config file", calls: []scanner.Call{fromConfig(call("a.go", 5, "Flag", "checkout-api", "", "bool"))},
			want: []got{{KindMissingConfig, SeverityError, "a.go", 5}}, msg: "does not exist"},
		{name: "missing config key", opts: Options{FallbackConfig: map[string]json.RawMessage{"banner-text": json.RawMessage(`"hello"`)}},
			calls: []scanner.Call{fromConfig(call("a.go", 5, "Flag", "checkout-api", "", "bool"))},
			want:  []got{{KindMissingConfig, SeverityError, "a.go", 5}}, msg: "has no entry"},
		{name: "stale config value reported once against the file", opts: Options{
			FallbackConfig:      map[string]json.RawMessage{"checkout-api": json.RawMessage(`true`)},
			FallbackConfigLines: map[string]int{"checkout-api": 2}, FallbackConfigFile: "config/fallback-config.json"},
			calls: []scanner.Call{
				fromConfig(call("a.go", 5, "Flag", "checkout-api", "", "bool")),
				fromConfig(call("b.go", 7, "Flag", "checkout-api", "", "bool")),
			},
			want: []got{{KindStaleFallback, SeverityError, "config/fallback-config.json", 2}}, msg: "Regenerate config/fallback-config.json"},
		{name: "config key that is not a flag", opts: Options{
			FallbackConfig:      map[string]json.RawMessage{"gone-flag": json.RawMessage(`true`)},
			FallbackConfigLines: map[string]int{"gone-flag": 3}},
			want: []got{{KindUnknownFlag, SeverityWarning, "fallback-config.json", 3}}},
		{name: "order file line column kind", calls: []scanner.Call{
			call("b.go", 1, "BoolVariation", "checkout-api", "true", "bool"),
			call("a.go", 9, "BoolVariation", "nope", "false", "bool"),
			call("a.go", 2, "BoolVariation", "checkout-api", "true", "bool"),
		}, want: []got{{KindStaleFallback, SeverityError, "a.go", 2}, {KindUnknownFlag, SeverityWarning, "a.go", 9}, {KindStaleFallback, SeverityError, "b.go", 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Check(fallback.NewResult(append([]fallback.Answer(nil), answers...)), &scanner.Result{Calls: tt.calls}, tt.opts)
			var g []got
			for _, f := range r.Findings {
				g = append(g, got{f.Kind, f.Severity, f.File, f.Line})
			}
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Fatalf("findings (-want +got):\n%s\n%+v", diff, r.Findings)
			}
			if tt.msg != "" && !strings.Contains(r.Findings[0].Message, tt.msg) {
				t.Errorf("message %q does not contain %q", r.Findings[0].Message, tt.msg)
			}
			if r.Summary.Findings != len(r.Findings) {
				t.Errorf("summary findings %d, want %d", r.Summary.Findings, len(r.Findings))
			}
		})
	}
}

func TestTypeMismatchFromPayload(t *testing.T) {
	// no-safe has no answer value: its type comes from the payload's variations.
	p := &payload.Payload{Flags: map[string]*ldmodel.FeatureFlag{
		"no-safe": {Key: "no-safe", Variations: []ldvalue.Value{ldvalue.String("a"), ldvalue.String("b")}},
	}}
	calls := []scanner.Call{call("a.go", 1, "BoolVariation", "no-safe", "false", "bool")}
	res := fallback.NewResult(append([]fallback.Answer(nil), answers...))
	if r := Check(res, &scanner.Result{Calls: calls}, Options{}); len(r.Findings) != 0 {
		t.Fatalf("without payload: %+v", r.Findings)
	}
	r := Check(res, &scanner.Result{Calls: calls}, Options{Payload: p})
	if len(r.Findings) != 1 || r.Findings[0].Kind != KindTypeMismatch {
		t.Fatalf("with payload: %+v", r.Findings)
	}
}

func TestSummary(t *testing.T) {
	calls := []scanner.Call{
		call("a.go", 1, "BoolVariation", "checkout-api", "true", "bool"),
		ignored(call("a.go", 2, "BoolVariation", "banner-text", `"x"`, "string")),
		call("b.py", 1, "variation", "", "1", "number"),
		dyn(call("c.go", 1, "IntVariation", "max-items", "", "number")),
	}
	r := Check(fallback.NewResult(append([]fallback.Answer(nil), answers...)), &scanner.Result{Calls: calls, Stats: scanner.Stats{Files: 40}}, Options{})
	s := r.Summary
	if s.Calls != 4 || s.Files != 3 || s.ScannedFiles != 40 || s.Ignored != 1 || s.DynamicKeys != 1 || s.Findings != 3 {
		t.Errorf("summary counts: %+v", s)
	}
	if diff := cmp.Diff([]string{"no-safe", "theme", "unused-flag"}, s.UnusedFlags); diff != "" {
		t.Errorf("unused flags (-want +got):\n%s", diff)
	}
	wantKind := map[Kind]int{KindStaleFallback: 1, KindTypeMismatch: 0, KindUnknownFlag: 0, KindInconsistentFallback: 0,
		KindMissingConfig: 0, KindDynamicFallback: 1, KindDynamicKey: 1, KindLiveFallback: 0, KindEnvironmentDivergent: 0,
		KindArchivedFlag: 0, KindDeprecatedFlag: 0, KindReviewDue: 0}
	if diff := cmp.Diff(wantKind, s.ByKind); diff != "" {
		t.Errorf("by kind (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[Severity]int{SeverityError: 1, SeverityWarning: 0, SeverityNote: 2}, s.BySeverity); diff != "" {
		t.Errorf("by severity (-want +got):\n%s", diff)
	}
}

func TestFailed(t *testing.T) {
	mk := func(sevs ...Severity) *Report {
		r := &Report{}
		for _, s := range sevs {
			r.Findings = append(r.Findings, Finding{Severity: s})
		}
		return r
	}
	tests := []struct {
		r      *Report
		failOn string
		want   bool
	}{
		{mk(), "error", false},
		{mk(SeverityNote), "warning", false},
		{mk(SeverityWarning), "error", false},
		{mk(SeverityWarning), "warning", true},
		{mk(SeverityError), "error", true},
		{mk(SeverityError), "never", false},
		{mk(SeverityError), "", true},
	}
	for _, tt := range tests {
		if got := tt.r.Failed(tt.failOn); got != tt.want {
			t.Errorf("Failed(%q) on %v = %v, want %v", tt.failOn, tt.r.Findings, got, tt.want)
		}
	}
}

func TestFingerprintSurvivesLineChanges(t *testing.T) {
	res := fallback.NewResult(append([]fallback.Answer(nil), answers...))
	a := Check(res, &scanner.Result{Calls: []scanner.Call{call("a.go", 3, "BoolVariation", "checkout-api", "true", "bool")}}, Options{})
	b := Check(res, &scanner.Result{Calls: []scanner.Call{call("a.go", 30, "BoolVariation", "checkout-api", "true", "bool")}}, Options{})
	c := Check(res, &scanner.Result{Calls: []scanner.Call{call("b.go", 3, "BoolVariation", "checkout-api", "true", "bool")}}, Options{})
	if a.Findings[0].Fingerprint != b.Findings[0].Fingerprint {
		t.Error("fingerprint changed with the line")
	}
	if a.Findings[0].Fingerprint == c.Findings[0].Fingerprint {
		t.Error("fingerprint did not change with the file")
	}
}

func TestBaseline(t *testing.T) {
	res := fallback.NewResult(append([]fallback.Answer(nil), answers...))
	old := []scanner.Call{
		call("a.go", 3, "BoolVariation", "checkout-api", "true", "bool"),
		call("a.go", 9, "BoolVariation", "nope", "false", "bool"),
	}
	first := Check(res, &scanner.Result{Calls: old}, Options{})
	var buf bytes.Buffer
	if err := WriteBaseline(&buf, first); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"kind": "stale-fallback"`) || !strings.Contains(buf.String(), `"key": "nope"`) {
		t.Errorf("baseline is not readable by humans:\n%s", buf.String())
	}
	base, err := LoadBaseline(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	// Lines moved, one new finding.
	now := []scanner.Call{
		call("a.go", 13, "BoolVariation", "checkout-api", "true", "bool"),
		call("a.go", 19, "BoolVariation", "nope", "false", "bool"),
		call("a.go", 20, "StringVariation", "banner-text", `"bye"`, "string"),
	}
	r := Check(res, &scanner.Result{Calls: now}, Options{Baseline: base})
	if len(r.Findings) != 1 || r.Findings[0].Key != "banner-text" || r.Summary.Baselined != 2 {
		t.Fatalf("findings %+v, baselined %d", r.Findings, r.Summary.Baselined)
	}
	// Rewriting the baseline keeps the suppressed findings.
	var again bytes.Buffer
	if err := WriteBaseline(&again, r); err != nil {
		t.Fatal(err)
	}
	b2, err := LoadBaseline(&again)
	if err != nil {
		t.Fatal(err)
	}
	if len(b2.Entries) != 3 {
		t.Errorf("rewritten baseline has %d entries, want 3", len(b2.Entries))
	}
}

func TestLoadBaselineErrors(t *testing.T) {
	for _, in := range []string{``, `[]`, `{"version":2,"findings":[]}`, `{"version":1,"findings":[{"kind":"x"}]}`} {
		if _, err := LoadBaseline(strings.NewReader(in)); err == nil {
			t.Errorf("LoadBaseline(%q): no error", in)
		}
	}
	_, err := LoadBaselineFile("testdata/does-not-exist.json")
	var ce *config.Error
	if err == nil || !asConfigError(err, &ce) || ce.ExitCode() != 2 {
		t.Errorf("LoadBaselineFile on a missing file: %v", err)
	}
}

func asConfigError(err error, target **config.Error) bool {
	ce, ok := err.(*config.Error)
	*target = ce
	return ok
}

func TestJSONEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"1", "1.0", true},
		{"1", "1e0", true},
		{"0.1", "1e-1", true},
		{"1", "2", false},
		{`{"a":1,"b":2}`, `{"b":2,"a":1}`, true},
		{`{"a":1}`, `{"a":1,"b":2}`, false},
		{`[1,2]`, `[2,1]`, false},
		{`"1"`, "1", false},
		{"true", "true", true},
		{"null", "false", false},
		{`"a\u0062"`, `"ab"`, true},
	}
	for _, tt := range tests {
		if got := JSONEqual([]byte(tt.a), []byte(tt.b)); got != tt.want {
			t.Errorf("JSONEqual(%s, %s) = %v", tt.a, tt.b, got)
		}
		if tt.want && normalizeJSON([]byte(tt.a)) != normalizeJSON([]byte(tt.b)) {
			t.Errorf("normalizeJSON differs for equal %s and %s", tt.a, tt.b)
		}
	}
}

func TestParseFallbackConfig(t *testing.T) {
	in := "{\n  \"a\": true,\n  \"b\": {\n    \"x\": 1\n  },\n  \"c\": \"s\"\n}\n"
	vals, lines, err := ParseFallbackConfig([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"a": 2, "b": 3, "c": 6}, lines); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if string(vals["c"]) != `"s"` || !JSONEqual(vals["b"], []byte(`{"x":1}`)) {
		t.Errorf("values: %s", vals)
	}
	for _, bad := range []string{``, `[]`, `{"a":}`, `{"a":1,"a":2}`, `{"a":1} x`, `{"a":1`} {
		if _, _, err := ParseFallbackConfig([]byte(bad)); err == nil {
			t.Errorf("ParseFallbackConfig(%q): no error", bad)
		}
	}
	_, _, err = LoadFallbackConfig("testdata/nope.json")
	if ce, ok := err.(*config.Error); !ok || ce.File != "testdata/nope.json" {
		t.Errorf("LoadFallbackConfig on a missing file: %v", err)
	}
}

func TestLevenshtein(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"kitten", "sitting", 3}, {"", "abc", 3}, {"abc", "abc", 0}, {"ab", "abcdefgh", 3}} {
		if got := levenshtein(tt.a, tt.b, 2); got != min(tt.want, 3) {
			t.Errorf("levenshtein(%q,%q) = %d", tt.a, tt.b, got)
		}
	}
}

func FuzzParseFallbackConfig(f *testing.F) {
	for _, s := range []string{"{}", "{\n  \"a\": true\n}\n", `{"a":{"b":[1,2]},"c":null}`, `{"a":1,"a":2}`, `[`, "\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		vals, lines, err := ParseFallbackConfig(data)
		if err != nil {
			return
		}
		if len(vals) != len(lines) {
			t.Fatalf("%d values, %d lines", len(vals), len(lines))
		}
		for k, v := range vals {
			if !json.Valid(v) {
				t.Fatalf("value of %q is not JSON: %s", k, v)
			}
			if lines[k] < 1 || lines[k] > 1+bytes.Count(data, []byte{'\n'}) {
				t.Fatalf("line %d of %q out of range", lines[k], k)
			}
		}
	})
}

func FuzzLoadBaseline(f *testing.F) {
	f.Add([]byte(`{"version":1,"findings":[{"fingerprint":"abc","kind":"stale-fallback","file":"a.go","key":"k"}]}`))
	f.Add([]byte(`{"version":1,"findings":[]}`))
	f.Add([]byte(`{"version":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := LoadBaseline(bytes.NewReader(data))
		if err != nil {
			return
		}
		r := &Report{}
		for _, e := range b.Entries {
			if !b.Has(e.Fingerprint) {
				t.Fatalf("entry %q not found", e.Fingerprint)
			}
			r.Findings = append(r.Findings, Finding{Fingerprint: e.Fingerprint, Kind: e.Kind, File: e.File, Key: e.Key})
		}
		var buf bytes.Buffer
		if err := WriteBaseline(&buf, r); err != nil {
			t.Fatal(err)
		}
		b2, err := LoadBaseline(&buf)
		if err != nil {
			t.Fatalf("round trip: %v", err)
		}
		for _, e := range b.Entries {
			if !b2.Has(e.Fingerprint) {
				t.Fatalf("round trip lost %q", e.Fingerprint)
			}
		}
	})
}

// lineSet is a Changed set for tests: "file:line" entries.
type lineSet map[string]bool

func (s lineSet) Has(file string, line int) bool { return s[fmt.Sprintf("%s:%d", file, line)] }

func TestChangedLines(t *testing.T) {
	res := fallback.NewResult(append([]fallback.Answer(nil), answers...))
	calls := []scanner.Call{
		call("a.go", 3, "BoolVariation", "checkout-api", "true", "bool"),    // stale, unchanged
		call("a.go", 9, "BoolVariation", "nope", "false", "bool"),           // unknown, changed
		call("b.go", 4, "StringVariation", "banner-text", `"hi"`, "string"), // stale, unchanged
		call("c.go", 7, "StringVariation", "banner-text", `"bye"`, "string"),
	}
	all := Check(res, &scanner.Result{Calls: calls}, Options{})
	changed := lineSet{"a.go:9": true, "c.go:7": true}
	r := Check(res, &scanner.Result{Calls: calls}, Options{Changed: changed})
	if len(r.Findings)+len(r.Outside) != len(all.Findings) {
		t.Fatalf("%d kept + %d outside != %d findings", len(r.Findings), len(r.Outside), len(all.Findings))
	}
	for _, f := range r.Findings {
		if f.File == "a.go" && f.Line == 3 {
			t.Errorf("finding on an unchanged line kept: %+v", f)
		}
	}
	var keptStale, keptUnknown bool
	for _, f := range r.Findings {
		keptStale = keptStale || f.Kind == KindStaleFallback && f.File == "c.go"
		keptUnknown = keptUnknown || f.Kind == KindUnknownFlag
	}
	if !keptStale || !keptUnknown {
		t.Errorf("changed-line findings dropped: %+v", r.Findings)
	}
	if r.Summary.OutsideChanges != len(r.Outside) || r.Summary.OutsideChanges == 0 || r.Summary.Findings != len(r.Findings) {
		t.Errorf("summary %+v", r.Summary)
	}
	if only := Check(res, &scanner.Result{Calls: calls}, Options{Changed: lineSet{"a.go:9": true}}); only.Failed("error") {
		t.Error("stale fallbacks on unchanged lines fail the check")
	}
	// The baseline written from a scoped run still holds every finding.
	var buf bytes.Buffer
	if err := WriteBaseline(&buf, r); err != nil {
		t.Fatal(err)
	}
	b, err := LoadBaseline(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Entries) != len(all.Findings) {
		t.Errorf("baseline has %d entries, want %d", len(b.Entries), len(all.Findings))
	}
}

// TestInexactIntegerLiterals: the payload's 9007199254740993 is served as
// the double 9007199254740992 by the SDKs that read doubles, so a literal
// 9007199254740992 in JavaScript or Go is current; Python reads the integer
// exactly, so there it is stale. The payload's number is kept as written
// (an ldvalue.Raw from the payload reader).
func TestInexactIntegerLiterals(t *testing.T) {
	a := fallback.Answer{Key: "big", Reason: fallback.ReasonOff, Value: ldvalue.Raw([]byte("9007199254740993")), HasValue: true}
	res := fallback.NewResult([]fallback.Answer{a})
	for _, tc := range []struct {
		lang, literal string
		stale         bool
	}{
		{"javascript", "9007199254740992", false},
		{"go", "9007199254740992", false},
		{"javascript", "9007199254740993", false},
		{"javascript", "9007199254740995", true},
		{"python", "9007199254740992", true},
		{"python", "9007199254740993", false},
		// The languages' exactIntegers data, every way it goes.
		{"tsx", "9007199254740992", false},
		{"kotlin", "9007199254740992", false},
		{"ruby", "9007199254740992", true},
		{"php", "9007199254740992", true},
		{"rust", "9007199254740992", true},
		{"elixir", "9007199254740992", true},
	} {
		c := call("a.x", 1, "variation", "big", tc.literal, "number")
		c.Language = tc.lang
		r := Check(res, &scanner.Result{Calls: []scanner.Call{c}}, Options{})
		if got := len(r.Findings) == 1 && r.Findings[0].Kind == KindStaleFallback; got != tc.stale || len(r.Findings) > 1 {
			t.Errorf("%s %s: findings %+v, want stale %v", tc.lang, tc.literal, r.Findings, tc.stale)
		}
	}
}
