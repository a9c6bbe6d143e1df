package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/ldfallback/ldfallback/check"
)

// GitHub writes one workflow command per finding
// (`::error file=…,line=…,col=…,title=…::message`), which GitHub Actions turns
// into annotations on the pull request's lines, then the summary as a
// `::notice::`. Escaping follows the runner's rules: in the message % \r \n,
// in properties also : and ,.
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

var dataEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
var propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
