package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/envset"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/internal/atomicfile"
	"github.com/ldfallback/ldfallback/internal/escape"
	"github.com/ldfallback/ldfallback/policy"
)

func policyCommand() *cli.Command {
	return &cli.Command{
		Name:  "policy",
		Usage: "fallback policy as code (the policy: section of .ldfallback.yaml)",
		Subcommands: []*cli.Command{{
			Name:      "init",
			Usage:     "write a starting policy from the current payload: every flag with the strategy that gives its safest fallback today, a rationale placeholder and its version",
			ArgsUsage: " ",
			Flags: append(payloadFlags(),
				&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: config.DefaultFile, Usage: "write to `FILE` (- for stdout)"},
				&cli.BoolFlag{Name: "force", Usage: "replace FILE when it exists (all of it: merge by hand when it has other settings)"},
			),
			Before: validateFlags,
			Action: runPolicyInit,
		}},
	}
}

func runPolicyInit(c *cli.Context) error {
	if c.Args().Present() {
		return usagef("policy init takes no arguments (got %q)", c.Args().First())
	}
	out := c.String("output")
	if out != "-" && !c.Bool("force") {
		// Checked before the payload is fetched: nothing to do if we may not write.
		if _, err := os.Lstat(out); err == nil {
			return usagef("%s exists: give --force to replace it, or -o - to print the policy and paste its policy: section into the file", out)
		}
	}
	l, res, err := resolve(c, false)
	if err != nil {
		return err
	}
	data := policy.InitYAML(res, l.payload, oneLine(l.source))
	if out == "-" {
		_, err := c.App.Writer.Write(data)
		return err
	}
	if err := atomicfile.Write(out, data, 0o644); err != nil {
		return usagef("%s: cannot write: %v", out, err)
	}
	fmt.Fprintf(c.App.ErrWriter, "ldfallback: wrote a starting policy for %d flags to %s\n", countLive(res), escape.Terminal(out))
	return nil
}

func countLive(res *fallback.Result) int {
	n := 0
	for _, a := range res.Answers {
		if !a.Deleted {
			n++
		}
	}
	return n
}

// decidePolicy applies the config's policy to every environment of set
// (nil when the config has no policy). Warnings go to stderr once each, with
// the environments they hold in when the run has several and they do not
// hold in all. A per-flag entry that cannot be applied is a config error.
func decidePolicy(stderr io.Writer, cfg *config.Config, set *envset.Set) (map[string]*policy.Decisions, error) {
	if cfg == nil || cfg.Policy.Empty() {
		return nil, nil
	}
	where := policyFile(cfg)
	out := map[string]*policy.Decisions{}
	var order []string
	in := map[string][]string{}
	for _, e := range set.Envs {
		ds, warnings, err := cfg.Policy.Decide(policy.Input{Result: e.Result, Payload: e.Payload, Meta: set.Meta})
		if err != nil {
			var pe *policy.Error
			if errors.As(err, &pe) {
				msg := pe.Msg
				if !set.Single() {
					msg = "in environment " + e.Name + ": " + msg
				}
				return nil, &config.Error{File: where, Msg: msg}
			}
			return nil, err
		}
		out[e.Name] = ds
		for _, w := range warnings {
			if in[w] == nil {
				order = append(order, w)
			}
			in[w] = append(in[w], e.Name)
		}
	}
	for _, w := range order {
		if envs := in[w]; len(envs) < len(set.Envs) {
			w += " (in " + strings.Join(envs, ", ") + ")"
		}
		fmt.Fprintf(stderr, "ldfallback: warning: %s: %s\n", escape.Terminal(where), escape.Terminal(w))
	}
	return out, nil
}

// policyDue lists the policy entries due for review on the day of now:
// review dates once, and flag versions in every environment that has the
// flag (with several environments each such entry names its environment).
func policyDue(cfg *config.Config, set *envset.Set, now time.Time) []policy.Due {
	if cfg == nil || cfg.Policy.Empty() {
		return nil
	}
	if set.Single() {
		return cfg.Policy.Due(now, set.Envs[0].Payload)
	}
	out := cfg.Policy.Due(now, nil)
	for _, e := range set.Envs {
		for _, d := range cfg.Policy.Due(now, e.Payload) {
			if d.Review.IsZero() { // by version: this environment's
				d.Environment = e.Name
				out = append(out, d)
			}
		}
	}
	return out
}

// policyFile is the config file the policy came from, for messages and
// review-due findings.
func policyFile(cfg *config.Config) string {
	if cfg.Path == "" {
		return config.DefaultFile
	}
	return cfg.Path
}

// explainPolicy is a flag's policy decision in explain --format json.
type explainPolicy struct {
	Strategy policy.Strategy `json:"strategy"`
	// Value is the decision's value (absent for dynamic and when the strategy gives none).
	Value     json.RawMessage `json:"value,omitempty"`
	Rule      string          `json:"rule"`
	Reason    string          `json:"reason"`
	Rationale string          `json:"rationale,omitempty"`
	Review    string          `json:"review,omitempty"`
	Version   *int            `json:"version,omitempty"`
	// Problem says why the matched rule could not be applied (the flag keeps its safest fallback).
	Problem string `json:"problem,omitempty"`
}

func policyExplain(ds *policy.Decisions, key string) *explainPolicy {
	d, ok := ds.Get(key)
	if !ok || (!d.Matched() && d.Problem == "") {
		return nil
	}
	e := &explainPolicy{Strategy: d.Strategy, Rule: d.Rule, Reason: d.Reason, Rationale: d.Rationale, Version: d.Version, Problem: d.Problem}
	if d.HasValue {
		e.Value = fallback.ValueJSON(d.Value)
	}
	if !d.Review.IsZero() {
		e.Review = d.Review.Format(policy.DateLayout)
	}
	return e
}

// policyNotes are explain's text lines for a flag's policy decision.
func policyNotes(ds *policy.Decisions, key string) []string {
	e := policyExplain(ds, key)
	if e == nil {
		return nil
	}
	val := "no value"
	if e.Value != nil {
		val = string(e.Value)
	}
	line := fmt.Sprintf("§ policy %s %s: %s, by %s", e.Strategy, val, e.Reason, e.Rule)
	if e.Rationale != "" {
		line += ": " + strconv.Quote(e.Rationale)
	}
	if e.Review != "" {
		line += "; review " + e.Review
	}
	out := []string{line}
	if e.Problem != "" {
		out = append(out, "! policy: "+e.Problem)
	}
	return out
}

// policyResult is res with each answer's value replaced by the policy's
// decision, for generate. A dynamic flag keeps its safest value: a wrapper
// that reads fallback-config.json still finds one (the code that computes
// its own fallback does not read the file).
func policyResult(res *fallback.Result, ds *policy.Decisions) *fallback.Result {
	if ds == nil {
		return res
	}
	answers := make([]fallback.Answer, len(res.Answers))
	for i, a := range res.Answers {
		if d, ok := ds.Get(a.Key); ok && d.Matched() && d.Strategy != policy.Dynamic {
			a.Value, a.HasValue = d.Value, d.HasValue
		}
		answers[i] = a
	}
	return fallback.NewResult(answers)
}

// policyLeftOut words why the policy gives a flag no value, for generate's
// stderr; ok is false when the policy is not the reason.
func policyLeftOut(ds *policy.Decisions, key string) (string, bool) {
	d, ok := ds.Get(key)
	if !ok || !d.Matched() || d.Strategy == policy.Dynamic || d.HasValue {
		return "", false
	}
	return fmt.Sprintf("no value under %s (%s): %s", d.Rule, d.Strategy, d.Reason), true
}
