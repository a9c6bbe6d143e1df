package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/envset"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/internal/escape"
	"github.com/ldfallback/ldfallback/policy"
	"github.com/ldfallback/ldfallback/report"
)

func explainCommand() *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "show every flag (or the named ones) with its safest fallback, the reason, and the prerequisite path that decided it",
		ArgsUsage: "[FLAG...]",
		Flags: append(payloadFlags(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text or json"},
			configFlag(),
		),
		Action: runExplain,
	}
}

// explainFlag is one entry of explain --format json (DESIGN.md).
type explainFlag struct {
	Key           string                `json:"key"`
	Value         json.RawMessage       `json:"value,omitempty"`
	Reason        fallback.Reason       `json:"reason"`
	Detail        string                `json:"detail"`
	Prerequisites []fallback.PrereqStep `json:"prerequisites"`
	Warning       string                `json:"warning,omitempty"`
	// Meta is what the REST API says of the flag (absent for an SDK payload).
	Meta *report.MetaJSON `json:"meta,omitempty"`
	// Policy is the fallback policy's decision, when a rule or entry decided.
	Policy *explainPolicy `json:"policy,omitempty"`
}

// explainEnvFlag is one flag of explain --format json with several
// environments: what the critical environments say together, then the
// answer in each environment.
type explainEnvFlag struct {
	Key string `json:"key"`
	// Value is the critical environments' common safe value (absent when none).
	Value json.RawMessage `json:"value,omitempty"`
	// Divergent is set when the critical environments' safe values differ.
	Divergent    bool              `json:"divergent"`
	Environments []explainEnvEntry `json:"environments"`
	// Meta is what the REST API says of the flag (absent for an SDK payload).
	Meta *report.MetaJSON `json:"meta,omitempty"`
}

// explainEnvEntry is one environment's answer; Found is false when the flag is not in it.
type explainEnvEntry struct {
	Environment string `json:"environment"`
	Critical    bool   `json:"critical"`
	Found       bool   `json:"found"`
	explainFlag
}

func runExplain(c *cli.Context) error {
	format := c.String("format")
	if format != "text" && format != "json" {
		return usagef("--format %q: want text or json", format)
	}
	cfg, err := loadCommandConfig(c)
	if err != nil {
		return err
	}
	set, err := loadEnvs(c, cfg, false)
	if err != nil {
		return err
	}
	decisions, err := decidePolicy(c.App.ErrWriter, cfg, set)
	if err != nil {
		return err
	}
	if !set.Single() {
		return explainEnvs(c, set, format, decisions)
	}
	res := set.Envs[0].Result
	ds := decisions[set.Envs[0].Name]
	answers := res.Answers
	if c.Args().Present() {
		answers = nil
		for _, key := range c.Args().Slice() {
			a, ok := res.Get(key)
			if !ok {
				if m, ok := set.Meta.Of(key); ok && m.Archived {
					// Archived: no answer, but not a typo (ExplainTextMeta words it).
					answers = append(answers, fallback.Answer{Key: key, Variation: -1})
					continue
				}
				return usagef("flag %q is not in the payload%s", key, suggestKey(key, res))
			}
			answers = append(answers, a)
		}
	}
	if format == "json" {
		out := struct {
			Flags []explainFlag `json:"flags"`
		}{Flags: make([]explainFlag, 0, len(answers))}
		for _, a := range answers {
			f := explainEntry(a, ds)
			if m, ok := set.Meta.Of(a.Key); ok {
				f.Meta = report.NewMetaJSON(m)
				if m.Archived && a.Reason == "" {
					f.Reason, f.Detail = fallback.ReasonFallbackServed, report.ArchivedDetail(m)
				}
			}
			out.Flags = append(out.Flags, f)
		}
		return writeJSON(c.App.Writer, out)
	}
	return report.ExplainTextMeta(c.App.Writer, answers, set.Meta, func(key string) []string { return policyNotes(ds, key) })
}

func explainEntry(a fallback.Answer, ds *policy.Decisions) explainFlag {
	f := explainFlag{Key: a.Key, Reason: a.Reason, Detail: a.Detail(), Prerequisites: a.Path, Warning: a.Warning,
		Policy: policyExplain(ds, a.Key)}
	if f.Prerequisites == nil {
		f.Prerequisites = []fallback.PrereqStep{}
	}
	if a.HasValue {
		f.Value = fallback.ValueJSON(a.Value)
	}
	return f
}

// explainEnvs is explain with several environments: each flag's answer per environment.
func explainEnvs(c *cli.Context, set *envset.Set, format string, decisions map[string]*policy.Decisions) error {
	keys := set.Keys()
	if c.Args().Present() {
		keys = nil
		for _, key := range c.Args().Slice() {
			if m, ok := set.Meta.Of(key); ok && m.Archived {
				keys = append(keys, key)
				continue
			}
			if in, _ := set.Known(key); len(in) == 0 {
				return usagef("flag %q is in no environment%s", key, suggestKey(key, allKeys(set)))
			}
			keys = append(keys, key)
		}
	}
	if format == "text" {
		return report.ExplainEnvText(c.App.Writer, set, keys, func(env, key string) []string { return policyNotes(decisions[env], key) })
	}
	type envInfo struct {
		Name     string `json:"name"`
		Critical bool   `json:"critical"`
		Source   string `json:"source"`
	}
	out := struct {
		Environments []envInfo        `json:"environments"`
		Flags        []explainEnvFlag `json:"flags"`
	}{Flags: make([]explainEnvFlag, 0, len(keys))}
	for _, e := range set.Envs {
		out.Environments = append(out.Environments, envInfo{Name: e.Name, Critical: e.Critical, Source: e.Source})
	}
	for _, key := range keys {
		ag := set.CriticalAnswer(key)
		f := explainEnvFlag{Key: key, Divergent: ag.Divergent}
		if m, ok := set.Meta.Of(key); ok {
			f.Meta = report.NewMetaJSON(m)
		}
		if ag.HasValue {
			f.Value = fallback.ValueJSON(ag.Value)
		}
		for _, ea := range set.Answers(key) {
			e := explainEnvEntry{Environment: ea.Env.Name, Critical: ea.Env.Critical, Found: ea.Known}
			if ea.Known {
				e.explainFlag = explainEntry(ea.Answer, decisions[ea.Env.Name])
			} else {
				e.explainFlag = explainFlag{Key: key, Reason: "not-found", Detail: "not a flag in this environment: every evaluation returns the code's fallback", Prerequisites: []fallback.PrereqStep{}}
			}
			f.Environments = append(f.Environments, e)
		}
		out.Flags = append(out.Flags, f)
	}
	return writeJSON(c.App.Writer, out)
}

// allKeys is every flag key of the set as answers, for typo suggestions.
func allKeys(set *envset.Set) *fallback.Result {
	var answers []fallback.Answer
	for _, k := range set.Keys() {
		answers = append(answers, fallback.Answer{Key: k})
	}
	return fallback.NewResult(answers)
}

// suggestKey names the closest flag key, for typos.
func suggestKey(key string, res *fallback.Result) string {
	if best := check.Closest(key, res.Answers); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// writeJSON writes v indented, without HTML escaping, with a trailing newline.
func writeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	// escape.JSON: the old "##[" command syntax cannot hide in a string.
	_, err := w.Write(escape.JSON(b.Bytes()))
	return err
}
