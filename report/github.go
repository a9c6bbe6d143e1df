package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/internal/escape"
)

// AnnotationsPerLevel is how many annotations of each level (error,
// warning, notice) GitHub shows for one step; it drops the rest.
const AnnotationsPerLevel = 10

// GitHub writes one workflow command per finding
// (`::error file=…,line=…,col=…,title=…::message`), which GitHub Actions turns
// into annotations on the pull request's lines, then the summary as a
// `::notice::`. GitHub shows AnnotationsPerLevel annotations of each level
// per step, so the most severe come first (report order within a level),
// each level stops at its cap (notices one short, for the summary), and the
// summary notice says how many were left out and where to find them. Every
// outside string is escaped as terminal text, then with the runner's rules
// (package escape): in the message % \r \n, in properties also : and ,. A
// file name with a control character in it therefore no longer names the
// file, and its annotation lands on no line.
func GitHub(w io.Writer, r *check.Report) error {
	var b strings.Builder
	findings := append([]check.Finding(nil), r.Findings...)
	sort.SliceStable(findings, func(i, j int) bool { return ghRank(findings[i].Severity) > ghRank(findings[j].Severity) })
	shown := map[string]int{"notice": 1} // the summary is a notice too
	left := 0
	for _, f := range findings {
		level := ghLevel(f.Severity)
		if shown[level] >= AnnotationsPerLevel {
			left++
			continue
		}
		shown[level]++
		title := string(f.Kind)
		if f.Key != "" {
			title += ": " + f.Key
		}
		if f.Environment != "" && f.Environment != check.AllEnvironments {
			title += " [" + f.Environment + "]"
		}
		fmt.Fprintf(&b, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", level,
			escapeProperty(f.File), f.Line, f.Column, escapeProperty("ldfallback "+title), escapeData(f.Message))
	}
	summary := SummaryLine(r)
	if left > 0 {
		summary += fmt.Sprintf("; %s not annotated (GitHub shows %d per level in a step): every finding is in the job summary and the SARIF file",
			plural(left, "more finding", "more findings"), AnnotationsPerLevel)
	}
	fmt.Fprintf(&b, "::notice title=ldfallback::%s\n", escapeData(summary))
	_, err := io.WriteString(w, b.String())
	return err
}

func ghRank(s check.Severity) int {
	switch s {
	case check.SeverityError:
		return 2
	case check.SeverityWarning:
		return 1
	}
	return 0
}

func ghLevel(s check.Severity) string {
	switch s {
	case check.SeverityError:
		return "error"
	case check.SeverityWarning:
		return "warning"
	}
	return "notice"
}

// escapeData and escapeProperty write outside text into a workflow command:
// first as terminal text (the log renders ANSI sequences, and no control,
// bidi or invisible character belongs in an annotation), then with the
// runner's escaping for the command's data or property values.
func escapeData(s string) string     { return escape.Data(escape.Terminal(s)) }
func escapeProperty(s string) string { return escape.Property(escape.Terminal(s)) }
