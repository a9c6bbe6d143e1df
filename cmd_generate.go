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
	"github.com/ldfallback/ldfallback/envset"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/internal/atomicfile"
	"github.com/ldfallback/ldfallback/internal/escape"
	"github.com/ldfallback/ldfallback/internal/inputfile"
	"github.com/ldfallback/ldfallback/jqpolicy"
	"github.com/ldfallback/ldfallback/payload"
	"github.com/ldfallback/ldfallback/policy"
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
			&cli.StringFlag{Name: "merge", Usage: "with several environments, write one file: `critical` = the critical environments' common answer (a flag they disagree on is left out and named)"},
			configFlag(),
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
	merge := c.String("merge")
	switch merge {
	case "", "critical":
	default:
		return usagef("--merge %q: want critical", merge)
	}
	if merge != "" && c.String("jq") != "" {
		return usagef("--merge and --jq: give one (a jq program sees one environment)")
	}
	cfg, err := loadCommandConfig(c)
	if err != nil {
		return err
	}
	set, err := loadEnvs(c, cfg, c.String("jq") != "")
	if err != nil {
		var fe *payload.FetchError
		if c.Bool("keep-on-fetch-error") && errors.As(err, &fe) && out != "-" && !strings.Contains(out, "{env}") {
			if _, statErr := os.Stat(out); statErr == nil {
				fmt.Fprintf(c.App.ErrWriter, "ldfallback: warning: %s; kept %s as it is\n", escape.Terminal(oneLine(err.Error())), escape.Terminal(out))
				return nil
			}
		}
		if c.Bool("keep-on-fetch-error") && errors.As(err, &fe) && strings.Contains(out, "{env}") {
			return fmt.Errorf("%w (--keep-on-fetch-error keeps one file, not an -o with {env})", err)
		}
		return err
	}
	var decisions map[string]*policy.Decisions
	if c.String("jq") != "" {
		if !cfg.Policy.Empty() {
			fmt.Fprintf(c.App.ErrWriter, "ldfallback: warning: %s: the policy is not applied: --jq computes the values\n", escape.Terminal(policyFile(cfg)))
		}
	} else {
		if decisions, err = decidePolicy(c.App.ErrWriter, cfg, set); err != nil {
			return err
		}
		// Each environment's answers carry the policy's values from here
		// on: one file per environment and --merge critical alike.
		for _, e := range set.Envs {
			e.Result = policyResult(e.Result, decisions[e.Name])
		}
	}

	// Every file is computed before any is written: one environment that
	// fails leaves every file as it was.
	type file struct {
		path    string
		data    []byte
		written int
	}
	var files []file
	switch {
	case merge == "critical":
		if strings.Contains(out, "{env}") {
			return usagef("-o %s: --merge critical writes one file; leave {env} out", out)
		}
		data, written := mergeCritical(c, set, out)
		files = append(files, file{out, data, written})
	case set.Single() && !strings.Contains(out, "{env}"):
		data, written, err := generateOne(c, set.Envs[0], out, decisions[set.Envs[0].Name])
		if err != nil {
			return err
		}
		files = append(files, file{out, data, written})
	default:
		if !strings.Contains(out, "{env}") || out == "-" {
			return usagef("%d environments: give -o a file name with {env} (-o 'fallback-config.{env}.json' writes one file per environment), or --merge critical for one file", len(set.Envs))
		}
		for _, e := range set.Envs {
			if e.Name == "" {
				return usagef("-o %s: {env} needs a named environment (--payload NAME=FILE or --environment NAME)", out)
			}
			path := strings.ReplaceAll(out, "{env}", e.Name)
			data, written, err := generateOne(c, e, path, decisions[e.Name])
			if err != nil {
				return err
			}
			files = append(files, file{path, data, written})
		}
	}

	if c.Bool("check") {
		// Every file is compared, so one run names every change.
		var drift error
		n := 0
		for _, f := range files {
			w := c.App.Writer
			if len(files) > 1 {
				// Several files: each change line names its file.
				w = &linePrefixer{w: w, prefix: escape.Terminal(f.path) + ": "}
			}
			if err := checkDrift(w, f.path, f.data); err != nil {
				var fe *findingsError
				if !errors.As(err, &fe) {
					return err
				}
				drift, n = err, n+1
			}
		}
		if n > 1 {
			drift = &findingsError{fmt.Sprintf("%d of %d files are out of date (listed above; run ldfallback generate)", n, len(files))}
		}
		return drift
	}
	if out == "-" {
		_, err := c.App.Writer.Write(files[0].data)
		return err
	}
	for _, f := range files {
		if err := atomicfile.Write(f.path, f.data, 0o644); err != nil {
			return usagef("%s: cannot write: %v", f.path, err)
		}
		fmt.Fprintf(c.App.ErrWriter, "ldfallback: wrote %d flags to %s\n", f.written, escape.Terminal(f.path))
	}
	return nil
}

// generateOne computes one environment's fallback-config.json (built in, or
// with --jq); out names the file in messages.
func generateOne(c *cli.Context, e *envset.Env, out string, ds *policy.Decisions) ([]byte, int, error) {
	res := e.Result
	warnAnswers(c.App.ErrWriter, res, e.Name)
	var values map[string]json.RawMessage
	if prog := c.String("jq"); prog != "" {
		src, err := inputfile.ReadFile(prog, inputfile.ConfigLimit)
		if err != nil {
			return nil, 0, usagef("%s: %s", prog, unwrapPathError(err))
		}
		raw := e.Raw
		if e.Payload.Shape == payload.ShapeFDv2 {
			// jq programs are written for latest-all (the guide's reads
			// .flags): an FDv2 transfer is shown to them in that shape.
			if raw, err = payload.LatestAllOf(raw, e.Source); err != nil {
				return nil, 0, err
			}
		}
		values, err = jqpolicy.Run(c.Context, prog, string(src), raw, res, jqpolicy.Options{
			Timeout: c.Duration("jq-timeout"),
			Debug:   c.App.ErrWriter,
		})
		if err != nil {
			if e.Name != "" {
				err = &envError{env: e.Name, err: err}
			}
			return nil, 0, err
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
			if msg, ok := policyLeftOut(ds, key); ok {
				fmt.Fprintf(c.App.ErrWriter, "ldfallback: %s: %s, left out of %s\n", escape.Terminal(key), escape.Terminal(msg), escape.Terminal(out))
				continue
			}
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
	return escape.JSON(data), written, nil
}

// mergeCritical is --merge critical: one file holding, for every flag, the
// critical environments' common safe value. A flag they disagree on, that
// one of them lacks, or that has no safe value in one of them is left out
// and named on stderr (exit 0, as for a flag with no safe value: the
// file is still right for every flag it holds, and check reports a wrapper
// call of a left-out flag as missing-config).
func mergeCritical(c *cli.Context, set *envset.Set, out string) ([]byte, int) {
	for _, e := range set.Critical() {
		warnAnswers(c.App.ErrWriter, e.Result, e.Name)
	}
	values := map[string]json.RawMessage{}
	var missing []string
	for _, key := range set.Keys() {
		ag := set.CriticalAnswer(key)
		switch {
		case ag.HasValue:
			values[key] = fallback.ValueJSON(ag.Value)
		case ag.Divergent:
			var parts []string
			for _, ea := range ag.Answers {
				v := "no safe value"
				if ea.Known && ea.Answer.HasValue {
					v = string(fallback.ValueJSON(ea.Answer.Value))
				}
				parts = append(parts, ea.Env.Name+" "+v)
			}
			fmt.Fprintf(c.App.ErrWriter, "ldfallback: warning: %s: the critical environments disagree (%s), left out of %s\n", escape.Terminal(key), escape.Terminal(strings.Join(parts, ", ")), escape.Terminal(out))
		case len(ag.Missing) > 0:
			missing = append(missing, key)
		default:
			fmt.Fprintf(c.App.ErrWriter, "ldfallback: %s: no safe fallback in %s, left out of %s\n", escape.Terminal(key), escape.Terminal(strings.Join(ag.NoValue, ", ")), escape.Terminal(out))
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(c.App.ErrWriter, "ldfallback: %d flag%s not in every critical environment, left out of %s: %s\n", len(missing), plural(len(missing), " is", "s are"), escape.Terminal(out), someKeys(missing))
	}
	return escape.JSON(codegen.ConfigJSON(values)), len(values)
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

// warnAnswers names on stderr the answers a user should look at (cycles,
// malformed flags); env names the environment ("" for the unnamed one).
func warnAnswers(w io.Writer, res *fallback.Result, env string) {
	prefix := ""
	if env != "" {
		prefix = env + ": "
	}
	for _, a := range res.Answers {
		if a.Warning != "" {
			fmt.Fprintf(w, "ldfallback: warning: %s%s: %s\n", escape.Terminal(prefix), escape.Terminal(a.Key), escape.Terminal(a.Warning))
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

// linePrefixer writes prefix before every line.
type linePrefixer struct {
	w      io.Writer
	prefix string
	mid    bool
}

func (p *linePrefixer) Write(b []byte) (int, error) {
	var out bytes.Buffer
	for _, c := range b {
		if !p.mid {
			out.WriteString(p.prefix)
			p.mid = true
		}
		out.WriteByte(c)
		if c == '\n' {
			p.mid = false
		}
	}
	if _, err := p.w.Write(out.Bytes()); err != nil {
		return 0, err
	}
	return len(b), nil
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
