package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/ldfallback/ldfallback/envset"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/flagmeta"
	"github.com/ldfallback/ldfallback/internal/escape"
	"github.com/ldfallback/ldfallback/scanner"
)

// ExplainText writes one aligned row per answer (key, safest fallback,
// reason, the resolver's sentence), with the prerequisite path that decided
// it and any warning as continuation rows under the sentence, so the columns
// stay aligned across all flags.
func ExplainText(w io.Writer, answers []fallback.Answer) error {
	return ExplainTextMeta(w, answers, nil, nil)
}

// ExplainTextMeta is ExplainText with each flag's metadata (from the REST
// API) on a line of its own, archived flags (which have no answer) as
// "KEY  (code's fallback)  fallback-served  KEY was archived on DATE: …",
// and extra lines under a flag: notes(key) returns them (the fallback
// policy's decision), unescaped; notes may be nil.
func ExplainTextMeta(w io.Writer, answers []fallback.Answer, meta flagmeta.Set, notes func(key string) []string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, a := range answers {
		if m, ok := meta.Of(a.Key); ok && m.Archived && a.Reason == "" {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", escape.Terminal(a.Key), "(code's fallback)", fallback.ReasonFallbackServed, escape.Terminal(ArchivedDetail(m)))
			fmt.Fprintf(tw, "\t\t\t· %s\n", escape.Terminal(MetaText(m)))
			continue
		}
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
		if m, ok := meta.Of(a.Key); ok {
			fmt.Fprintf(tw, "\t\t\t· %s\n", escape.Terminal(MetaText(m)))
		}
		if notes != nil {
			for _, n := range notes(a.Key) {
				fmt.Fprintf(tw, "\t\t\t%s\n", escape.Terminal(n))
			}
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

// ExplainEnvText writes each flag's answer per environment (several
// environments): a headline with what the critical environments say
// together, then one aligned line per environment, its prerequisite path
// and warning below it, then notes(env, key) (the fallback policy's decision
// in that environment), unescaped; notes may be nil.
func ExplainEnvText(w io.Writer, set *envset.Set, keys []string, notes func(env, key string) []string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i, key := range keys {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		if m, ok := set.Meta.Of(key); ok && m.Archived {
			if in, _ := set.Known(key); len(in) == 0 {
				fmt.Fprintf(tw, "%s: %s\n  · %s\n", escape.Terminal(key), escape.Terminal(ArchivedDetail(m)), escape.Terminal(MetaText(m)))
				continue
			}
		}
		fmt.Fprintf(tw, "%s: %s\n", escape.Terminal(key), escape.Terminal(EnvVerdict(set, key)))
		if m, ok := set.Meta.Of(key); ok {
			fmt.Fprintf(tw, "  · %s\n", escape.Terminal(MetaText(m)))
		}
		for _, ea := range set.Answers(key) {
			name := ea.Env.Name
			if ea.Env.Critical && !set.AllCritical() {
				name += " (critical)"
			}
			if !ea.Known {
				fmt.Fprintf(tw, "  %s\t-\tnot-found\tnot a flag in this environment: every evaluation returns the code's fallback\n", escape.Terminal(name))
				continue
			}
			a := ea.Answer
			val := "(no safe value)"
			if a.HasValue {
				val = string(fallback.ValueJSON(a.Value))
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", escape.Terminal(name), escape.Terminal(val), escape.Terminal(string(a.Reason)), escape.Terminal(a.Detail()))
			for _, p := range a.Path {
				fmt.Fprintf(tw, "\t\t\t└ %s requires %s = variation %d: %s\n", escape.Terminal(p.Flag), escape.Terminal(p.Prereq), p.Variation, escape.Terminal(p.Outcome))
			}
			if a.Warning != "" {
				fmt.Fprintf(tw, "\t\t\t! warning: %s\n", escape.Terminal(a.Warning))
			}
			if notes != nil {
				for _, n := range notes(ea.Env.Name, key) {
					fmt.Fprintf(tw, "\t\t\t%s\n", escape.Terminal(n))
				}
			}
		}
	}
	return tw.Flush()
}

// EnvVerdict says in words what the critical environments say together
// about key: their common safe value, or why there is none.
func EnvVerdict(set *envset.Set, key string) string {
	ag := set.CriticalAnswer(key)
	who := "every environment"
	if !set.AllCritical() {
		who = "the critical environments"
	}
	switch {
	case ag.HasValue:
		var differ []string
		for _, ea := range set.Answers(key) {
			if ea.Env.Critical {
				continue
			}
			switch {
			case !ea.Known:
				differ = append(differ, ea.Env.Name+" lacks the flag")
			case !ea.Answer.HasValue:
				differ = append(differ, ea.Env.Name+" has no safe value")
			case !ea.Answer.Value.Equal(ag.Value):
				differ = append(differ, fmt.Sprintf("%s has %s", ea.Env.Name, fallback.ValueJSON(ea.Answer.Value)))
			}
		}
		if len(differ) > 0 {
			return fmt.Sprintf("%s in %s (%s)", fallback.ValueJSON(ag.Value), who, strings.Join(differ, ", "))
		}
		return fmt.Sprintf("%s in %s", fallback.ValueJSON(ag.Value), who)
	case ag.Divergent && set.AllCritical():
		return "the environments disagree: no single safe fallback"
	case ag.Divergent:
		return "the critical environments disagree: no single safe fallback"
	case len(ag.Missing) > 0:
		return "not a flag in " + strings.Join(ag.Missing, ", ") + ": no common safe fallback"
	default:
		return "no safe value in " + strings.Join(ag.NoValue, ", ") + ": no common safe fallback"
	}
}
