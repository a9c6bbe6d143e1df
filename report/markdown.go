package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/internal/escape"
)

// MarkdownLimit bounds the summary: GitHub refuses a step summary over 1 MiB
// (and shows none of it), so Markdown stops the table and the cleanup list
// early with a note, leaving room for the generate-check step's lines.
const MarkdownLimit = 1<<20 - 16<<10

// markdownReserve is kept free after the table for the notes and the cleanup list's first lines.
const markdownReserve = 8 << 10

// Markdown writes a summary for $GITHUB_STEP_SUMMARY: a headline, a table of
// findings and the cleanup candidates, within MarkdownLimit bytes.
func Markdown(w io.Writer, r *check.Report) error {
	var b strings.Builder
	b.WriteString("## ldfallback check\n\n")
	s := r.Summary
	if len(r.Findings) == 0 {
		fmt.Fprintf(&b, "No findings: every checked fallback matches the environment (%s across %s).\n",
			plural(s.Calls, "call", "calls"), plural(s.Files, "file", "files"))
	} else {
		fmt.Fprintf(&b, "**%s** (%s, %s, %s) in %s across %s.\n\n", plural(s.Findings, "finding", "findings"),
			plural(s.BySeverity[check.SeverityError], "error", "errors"),
			plural(s.BySeverity[check.SeverityWarning], "warning", "warnings"),
			plural(s.BySeverity[check.SeverityNote], "note", "notes"),
			plural(s.Calls, "call", "calls"), plural(s.Files, "file", "files"))
		findingsTable(&b, r.Findings, len(s.Environments) > 0)
	}
	var extra []string
	if s.Ignored > 0 {
		extra = append(extra, plural(s.Ignored, "call is", "calls are")+" silenced by `ldfallback:ignore`")
	}
	if s.Baselined > 0 {
		extra = append(extra, plural(s.Baselined, "finding is", "findings are")+" in the baseline")
	}
	if len(extra) > 0 {
		b.WriteString("\n" + strings.Join(extra, "; ") + ".\n")
	}
	if len(r.Outside) > 0 {
		// Off the changed lines: no annotation and no failure, but listed, so
		// the reviewer still sees what the rest of the code holds.
		fmt.Fprintf(&b, "\n<details><summary>%s outside the changed lines (not annotated, not failing the check)</summary>\n\n", plural(len(r.Outside), "finding", "findings"))
		findingsTable(&b, r.Outside, len(s.Environments) > 0)
		b.WriteString("\n</details>\n")
	}
	if n := len(s.UnusedFlags); n > 0 {
		fmt.Fprintf(&b, "\n<details><summary>%s not evaluated by any code (cleanup candidates)</summary>\n\n", plural(n, "flag", "flags"))
		for i, k := range s.UnusedFlags {
			item := fmt.Sprintf("- %s\n", escape.MarkdownCode(k))
			if b.Len()+len(item) > MarkdownLimit-len("\n</details>\n")-100 {
				fmt.Fprintf(&b, "- and %d more (the summary is limited to 1 MiB; `ldfallback check --format json` lists them all)\n", len(s.UnusedFlags)-i)
				break
			}
			b.WriteString(item)
		}
		b.WriteString("\n</details>\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// findingsTable writes findings as a Markdown table, stopping with a note
// before the summary would pass MarkdownLimit (less what is kept for the rest).
// With several environments (envs) an Environment column follows Flag.
func findingsTable(b *strings.Builder, findings []check.Finding, envs bool) {
	if envs {
		b.WriteString("| Severity | Location | Kind | Flag | Environment | Fallback | Recommended | Message |\n")
		b.WriteString("|---|---|---|---|---|---|---|---|\n")
	} else {
		b.WriteString("| Severity | Location | Kind | Flag | Fallback | Recommended | Message |\n")
		b.WriteString("|---|---|---|---|---|---|---|\n")
	}
	for i, f := range findings {
		env := ""
		if envs {
			env = " " + code(f.Environment) + " |"
			if f.Environment == check.AllEnvironments {
				env = " all |"
			}
		}
		row := fmt.Sprintf("| %s | %s | %s | %s |%s %s | %s | %s |\n",
			mdSeverity(f.Severity), code(fmt.Sprintf("%s:%d", f.File, f.Line)), f.Kind, // our own enum
			code(f.Key), env, code(string(f.Fallback)), recommended(f), message(f.Message))
		if b.Len()+len(row) > MarkdownLimit-markdownReserve {
			fmt.Fprintf(b, "\n**%d more findings are not shown:** GitHub keeps 1 MiB of job summary per step. Every finding is in the SARIF file (`--sarif`) and in `ldfallback check --format json`.\n", len(findings)-i)
			return
		}
		b.WriteString(row)
	}
}

func mdSeverity(s check.Severity) string {
	switch s {
	case check.SeverityError:
		return ":x: error"
	case check.SeverityWarning:
		return ":warning: warning"
	}
	return ":information_source: note"
}

// code is an outside string as a code span in a table cell: nothing in it
// renders, and no backtick or "|" in it ends the span or the cell.
func code(s string) string { return escape.MarkdownTableCode(s) }

// message renders a finding's message, whose code parts check writes between
// backticks: each part goes through its own escaper, so an outside string
// with a backtick in it can only misplace the formatting, never render.
func message(m string) string {
	parts := strings.Split(m, "`")
	if len(parts)%2 == 0 {
		return escape.MarkdownText(m)
	}
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 0 {
			b.WriteString(escape.MarkdownText(p))
		} else {
			b.WriteString(code(p))
		}
	}
	return b.String()
}

// recommended is empty when there is no recommendation (unknown flag, no safe value).
func recommended(f check.Finding) string {
	if len(f.Recommended) == 0 || string(f.Recommended) == "null" && f.Kind != check.KindStaleFallback {
		return ""
	}
	return code(string(f.Recommended))
}
