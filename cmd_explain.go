package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/report"
)

func explainCommand() *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "show every flag (or the named ones) with its safest fallback, the reason, and the prerequisite path that decided it",
		ArgsUsage: "[FLAG...]",
		Flags: append(payloadFlags(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text or json"},
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
}

func runExplain(c *cli.Context) error {
	format := c.String("format")
	if format != "text" && format != "json" {
		return usagef("--format %q: want text or json", format)
	}
	_, res, err := resolve(c, false)
	if err != nil {
		return err
	}
	answers := res.Answers
	if c.Args().Present() {
		answers = nil
		for _, key := range c.Args().Slice() {
			a, ok := res.Get(key)
			if !ok {
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
			f := explainFlag{Key: a.Key, Reason: a.Reason, Detail: a.Detail, Prerequisites: a.Path, Warning: a.Warning}
			if f.Prerequisites == nil {
				f.Prerequisites = []fallback.PrereqStep{}
			}
			if a.HasValue {
				f.Value = json.RawMessage(a.Value.JSONString())
			}
			out.Flags = append(out.Flags, f)
		}
		return writeJSON(c.App.Writer, out)
	}
	return report.ExplainText(c.App.Writer, answers)
}

// suggestKey names the closest flag key, for typos.
func suggestKey(key string, res *fallback.Result) string {
	best, bestD := "", len(key)/2+2
	for _, a := range res.Answers {
		if d := editDistance(strings.ToLower(key), strings.ToLower(a.Key)); d < bestD {
			best, bestD = a.Key, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance, two rows at a time.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// writeJSON writes v indented, without HTML escaping, with a trailing newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
