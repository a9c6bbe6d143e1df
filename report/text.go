package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/internal/escape"
)

// TextOptions tune Text.
type TextOptions struct {
	// Color adds ANSI colours; the CLI sets it for a terminal without NO_COLOR.
	Color bool
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// Text writes findings grouped by file, one aligned line per finding, and a
// one-line summary.
func Text(w io.Writer, r *check.Report, opts TextOptions) error {
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	var b strings.Builder
	// Align columns across the whole report, so files line up with each other.
	posW, sevW, kindW := 0, 0, 0
	for _, f := range r.Findings {
		posW = max(posW, len(fmt.Sprintf("%d:%d", f.Line, f.Column)))
		sevW = max(sevW, len(f.Severity))
		kindW = max(kindW, len(f.Kind))
	}
	file := ""
	for i, f := range r.Findings {
		if f.File != file || i == 0 {
			if i > 0 {
				b.WriteByte('\n')
			}
			file = f.File
			b.WriteString(paint(ansiBold, escape.Terminal(file)) + "\n")
		}
		pos := fmt.Sprintf("%d:%d", f.Line, f.Column)
		sev := string(f.Severity)
		fmt.Fprintf(&b, "  %s  %s  %s  %s\n",
			pad(pos, posW),
			paint(sevColor(f.Severity), pad(sev, sevW)),
			paint(ansiDim, pad(string(f.Kind), kindW)),
			escape.Terminal(f.Message))
	}
	if len(r.Findings) > 0 {
		b.WriteByte('\n')
	}
	b.WriteString(SummaryLine(r) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func pad(s string, w int) string {
	if len(s) >= w {
		return s
	}
	return s + strings.Repeat(" ", w-len(s))
}

func sevColor(s check.Severity) string {
	switch s {
	case check.SeverityError:
		return ansiRed
	case check.SeverityWarning:
		return ansiYellow
	}
	return ansiCyan
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// SummaryLine is the one-line summary Text ends with.
func SummaryLine(r *check.Report) string {
	s := r.Summary
	var b strings.Builder
	if s.Findings == 0 {
		b.WriteString("no findings")
	} else {
		fmt.Fprintf(&b, "%s (%s, %s, %s)", plural(s.Findings, "finding", "findings"),
			plural(s.BySeverity[check.SeverityError], "error", "errors"),
			plural(s.BySeverity[check.SeverityWarning], "warning", "warnings"),
			plural(s.BySeverity[check.SeverityNote], "note", "notes"))
	}
	fmt.Fprintf(&b, " in %s across %s", plural(s.Calls, "call", "calls"), plural(s.Files, "file", "files"))
	if len(s.Environments) > 0 {
		fmt.Fprintf(&b, " in %s", envNames(s.Environments))
	}
	if s.Ignored > 0 {
		fmt.Fprintf(&b, "; %d ignored", s.Ignored)
	}
	if s.Baselined > 0 {
		fmt.Fprintf(&b, "; %d baselined", s.Baselined)
	}
	if s.OutsideChanges > 0 {
		fmt.Fprintf(&b, "; %d outside the changed lines", s.OutsideChanges)
	}
	if n := len(s.UnusedFlags); n > 0 {
		fmt.Fprintf(&b, "; %s not evaluated by any code: %s", plural(n, "flag", "flags"), listUpTo(s.UnusedFlags, 5))
	}
	return b.String()
}

func listUpTo(xs []string, n int) string {
	xs = escapeAll(xs)
	if len(xs) <= n {
		return strings.Join(xs, ", ")
	}
	return strings.Join(xs[:n], ", ") + fmt.Sprintf(" and %d more", len(xs)-n)
}

// escapeAll is escape.Terminal over a list of outside strings (flag keys).
func escapeAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = escape.Terminal(x)
	}
	return out
}

// envNames lists a run's environments for a summary, the critical ones
// marked when not all are: "2 environments (production critical, staging)".
func envNames(envs []check.EnvInfo) string {
	all := true
	for _, e := range envs {
		all = all && e.Critical
	}
	var names []string
	for _, e := range envs {
		n := escape.Terminal(e.Name)
		if e.Critical && !all {
			n += " critical"
		}
		names = append(names, n)
	}
	return fmt.Sprintf("%s (%s)", plural(len(envs), "environment", "environments"), strings.Join(names, ", "))
}
