package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"unicode"
	"unicode/utf8"

	"github.com/ldfallback/ldfallback/check"
)

// JUnit XML, the de facto schema CI servers read (Jenkins junit, GitLab
// artifacts:reports:junit, Azure PublishTestResults, CircleCI
// store_test_results): testsuites > testsuite > testcase > failure.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// JUnit writes the findings as JUnit XML: one test suite per file with
// findings, one test case per finding. Findings at or above failOn (error,
// warning or never, as check --fail-on) are failures; the others pass with
// their message in system-out, so the report fails exactly when the check
// does. A clean run is one passing case, so the report is never empty.
// encoding/xml escapes every string and replaces characters XML cannot hold.
func JUnit(w io.Writer, r *check.Report, failOn string) error {
	out := junitSuites{Name: "ldfallback"}
	index := map[string]int{}
	for _, f := range r.Findings {
		i, ok := index[f.File]
		if !ok {
			i = len(out.Suites)
			index[f.File] = i
			out.Suites = append(out.Suites, junitSuite{Name: f.File})
		}
		name := fmt.Sprintf("%s %s at %d:%d", f.Kind, f.Key, f.Line, f.Column)
		if f.Key == "" {
			name = fmt.Sprintf("%s at %d:%d", f.Kind, f.Line, f.Column)
		}
		if f.Environment != "" && f.Environment != check.AllEnvironments {
			// One test case per environment: the names must differ.
			name += " in " + f.Environment
		}
		c := junitCase{Name: name, Classname: "ldfallback." + string(f.Kind), File: f.File, Line: f.Line}
		detail := fmt.Sprintf("%s:%d:%d: %s: %s", f.File, f.Line, f.Column, f.Severity, f.Message)
		s := &out.Suites[i]
		if failing(f.Severity, failOn) {
			c.Failure = &junitFailure{Message: f.Message, Type: string(f.Severity), Text: detail}
			s.Failures++
		} else {
			c.SystemOut = detail
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
	}
	if len(out.Suites) == 0 {
		out.Suites = []junitSuite{{Name: "ldfallback", Tests: 1,
			Cases: []junitCase{{Name: "no findings", Classname: "ldfallback", SystemOut: SummaryLine(r)}}}}
	}
	for _, s := range out.Suites {
		out.Tests += s.Tests
		out.Failures += s.Failures
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	b.WriteString("\n")
	_, err := w.Write(xmlSafe(b.Bytes()))
	return err
}

// xmlSafe makes encoded XML safe to print into a terminal or CI log without
// changing its value, as escape.JSON does for JSON: encoding/xml escapes
// markup and line breaks and drops what XML cannot hold, but writes DEL, C1
// controls and invisible characters raw, and the runner finds "##[" anywhere.
// Those can only be in text or attribute values, where a character
// reference is the same character.
func xmlSafe(b []byte) []byte {
	var out bytes.Buffer
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == '#' && bytes.HasPrefix(b[i:], []byte("##[")):
			out.WriteString("##&#x5b;")
			size = 3
		case r == 0x7f || r >= 0x80 && (r == utf8.RuneError && size == 1 ||
			unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Zs, unicode.Co)):
			if r == utf8.RuneError {
				r = unicode.ReplacementChar
			}
			fmt.Fprintf(&out, "&#x%x;", r)
		default:
			out.Write(b[i : i+size])
		}
		i += size
	}
	return out.Bytes()
}

// failing mirrors check.Report.Failed for one severity.
func failing(s check.Severity, failOn string) bool {
	switch failOn {
	case "never":
		return false
	case "warning":
		return s == check.SeverityError || s == check.SeverityWarning
	}
	return s == check.SeverityError
}
