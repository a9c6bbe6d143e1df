package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/internal/golden"
)

// fixtureFixes is what fix.Suggest yields for the fixture's stale literal
// `true` at cmd/server/main.go:41 (BoolVariation("checkout-api", ctx, true)).
var fixtureFixes = []Fix{{At: "cmd/server/main.go:41", Key: "checkout-api", File: "cmd/server/main.go",
	Start: Pos{Line: 41, Column: 44, ByteColumn: 46}, End: Pos{Line: 41, Column: 48, ByteColumn: 50}, Text: "false"}}

func TestGoldenFormats(t *testing.T) {
	r := fixture()
	formats := []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"report.gitlab.json", func(b *bytes.Buffer) error { return GitLab(b, r) }},
		{"report.rdjson", func(b *bytes.Buffer) error { return RDJSON(b, r, fixtureFixes) }},
		{"report.junit.xml", func(b *bytes.Buffer) error { return JUnit(b, r, "error") }},
		{"report.fixes.sarif", func(b *bytes.Buffer) error {
			return SARIFWith(b, r, Tool{Version: "1.2.3"}, SARIFOptions{Category: "ldfallback-production", Fixes: fixtureFixes})
		}},
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
			golden.Check(t, filepath.Join(goldenDir, f.file), a.Bytes())
		})
	}
}

// hostile is a report whose outside strings try to break each format.
func hostile() *check.Report {
	evil := "a]]><x y=\"1\"/>&\x01\x1b[31m\u2028|`\n"
	r := fixture()
	for i := range r.Findings {
		r.Findings[i].Message += evil
		r.Findings[i].Key += evil
	}
	// Two findings with one fingerprint (the same literal twice in a file).
	dup := r.Findings[0]
	dup.Line += 10
	r.Findings = append(r.Findings, dup)
	return r
}

func strict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// TestGitLabFields checks the report against the fields GitLab documents for
// a Code Quality report: a JSON array of objects with description,
// check_name, fingerprint (unique), severity (info, minor, major, critical,
// blocker), location.path (relative) and location.lines.begin (≥ 1).
func TestGitLabFields(t *testing.T) {
	for name, r := range map[string]*check.Report{"fixture": fixture(), "hostile": hostile(), "empty": {}} {
		var b bytes.Buffer
		if err := GitLab(&b, r); err != nil {
			t.Fatal(err)
		}
		var issues []struct {
			Description string `json:"description"`
			CheckName   string `json:"check_name"`
			Fingerprint string `json:"fingerprint"`
			Severity    string `json:"severity"`
			Location    struct {
				Path  string `json:"path"`
				Lines struct {
					Begin *int `json:"begin"`
				} `json:"lines"`
			} `json:"location"`
		}
		if err := strict(b.Bytes(), &issues); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, b.String())
		}
		if issues == nil {
			t.Fatalf("%s: not a JSON array: %s", name, b.String())
		}
		if len(issues) != len(r.Findings) {
			t.Errorf("%s: %d issues for %d findings", name, len(issues), len(r.Findings))
		}
		seen := map[string]bool{}
		for _, is := range issues {
			if is.Description == "" || is.CheckName == "" || is.Location.Path == "" || is.Location.Lines.Begin == nil || *is.Location.Lines.Begin < 1 {
				t.Errorf("%s: missing a required field: %+v", name, is)
			}
			if !regexp.MustCompile(`^(info|minor|major|critical|blocker)$`).MatchString(is.Severity) {
				t.Errorf("%s: severity %q", name, is.Severity)
			}
			if seen[is.Fingerprint] || is.Fingerprint == "" {
				t.Errorf("%s: fingerprint %q repeated or empty", name, is.Fingerprint)
			}
			seen[is.Fingerprint] = true
			if strings.HasPrefix(is.Location.Path, "/") {
				t.Errorf("%s: absolute path %q", name, is.Location.Path)
			}
		}
	}
}

// TestRDJSONFields checks the output against reviewdog's DiagnosticResult
// message (proto/rdf/reviewdog.proto): only its fields, severities from its
// enum, positions from 1, suggestion ranges with start ≤ end.
func TestRDJSONFields(t *testing.T) {
	type pos struct {
		Line   int `json:"line"`
		Column int `json:"column"`
	}
	type rng struct {
		Start *pos `json:"start"`
		End   *pos `json:"end"`
	}
	for name, r := range map[string]*check.Report{"fixture": fixture(), "hostile": hostile(), "empty": {}} {
		var b bytes.Buffer
		if err := RDJSON(&b, r, fixtureFixes); err != nil {
			t.Fatal(err)
		}
		var res struct {
			Diagnostics []struct {
				Message  string `json:"message"`
				Location struct {
					Path  string `json:"path"`
					Range *rng   `json:"range"`
				} `json:"location"`
				Severity string `json:"severity"`
				Source   *struct {
					Name string `json:"name"`
					URL  string `json:"url"`
				} `json:"source"`
				Code *struct {
					Value string `json:"value"`
					URL   string `json:"url"`
				} `json:"code"`
				Suggestions []struct {
					Range *rng   `json:"range"`
					Text  string `json:"text"`
				} `json:"suggestions"`
				OriginalOutput string `json:"original_output"`
			} `json:"diagnostics"`
			Source *struct {
				Name string `json:"name"`
				URL  string `json:"url"`
			} `json:"source"`
			Severity string `json:"severity"`
		}
		if err := strict(b.Bytes(), &res); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if res.Source == nil || res.Source.Name != "ldfallback" || res.Diagnostics == nil {
			t.Errorf("%s: source %+v, diagnostics %v", name, res.Source, res.Diagnostics)
		}
		suggestions := 0
		for _, d := range res.Diagnostics {
			if d.Message == "" || d.Location.Path == "" || d.Location.Range == nil || d.Location.Range.Start == nil || d.Location.Range.Start.Line < 1 {
				t.Errorf("%s: diagnostic without message or location: %+v", name, d)
			}
			if !regexp.MustCompile(`^(ERROR|WARNING|INFO)$`).MatchString(d.Severity) {
				t.Errorf("%s: severity %q", name, d.Severity)
			}
			for _, s := range d.Suggestions {
				suggestions++
				st, en := s.Range.Start, s.Range.End
				if st == nil || en == nil || st.Line < 1 || st.Column < 1 || en.Line < st.Line || en.Line == st.Line && en.Column < st.Column {
					t.Errorf("%s: bad suggestion range %+v", name, s.Range)
				}
				if s.Text != "false" || d.Location.Path != "cmd/server/main.go" || st.Column != 46 {
					t.Errorf("%s: suggestion %+v on %s", name, s, d.Location.Path)
				}
			}
		}
		if name == "fixture" && suggestions != 1 {
			t.Errorf("%s: the --fix edit is not a suggestion", name)
		}
	}
}

// TestJUnitFields parses the XML back with the JUnit elements and attributes
// CI servers read, and checks the counts agree with the report and --fail-on.
func TestJUnitFields(t *testing.T) {
	for name, r := range map[string]*check.Report{"fixture": fixture(), "hostile": hostile(), "empty": {}} {
		for _, failOn := range []string{"error", "warning", "never"} {
			var b bytes.Buffer
			if err := JUnit(&b, r, failOn); err != nil {
				t.Fatal(err)
			}
			var doc struct {
				XMLName  xml.Name `xml:"testsuites"`
				Tests    int      `xml:"tests,attr"`
				Failures int      `xml:"failures,attr"`
				Suites   []struct {
					Name     string `xml:"name,attr"`
					Tests    int    `xml:"tests,attr"`
					Failures int    `xml:"failures,attr"`
					Cases    []struct {
						Name      string `xml:"name,attr"`
						Classname string `xml:"classname,attr"`
						Failure   *struct {
							Message string `xml:"message,attr"`
							Type    string `xml:"type,attr"`
						} `xml:"failure"`
					} `xml:"testcase"`
				} `xml:"testsuite"`
			}
			dec := xml.NewDecoder(bytes.NewReader(b.Bytes()))
			dec.Strict = true
			if err := dec.Decode(&doc); err != nil {
				t.Fatalf("%s/%s: not well-formed: %v\n%s", name, failOn, err, b.String())
			}
			if bytes.ContainsAny(b.Bytes(), "\x01\x1b") {
				t.Errorf("%s: control characters XML 1.0 cannot hold", name)
			}
			tests, failures, cases, failed := 0, 0, 0, 0
			for _, s := range doc.Suites {
				tests += s.Tests
				failures += s.Failures
				for _, c := range s.Cases {
					cases++
					if c.Name == "" || c.Classname == "" {
						t.Errorf("%s: test case without name or classname", name)
					}
					if c.Failure != nil {
						failed++
					}
				}
			}
			if tests != doc.Tests || failures != doc.Failures || cases != tests || failed != failures {
				t.Errorf("%s/%s: counts disagree: tests %d/%d/%d, failures %d/%d/%d", name, failOn, doc.Tests, tests, cases, doc.Failures, failures, failed)
			}
			if (failures > 0) != r.Failed(failOn) {
				t.Errorf("%s/%s: %d failures, but the check failed = %v", name, failOn, failures, r.Failed(failOn))
			}
			if name != "empty" && cases != len(r.Findings) {
				t.Errorf("%s: %d test cases for %d findings", name, cases, len(r.Findings))
			}
		}
	}
}

// TestSARIFCategoryAndFixes: the category and fixes validate against the
// SARIF 2.1.0 schema and land where GitHub and SARIF viewers read them.
func TestSARIFCategoryAndFixes(t *testing.T) {
	s := sarifSchema(t)
	var b bytes.Buffer
	if err := SARIFWith(&b, fixture(), Tool{Version: "1.2.3"}, SARIFOptions{Category: "ldfallback/production", Fixes: fixtureFixes}); err != nil {
		t.Fatal(err)
	}
	if err := validate(t, s, b.Bytes()); err != nil {
		t.Fatalf("not valid SARIF 2.1.0: %v", err)
	}
	var log struct {
		Runs []struct {
			AutomationDetails struct {
				ID string `json:"id"`
			} `json:"automationDetails"`
			Results []struct {
				RuleID string `json:"ruleId"`
				Fixes  []struct {
					ArtifactChanges []struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Replacements []struct {
							DeletedRegion struct {
								StartLine, StartColumn, EndLine, EndColumn int
							} `json:"deletedRegion"`
							InsertedContent struct {
								Text string `json:"text"`
							} `json:"insertedContent"`
						} `json:"replacements"`
					} `json:"artifactChanges"`
				} `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.AutomationDetails.ID != "ldfallback/production/" {
		t.Errorf("automationDetails.id = %q", run.AutomationDetails.ID)
	}
	fixes := 0
	for _, res := range run.Results {
		for _, f := range res.Fixes {
			fixes++
			rep := f.ArtifactChanges[0].Replacements[0]
			if res.RuleID != "stale-fallback" || f.ArtifactChanges[0].ArtifactLocation.URI != "cmd/server/main.go" ||
				rep.InsertedContent.Text != "false" || rep.DeletedRegion.StartColumn != 44 || rep.DeletedRegion.EndColumn != 48 {
				t.Errorf("fix %+v on %s", f, res.RuleID)
			}
		}
	}
	if fixes != 1 {
		t.Errorf("%d fixes, want 1", fixes)
	}
	// Without options: no automationDetails, no fixes (the golden report.sarif holds).
	var plain bytes.Buffer
	if err := SARIF(&plain, fixture(), Tool{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "automationDetails") || strings.Contains(plain.String(), `"fixes"`) {
		t.Error("plain SARIF has automationDetails or fixes")
	}
}

// many is a report with n findings of each severity, in file order with the
// notes first, so that file order alone would annotate only notes.
func many(n int) *check.Report {
	r := &check.Report{}
	for i, sev := range []check.Severity{check.SeverityNote, check.SeverityWarning, check.SeverityError} {
		for j := 0; j < n; j++ {
			r.Findings = append(r.Findings, check.Finding{Kind: check.KindStaleFallback, Severity: sev,
				File: fmt.Sprintf("f%d.go", i), Line: j + 1, Column: 1, Key: "k", Message: "m"})
		}
	}
	r.Summary.Findings = len(r.Findings)
	r.Summary.BySeverity = map[check.Severity]int{check.SeverityError: n, check.SeverityWarning: n, check.SeverityNote: n}
	return r
}

func TestGitHubAnnotationCap(t *testing.T) {
	for _, n := range []int{3, 9, 10, 25} {
		var b bytes.Buffer
		if err := GitHub(&b, many(n)); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		count := map[string]int{}
		last := 3
		for _, l := range lines[:len(lines)-1] {
			level := l[2:strings.IndexByte(l, ' ')]
			count[level]++
			rank := map[string]int{"error": 2, "warning": 1, "notice": 0}[level]
			if rank > last {
				t.Errorf("n=%d: %s after a less severe annotation", n, level)
			}
			last = rank
		}
		summary := lines[len(lines)-1]
		if !strings.HasPrefix(summary, "::notice title=ldfallback::") {
			t.Fatalf("n=%d: last line %q", n, summary)
		}
		wantErr, wantNotice := min(n, 10), min(n, 9)
		if count["error"] != wantErr || count["warning"] != wantErr || count["notice"] != wantNotice {
			t.Errorf("n=%d: annotations %v", n, count)
		}
		left := 3*n - wantErr*2 - wantNotice
		if left > 0 && !strings.Contains(summary, fmt.Sprintf("; %d more finding", left)) || left == 0 && strings.Contains(summary, "not annotated") {
			t.Errorf("n=%d: summary %q, %d left out", n, summary, left)
		}
	}
}

func TestMarkdownCap(t *testing.T) {
	r := many(4000)
	for i := range r.Findings {
		r.Findings[i].Message = strings.Repeat("long message ", 20)
	}
	for i := 0; i < 50000; i++ {
		r.Summary.UnusedFlags = append(r.Summary.UnusedFlags, fmt.Sprintf("unused-flag-%06d", i))
	}
	var b bytes.Buffer
	if err := Markdown(&b, r); err != nil {
		t.Fatal(err)
	}
	if b.Len() > MarkdownLimit {
		t.Errorf("summary is %d bytes, over %d", b.Len(), MarkdownLimit)
	}
	if !strings.Contains(b.String(), "more findings are not shown") {
		t.Error("no truncation note")
	}
	if !strings.HasSuffix(b.String(), "</details>\n") {
		t.Errorf("the cleanup list is not closed: %q", b.String()[b.Len()-200:])
	}
	// A small report is not truncated.
	b.Reset()
	if err := Markdown(&b, many(5)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "not shown") || strings.Count(b.String(), "\n| :") != 15 {
		t.Errorf("small report truncated:\n%s", b.String())
	}
}

// Findings off the changed lines (--new-from-rev) are not annotated and do not
// fail the check, but the job summary still lists them, folded, within the cap.
func TestMarkdownListsOutsideFindings(t *testing.T) {
	r := many(1) // 3 findings, one per severity
	outside := many(1).Findings[:2]
	outside[1].File = "old/`legacy`.go"
	r.Outside = outside
	r.Summary.OutsideChanges = len(outside)
	var b bytes.Buffer
	if err := Markdown(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	i := strings.Index(out, "<details><summary>2 findings outside the changed lines")
	if i < 0 {
		t.Fatalf("no section for the findings outside the changed lines:\n%s", out)
	}
	section := out[i:]
	if n := strings.Count(section, "\n| :"); n != 2 {
		t.Errorf("%d rows in the outside section, want 2:\n%s", n, section)
	}
	if !strings.Contains(section, "``old/`legacy`.go:") || !strings.Contains(section, "</details>") {
		t.Errorf("outside finding not listed in a closed, escaped section:\n%s", section)
	}
	if n := strings.Count(out[:i], "\n| :"); n != 3 {
		t.Errorf("%d rows before the outside section, want the 3 findings", n)
	}

	// Thousands outside the changed lines still keep the summary under the cap.
	r.Outside = many(2000).Findings
	for i := range r.Outside {
		r.Outside[i].Message = strings.Repeat("long message ", 20)
	}
	b.Reset()
	if err := Markdown(&b, r); err != nil {
		t.Fatal(err)
	}
	if b.Len() > MarkdownLimit || !strings.Contains(b.String(), "more findings are not shown") {
		t.Errorf("summary is %d bytes (cap %d), truncation note: %v", b.Len(), MarkdownLimit, strings.Contains(b.String(), "more findings are not shown"))
	}
}
