package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/ldfallback/ldfallback/internal/escape"
	"github.com/ldfallback/ldfallback/scanner"
)

// WrappersText lists inferred wrappers, one a line: where it is declared
// (for a class's construction, the evaluation inside the class), its name,
// where its key and its fallback come from, and what it calls.
func WrappersText(w io.Writer, ws []scanner.Wrapper) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, x := range ws {
		name := x.Name
		if x.Class != "" {
			name = x.Class + "." + name
		}
		if x.Constructs {
			// The class's construction (`new C(k)`, `[C(k)]`) is the call.
			name = "new " + x.Name
			if x.Alias != "" {
				name += " [" + x.Alias + "]"
			}
		}
		key := "?"
		switch {
		case x.KeyParam != nil:
			key = "key=" + paramText(x.KeyParam)
			if x.Field != "" {
				key += " field " + x.Field
			}
		case x.Key != nil:
			key = fmt.Sprintf("key=%q", *x.Key)
		}
		fb := "fallback=(dynamic) " + strings.Join(strings.Fields(x.FallbackText), " ")
		switch {
		case x.FallbackParam != nil:
			fb = "fallback=" + paramText(x.FallbackParam)
		case x.FromConfig:
			fb = "fallback=(fallback-config.json)"
		case x.Implicit:
			fb = "fallback=(implicit " + string(x.Fallback) + ")"
		case x.Fallback != nil:
			fb = "fallback=" + string(x.Fallback)
		}
		if _, err := fmt.Fprintf(tw, "%s:%d\t%s\t%s\t%s\t%s\tcalls %s\n", escape.Terminal(x.File), x.Line, x.Language,
			escape.Terminal(name), escape.Terminal(key), escape.Terminal(fb), escape.Terminal(x.Calls)); err != nil {
			return err
		}
	}
	return tw.Flush()
}

// paramText is a parameter as `name (#index) = default`.
func paramText(p *scanner.Param) string {
	s := p.Name
	if p.Index >= 0 {
		s += fmt.Sprintf(" (#%d)", p.Index)
	}
	if p.DefaultText != "" {
		s += " = " + strings.Join(strings.Fields(p.DefaultText), " ")
	}
	return s
}
