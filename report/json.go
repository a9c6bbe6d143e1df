package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/internal/escape"
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
	return encodeJSON(w, out)
}

// encodeJSON writes v indented, without HTML escaping, with a trailing
// newline, and with escape.JSON applied: the JSON formats may be printed
// into a CI log.
func encodeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escape.JSON(b.Bytes()))
	return err
}
