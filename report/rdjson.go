package report

import (
	"io"

	"github.com/ldfallback/ldfallback/check"
)

// Reviewdog Diagnostic Format (rdjson: one DiagnosticResult), the fields of
// reviewdog's proto/rdf/reviewdog.proto that ldfallback fills.
type rdResult struct {
	Source      rdSource       `json:"source"`
	Diagnostics []rdDiagnostic `json:"diagnostics"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type rdDiagnostic struct {
	Message     string         `json:"message"`
	Location    rdLocation     `json:"location"`
	Severity    string         `json:"severity"`
	Code        rdCode         `json:"code"`
	Suggestions []rdSuggestion `json:"suggestions,omitempty"`
}

type rdLocation struct {
	Path  string  `json:"path"`
	Range rdRange `json:"range"`
}

type rdRange struct {
	Start rdPosition  `json:"start"`
	End   *rdPosition `json:"end,omitempty"`
}

type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column,omitempty"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

type rdSuggestion struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

// RDJSON writes the findings in reviewdog's rdjson format
// (`reviewdog -f=rdjson`), with the --fix edits as suggestions (reviewdog
// turns them into suggested changes on GitHub and GitLab). rdjson columns
// count bytes, while finding columns count code points, so a diagnostic's
// location is its line alone (always right); suggestions carry exact byte
// columns from the file.
func RDJSON(w io.Writer, r *check.Report, fixes []Fix) error {
	out := rdResult{Source: rdSource{Name: "ldfallback", URL: DefaultInformationURI}, Diagnostics: []rdDiagnostic{}}
	for _, f := range r.Findings {
		d := rdDiagnostic{
			Message:  f.Message,
			Location: rdLocation{Path: f.File, Range: rdRange{Start: rdPosition{Line: max(f.Line, 1)}}},
			Severity: rdSeverity(f.Severity),
			Code:     rdCode{Value: string(f.Kind), URL: DefaultInformationURI + "#findings-ldfallback-check"},
		}
		for _, x := range fixesOf(f, fixes) {
			if x.File != f.File {
				continue // a suggestion applies to the diagnostic's own file
			}
			d.Suggestions = append(d.Suggestions, rdSuggestion{
				Range: rdRange{Start: rdPosition{Line: x.Start.Line, Column: x.Start.ByteColumn},
					End: &rdPosition{Line: x.End.Line, Column: x.End.ByteColumn}},
				Text: x.Text,
			})
		}
		out.Diagnostics = append(out.Diagnostics, d)
	}
	return encodeJSON(w, out)
}

func rdSeverity(s check.Severity) string {
	switch s {
	case check.SeverityError:
		return "ERROR"
	case check.SeverityWarning:
		return "WARNING"
	}
	return "INFO"
}
