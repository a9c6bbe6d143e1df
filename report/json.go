package report

import (
	"encoding/json"
	"io"

	"github.com/ldfallback/ldfallback/check"
)

// JSON writes {"findings":[…],"summary":{…}} (DESIGN.md), indented, with a
// trailing newline. Maps are written with sorted keys, so the output is stable.
func JSON(w io.Writer, r *check.Report) error {
	out := struct {
		Findings []check.Finding `json:"findings"`
		Summary  check.Summary   `json:"summary"`
	}{r.Findings, r.Summary}
	if out.Findings == nil {
		out.Findings = []check.Finding{}
	}
	if out.Summary.UnusedFlags == nil {
		out.Summary.UnusedFlags = []string{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
