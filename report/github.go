package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/internal/escape"
)

// GitHub writes one workflow command per finding
// (`::error file=…,line=…,col=…,title=…::message`), which GitHub Actions turns
// into annotations on the pull request's lines, then the summary as a
// `::notice::`. Every outside string is escaped as terminal text, then with the
// runner's rules (package escape): in the message % \r \n, in properties also
// : and ,. A file name with a control character in it therefore no longer
// names the file, and its annotation lands on no line.
func GitHub(w io.Writer, r *check.Report) error {
	var b strings.Builder
	for _, f := range r.Findings {
		title := string(f.Kind)
		if f.Key != "" {
			title += ": " + f.Key
		}
		fmt.Fprintf(&b, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", ghLevel(f.Severity),
			escapeProperty(f.File), f.Line, f.Column, escapeProperty("ldfallback "+title), escapeData(f.Message))
	}
	fmt.Fprintf(&b, "::notice title=ldfallback::%s\n", escapeData(SummaryLine(r)))
	_, err := io.WriteString(w, b.String())
	return err
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
