package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/internal/escape"
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
			f := explainFlag{Key: a.Key, Reason: a.Reason, Detail: a.Detail(), Prerequisites: a.Path, Warning: a.Warning}
			if f.Prerequisites == nil {
				f.Prerequisites = []fallback.PrereqStep{}
			}
			if a.HasValue {
				f.Value = fallback.ValueJSON(a.Value)
			}
			out.Flags = append(out.Flags, f)
		}
		return writeJSON(c.App.Writer, out)
	}
	return report.ExplainText(c.App.Writer, answers)
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
