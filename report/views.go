package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/internal/escape"
	"github.com/ldfallback/ldfallback/scanner"
)

// ExplainText writes one aligned row per answer (key, safest fallback,
// reason, the resolver's sentence), with the prerequisite path that decided
// it and any warning as continuation rows under the sentence, so the columns
// stay aligned across all flags.
func ExplainText(w io.Writer, answers []fallback.Answer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, a := range answers {
		val := "(no safe value)"
		if a.HasValue {
			val = string(fallback.ValueJSON(a.Value))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", escape.Terminal(a.Key), escape.Terminal(val), escape.Terminal(string(a.Reason)), escape.Terminal(a.Detail()))
		for _, p := range a.Path {
			fmt.Fprintf(tw, "\t\t\t└ %s requires %s = variation %d: %s\n", escape.Terminal(p.Flag), escape.Terminal(p.Prereq), p.Variation, escape.Terminal(p.Outcome))
		}
		if a.Warning != "" {
			fmt.Fprintf(tw, "\t\t\t! warning: %s\n", escape.Terminal(a.Warning))
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
		fmt.Fprintf(tw, "%s:%d:%d\t%s\t%s\t%s\t%s\t%s\t%s\n", escape.Terminal(c.File), c.Line, c.Column, escape.Terminal(c.Language), escape.Terminal(c.Method), escape.Terminal(key), escape.Terminal(fb), escape.Terminal(string(c.Type)), extra)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, p := range res.Problems {
		if _, err := fmt.Fprintf(w, "problem: %s: %s\n", escape.Terminal(p.File), escape.Terminal(p.Msg)); err != nil {
			return err
		}
	}
	return nil
}
