package policy

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/internal/escape"
	"github.com/ldfallback/ldfallback/payload"
)

// Starting computes, for one flag, the strategy a starting policy records:
// the strategy whose value is today's safest fallback, preferring
// fail-closed (the off variation) then fail-open (the on value); safest when
// neither gives that value (a flag on for everyone with a multivariate
// value other than its default rule's, or no safe value at all).
func Starting(a fallback.Answer, p *payload.Payload) Strategy {
	f := flagOf(p, a.Key)
	if !a.HasValue || f == nil {
		return Safest
	}
	for _, s := range []Strategy{FailClosed, FailOpen} {
		if v, ok, _, problem := apply(&Entry{Strategy: s}, a, f); ok && problem == "" && v.Equal(a.Value) {
			return s
		}
	}
	return Safest
}

// InitYAML writes a starting `policy:` section for every live flag of res:
// its starting strategy, today's value and reason as a comment, a rationale
// placeholder and the flag's version, so that check reports review-due once
// its targeting changes. The output is deterministic (flags sorted by key)
// and pure ASCII: keys are double-quoted YAML with every other character
// escaped, comments are terminal-escaped, so nothing from the payload can
// add a line or a field.
func InitYAML(res *fallback.Result, p *payload.Payload, source string) []byte {
	var b bytes.Buffer
	b.WriteString("# A starting fallback policy, written by `ldfallback policy init` from " + comment(source) + ".\n")
	b.WriteString("# Each flag records the strategy that gives today's safest fallback (value and reason in the comment),\n")
	b.WriteString("# and the flag version it was written against (check reports review-due when the targeting changes).\n")
	b.WriteString("# Write each rationale, set review dates, and replace entries by rules where a convention fits,\n")
	b.WriteString("# e.g. `rules: [{match: \"release-*\", strategy: fail-closed}]`. README: \"Fallback policy as code\".\n")
	b.WriteString("policy:\n")
	b.WriteString("  rules: []\n")
	b.WriteString("  flags:\n")
	n := 0
	for _, a := range res.Answers {
		f := flagOf(p, a.Key)
		if a.Deleted || f == nil {
			continue
		}
		n++
		s := Starting(a, p)
		note := "no safe value: " + string(a.Reason)
		if a.HasValue {
			note = short(string(fallback.ValueJSON(a.Value))) + " (" + string(a.Reason) + ")"
		}
		fmt.Fprintf(&b, "    %s:\n", strconv.QuoteToASCII(a.Key))
		fmt.Fprintf(&b, "      strategy: %s  # %s\n", s, comment(note))
		b.WriteString("      rationale: \"TODO: why this fallback\"\n")
		fmt.Fprintf(&b, "      version: %d\n", f.Version)
	}
	if n == 0 {
		// "flags:" with nothing under it would be null; say it is empty.
		out := bytes.TrimSuffix(b.Bytes(), []byte("  flags:\n"))
		return append(out, "  flags: {}\n"...)
	}
	return b.Bytes()
}

// comment makes text safe to end a YAML comment line: one line, pure ASCII.
func comment(s string) string {
	var b strings.Builder
	for _, r := range escape.Terminal(s) {
		switch {
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case r > 0xffff:
			fmt.Fprintf(&b, "\\U%08x", r)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}

// short cuts a long value for a comment.
func short(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}
