package review

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ldfallback/ldfallback/internal/escape"
)

// SummaryLimit bounds the summary section: it is appended to the job
// summary and to the pull request comment (64 KB), so a long list stops
// with a count.
const SummaryLimit = 16 << 10

// Markdown writes the job summary's section on suggested changes: what was
// posted, what was already there, and a table of the stale fallbacks not
// offered (and why). Nothing when there was nothing to suggest.
func (r *Result) Markdown(w io.Writer) error {
	if len(r.Posted)+len(r.Existing)+len(r.Left) == 0 && len(r.Warnings) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("\n### Suggested changes\n\n")
	switch {
	case len(r.Posted) > 0:
		fmt.Fprintf(&b, "Posted a review with %s on the changed lines", plural(len(r.Posted), "suggested change", "suggested changes"))
		if r.ReviewURL != "" && strings.HasPrefix(r.ReviewURL, "https://") {
			b.WriteString(" ([review](" + escapeURL(r.ReviewURL) + "))")
		}
		b.WriteString(".")
	case len(r.Existing) > 0:
		b.WriteString("No new suggested change.")
	default:
		b.WriteString("No suggested change posted.")
	}
	if n := len(r.Existing); n > 0 {
		fmt.Fprintf(&b, " %s already on the pull request from an earlier run.", plural(n, "suggestion is", "suggestions are"))
	}
	b.WriteString("\n")
	for _, w := range r.Warnings {
		b.WriteString("\n> **Warning:** " + escape.MarkdownText(w) + "\n")
	}
	if len(r.Left) > 0 {
		fmt.Fprintf(&b, "\n<details><summary>%s not offered as a suggested change</summary>\n\n", plural(len(r.Left), "stale fallback", "stale fallbacks"))
		b.WriteString("| File | Line | Flag | Why |\n|---|---|---|---|\n")
		for i, l := range r.Left {
			row := fmt.Sprintf("| %s | %d | %s | %s |\n", escape.MarkdownTableCode(l.Path), l.Line,
				escape.MarkdownTableCode(l.Key), escape.MarkdownText(l.Reason))
			if b.Len()+len(row) > SummaryLimit {
				fmt.Fprintf(&b, "\nand %d more (`ldfallback check --fix --diff` shows every fix).\n", len(r.Left)-i)
				break
			}
			b.WriteString(row)
		}
		b.WriteString("\n</details>\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// escapeURL keeps a URL from the API inside a Markdown link destination.
func escapeURL(u string) string {
	var b strings.Builder
	for _, c := range []byte(u) {
		if c <= ' ' || c >= 0x7f || strings.IndexByte("()<>\\`\"'[]", c) >= 0 {
			b.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(c)|0x100, 16)[1:]))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
