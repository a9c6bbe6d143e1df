package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/codegen"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/internal/atomicfile"
	"github.com/ldfallback/ldfallback/internal/escape"
	"github.com/ldfallback/ldfallback/internal/inputfile"
	"github.com/ldfallback/ldfallback/jqpolicy"
	"github.com/ldfallback/ldfallback/payload"
)

func generateCommand() *cli.Command {
	return &cli.Command{
		Name:      "generate",
		Usage:     "write the safest fallback of every flag to fallback-config.json",
		ArgsUsage: " ",
		Flags: append(payloadFlags(),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "fallback-config.json", Usage: "write to `FILE` (- for stdout)"},
			&cli.BoolFlag{Name: "check", Usage: "write nothing; exit 1 when the file on disk differs, naming the flags that changed"},
			&cli.StringFlag{Name: "jq", Usage: "compute the config with the jq program in `FILE` instead of the built-in policy ($safe holds ldfallback's answers)"},
			&cli.DurationFlag{Name: "jq-timeout", Value: jqDefaultTimeout, Usage: "stop a --jq program that runs longer than this"},
			&cli.BoolFlag{Name: "keep-on-fetch-error", Usage: "when the payload cannot be fetched, keep the existing file, warn, and exit 0 (so an outage never breaks a build)"},
		),
		Action: runGenerate,
	}
}

// jqDefaultTimeout stops a --jq program that never ends (the guide's program on a prerequisite cycle).
const jqDefaultTimeout = 30 * time.Second

func runGenerate(c *cli.Context) error {
	if c.Args().Present() {
		return usagef("generate takes no arguments (got %q)", c.Args().First())
	}
	out := c.String("output")
	l, res, err := resolve(c, c.String("jq") != "")
	if err != nil {
		var fe *payload.FetchError
		if c.Bool("keep-on-fetch-error") && errors.As(err, &fe) && out != "-" {
			if _, statErr := os.Stat(out); statErr == nil {
				fmt.Fprintf(c.App.ErrWriter, "ldfallback: warning: %s; kept %s as it is\n", escape.Terminal(oneLine(err.Error())), escape.Terminal(out))
				return nil
			}
		}
		return err
	}
	warnAnswers(c.App.ErrWriter, res)

	var values map[string]json.RawMessage
	if prog := c.String("jq"); prog != "" {
		src, err := inputfile.ReadFile(prog, inputfile.ConfigLimit)
		if err != nil {
			return usagef("%s: %s", prog, unwrapPathError(err))
		}
		values, err = jqpolicy.Run(c.Context, prog, string(src), l.raw, res, jqpolicy.Options{
			Timeout: c.Duration("jq-timeout"),
			Debug:   c.App.ErrWriter,
		})
		if err != nil {
			return err
		}
	}
	var data []byte
	written := len(values)
	if values != nil {
		data = codegen.ConfigJSON(values)
	} else {
		var leftOut []string
		data, leftOut = res.Config()
		written = len(res.Answers) - len(leftOut)
		var served []string
		for _, key := range leftOut {
			a, _ := res.Get(key)
			if a.Reason == fallback.ReasonFallbackServed {
				served = append(served, key)
				continue
			}
			fmt.Fprintf(c.App.ErrWriter, "ldfallback: %s: no safe fallback (%s), left out of %s\n", escape.Terminal(key), a.Reason, escape.Terminal(out))
		}
		if len(served) > 0 {
			// One line, however many: on a large payload these are hundreds.
			fmt.Fprintf(c.App.ErrWriter, "ldfallback: %d flag%s serve%s the code's fallback to every context (off with no off variation, or deleted): %s; left out of %s (the code's fallback is their production value; ldfallback explain lists them)\n",
				len(served), plural(len(served), "", "s"), plural(len(served), "s", ""), someKeys(served), escape.Terminal(out))
		}
	}

	// Keys and values stay the same JSON, but nothing in them can act on a
	// terminal or a CI log when the file is printed (escape.JSON).
	data = escape.JSON(data)
	if c.Bool("check") {
		return checkDrift(c.App.Writer, out, data)
	}
	if out == "-" {
		_, err := c.App.Writer.Write(data)
		return err
	}
	if err := atomicfile.Write(out, data, 0o644); err != nil {
		return usagef("%s: cannot write: %v", out, err)
	}
	fmt.Fprintf(c.App.ErrWriter, "ldfallback: wrote %d flags to %s\n", written, escape.Terminal(out))
	return nil
}

// safeValues is the built-in policy: every flag with a safe value.
func safeValues(res *fallback.Result) map[string]json.RawMessage {
	values := make(map[string]json.RawMessage, len(res.Answers))
	for _, a := range res.Answers {
		if a.HasValue {
			values[a.Key] = fallback.ValueJSON(a.Value)
		}
	}
	return values
}

// warnAnswers names on stderr the answers a user should look at (cycles, malformed flags).
func warnAnswers(w io.Writer, res *fallback.Result) {
	for _, a := range res.Answers {
		if a.Warning != "" {
			fmt.Fprintf(w, "ldfallback: warning: %s: %s\n", escape.Terminal(a.Key), escape.Terminal(a.Warning))
		}
	}
}

// checkDrift compares want with the file on disk and names every flag that changed.
func checkDrift(w io.Writer, path string, want []byte) error {
	have, err := inputfile.ReadFile(path, inputfile.DataLimit)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(w, "%s does not exist\n", escape.Terminal(path))
			return &findingsError{fmt.Sprintf("%s is missing (run ldfallback generate -o %s)", path, path)}
		}
		return usagef("%s: %s", path, unwrapPathError(err))
	}
	if bytes.Equal(have, want) {
		return nil
	}
	var old, cur map[string]json.RawMessage
	_ = json.Unmarshal(want, &cur)
	if err := json.Unmarshal(have, &old); err != nil {
		fmt.Fprintf(w, "%s is not a JSON object: %s\n", escape.Terminal(path), escape.Terminal(err.Error()))
		return &findingsError{fmt.Sprintf("%s is out of date (run ldfallback generate -o %s)", path, path)}
	}
	changes := diffConfig(old, cur)
	for _, ch := range changes {
		fmt.Fprintln(w, escape.Terminal(ch))
	}
	if len(changes) == 0 {
		// Same values, other bytes (order, indent): still drift, as the file must diff cleanly.
		fmt.Fprintf(w, "%s: same values, different formatting\n", escape.Terminal(path))
	}
	return &findingsError{fmt.Sprintf("%s is out of date: %d flag(s) changed (run ldfallback generate -o %s)", path, len(changes), path)}
}

// diffConfig lists added, removed and changed flags, sorted by key.
func diffConfig(old, cur map[string]json.RawMessage) []string {
	keys := make(map[string]bool)
	for k := range old {
		keys[k] = true
	}
	for k := range cur {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	var out []string
	for _, k := range sorted {
		o, inOld := old[k]
		n, inNew := cur[k]
		switch {
		case !inOld:
			out = append(out, fmt.Sprintf("+ %s: %s (new flag)", k, compact(n)))
		case !inNew:
			out = append(out, fmt.Sprintf("- %s: %s (no longer in the payload or no safe value)", k, compact(o)))
		case !check.JSONEqual(o, n):
			out = append(out, fmt.Sprintf("~ %s: %s -> %s", k, compact(o), compact(n)))
		}
	}
	return out
}

func compact(raw json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return string(raw)
	}
	return b.String()
}

// someKeys names the first five keys, escaped for the terminal, and how many more there are.
func someKeys(keys []string) string {
	var parts []string
	for i, k := range keys {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("and %d more", len(keys)-i))
			break
		}
		parts = append(parts, escape.Terminal(k))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
