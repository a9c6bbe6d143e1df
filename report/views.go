package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/scanner"
)

// ExplainText writes every answer: key, safest fallback, reason, the
// resolver's sentence, and the prerequisite path that decided it.
func ExplainText(w io.Writer, res *fallback.Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, a := range res.Answers {
		val := "(no safe value)"
		if a.HasValue {
			val = a.Value.JSONString()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.Key, val, a.Reason, a.Detail)
		for _, p := range a.Path {
			fmt.Fprintf(tw, "  %s requires %s = variation %d: %s\t\t\t\n", p.Flag, p.Prereq, p.Variation, p.Outcome)
		}
		if a.Warning != "" {
			fmt.Fprintf(tw, "  warning: %s\t\t\t\n", a.Warning)
		}
	}
	return tw.Flush()
}

// ScanText writes one aligned line per call (position, language, method,
// key, fallback text, type) and the scanner's problems.
func ScanText(w io.Writer, res *scanner.Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range res.Calls {
		key := "<dynamic: " + strings.Join(strings.Fields(c.KeyExpr), " ") + ">"
		if c.Key != nil {
			key = *c.Key
		}
		fb := strings.Join(strings.Fields(c.FallbackText), " ")
		switch {
		case c.FromConfig:
			fb = "(fallback-config.json)"
		case c.Implicit:
			fb = "(implicit " + string(c.Fallback) + ")"
		case c.Dynamic:
			fb = "(dynamic) " + fb
		}
		extra := ""
		if c.Ignored {
			extra = "ignored"
		}
		fmt.Fprintf(tw, "%s:%d:%d\t%s\t%s\t%s\t%s\t%s\t%s\n", c.File, c.Line, c.Column, c.Language, c.Method, key, fb, c.Type, extra)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, p := range res.Problems {
		if _, err := fmt.Fprintf(w, "problem: %s: %s\n", p.File, p.Msg); err != nil {
			return err
		}
	}
	return nil
}
