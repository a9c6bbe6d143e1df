package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/ldfallback/ldfallback/changes"
	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/fix"
	"github.com/ldfallback/ldfallback/internal/atomicfile"
	"github.com/ldfallback/ldfallback/internal/escape"
	"github.com/ldfallback/ldfallback/internal/inputfile"
	"github.com/ldfallback/ldfallback/report"
	"github.com/ldfallback/ldfallback/scanner"
)

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "scan the tree, compare every fallback with the safest one, and report findings (exit 1 at or above --fail-on)",
		ArgsUsage: "[PATH...]",
		Flags: append(append(payloadFlags(), scanFlags()...),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text, json, sarif, github, gitlab (Code Quality), rdjson (reviewdog) or junit"},
			&cli.StringFlag{Name: "fail-on", Value: "error", Usage: "exit 1 on findings at or above `LEVEL`: error, warning or never"},
			&cli.StringFlag{Name: "fallback-config", Usage: "the fallback-config.json `FILE` wrappers read (default: the config file's fallbackConfig)"},
			&cli.StringFlag{Name: "sarif", Usage: "also write SARIF 2.1.0 to `FILE` (for code scanning upload), whatever --format says"},
			&cli.StringFlag{Name: "sarif-category", Usage: "SARIF runAutomationDetails.id `CATEGORY`, so runs per environment or config upload side by side"},
			&cli.StringFlag{Name: "summary", Usage: "append a Markdown summary to `FILE` (e.g. $GITHUB_STEP_SUMMARY)"},
			&cli.StringFlag{Name: "baseline", Usage: "report only findings not in the baseline `FILE`"},
			&cli.StringFlag{Name: "new-from-rev", Usage: "report only findings on lines changed since the git `REV` (committed or not; untracked files count as new)"},
			&cli.StringFlag{Name: "new-from-patch", Usage: "report only findings on lines the unified diff `FILE` adds or changes"},
			&cli.StringFlag{Name: "write-baseline", Usage: "write the current findings to the baseline `FILE` (- for stdout) and exit 0"},
			&cli.StringFlag{Name: "github-review", Usage: "write the --fix edits on the changed lines (--new-from-rev or --new-from-patch) as GitHub suggested changes to `FILE`, for the Action to post"},
			&cli.BoolFlag{Name: "fix", Usage: "rewrite stale fallback literals in place to the safest value"},
			&cli.BoolFlag{Name: "diff", Usage: "with --fix: print a unified diff instead of writing"},
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour the text format: auto, always or never (NO_COLOR is honoured)"},
		),
		Action: runCheck,
	}
}

func runCheck(c *cli.Context) error {
	format, failOn := c.String("format"), c.String("fail-on")
	switch format {
	case "text", "json", "sarif", "github", "gitlab", "rdjson", "junit":
	default:
		return usagef("--format %q: want text, json, sarif, github, gitlab, rdjson or junit", format)
	}
	switch failOn {
	case "error", "warning", "never":
	default:
		return usagef("--fail-on %q: want error, warning or never", failOn)
	}
	if c.Bool("diff") && !c.Bool("fix") {
		return usagef("--diff goes with --fix")
	}
	if c.String("github-review") != "" && c.String("new-from-rev") == "" && c.String("new-from-patch") == "" {
		return usagef("--github-review needs --new-from-rev or --new-from-patch: GitHub takes suggested changes only on a pull request's changed lines")
	}
	cfg, roots, err := loadConfig(c)
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
	scanRes, err := scanTree(c, cfg, roots, nil)
	if err != nil {
		return err
	}

	opts := check.Options{Config: cfg, Policy: decisions}
	if decisions != nil {
		opts.PolicyDue, opts.PolicyFile = policyDue(cfg, set, time.Now()), policyFile(cfg)
	}
	fcPath := c.String("fallback-config")
	if fcPath == "" {
		fcPath = cfg.FallbackConfig
	}
	if strings.Contains(fcPath, "{env}") {
		// One fallback-config.json per environment (generate -o 'fallback-config.{env}.json').
		if set.Single() {
			if set.Envs[0].Name == "" {
				return usagef("fallback config %s: {env} needs a named environment (--payload NAME=FILE or --environment NAME)", fcPath)
			}
			fcPath = strings.ReplaceAll(fcPath, "{env}", set.Envs[0].Name)
		} else {
			opts.FallbackConfigFile = fcPath
			opts.EnvFallbackConfigs = map[string]check.FallbackConfig{}
			for _, e := range set.Envs {
				path := strings.ReplaceAll(fcPath, "{env}", e.Name)
				values, lines, err := check.LoadFallbackConfig(path)
				switch {
				case err == nil:
					opts.EnvFallbackConfigs[e.Name] = check.FallbackConfig{Values: values, Lines: lines, File: path}
				case errors.Is(err, fs.ErrNotExist) && c.String("fallback-config") == "":
				default:
					return err
				}
			}
			fcPath = ""
		}
	}
	if fcPath != "" {
		values, lines, err := check.LoadFallbackConfig(fcPath)
		switch {
		case err == nil:
			opts.FallbackConfig, opts.FallbackConfigLines, opts.FallbackConfigFile = values, lines, fcPath
		case errors.Is(err, fs.ErrNotExist) && c.String("fallback-config") == "":
			// No central config: wrappers that read one are reported as missing-config.
		default:
			return err
		}
	}
	if f := c.String("baseline"); f != "" {
		b, err := check.LoadBaselineFile(f)
		if err != nil {
			return err
		}
		opts.Baseline = b
	}
	changed, err := changedLines(c)
	if err != nil {
		return err
	}
	if changed != nil { // a nil *Set in the interface would hide every finding
		opts.Changed = changed
	}
	rep := check.CheckSet(set, scanRes, opts)

	if f := c.String("write-baseline"); f != "" {
		var buf bytes.Buffer
		if err := check.WriteBaseline(&buf, rep); err != nil {
			return err
		}
		if f == "-" {
			// "-" is stdout, as for every other output flag.
			_, err := c.App.Writer.Write(escape.JSON(buf.Bytes()))
			return err
		}
		if err := atomicfile.Write(f, buf.Bytes(), 0o644); err != nil {
			return usagef("%s: cannot write: %v", f, err)
		}
		fmt.Fprintf(c.App.ErrWriter, "ldfallback: wrote %d findings to the baseline %s\n", len(rep.Findings), escape.Terminal(f))
		return nil
	}

	if c.Bool("fix") {
		return runFix(c, rep, scanRes, roots)
	}
	if f := c.String("github-review"); f != "" {
		if err := writeReviewPlan(f, rep, scanRes, changed); err != nil {
			return err
		}
	}

	// SARIF and rdjson offer the --fix edits (checked as --fix would, not written).
	var fixes []report.Fix
	if format == "sarif" || format == "rdjson" || c.String("sarif") != "" {
		if fixes, err = suggestFixes(rep, scanRes); err != nil {
			return err
		}
	}
	sarifOpts := report.SARIFOptions{Category: c.String("sarif-category"), Fixes: fixes}
	if f := c.String("sarif"); f != "" {
		var buf bytes.Buffer
		if err := report.SARIFWith(&buf, rep, report.Tool{Version: versionString()}, sarifOpts); err != nil {
			return err
		}
		if err := atomicfile.Write(f, buf.Bytes(), 0o644); err != nil {
			return usagef("%s: cannot write: %v", f, err)
		}
	}
	if f := c.String("summary"); f != "" {
		var buf bytes.Buffer
		if err := report.Markdown(&buf, rep); err != nil {
			return err
		}
		if err := appendSummary(f, buf.Bytes()); err != nil {
			return err
		}
	}

	w := c.App.Writer
	switch format {
	case "json":
		err = report.JSON(w, rep)
	case "sarif":
		err = report.SARIFWith(w, rep, report.Tool{Version: versionString()}, sarifOpts)
	case "gitlab":
		err = report.GitLab(w, rep)
	case "rdjson":
		err = report.RDJSON(w, rep, fixes)
	case "junit":
		err = report.JUnit(w, rep, failOn)
	case "github":
		err = report.GitHub(w, rep)
	default:
		err = report.Text(w, rep, report.TextOptions{Color: useColor(c)})
	}
	if err != nil {
		return err
	}
	if err := incomplete(c, scanRes); err != nil {
		return err
	}
	if rep.Failed(failOn) {
		return &findingsError{}
	}
	return nil
}

// changedLines reads --new-from-rev or --new-from-patch; nil when neither is given.
func changedLines(c *cli.Context) (*changes.Set, error) {
	rev, patch := c.String("new-from-rev"), c.String("new-from-patch")
	switch {
	case rev != "" && patch != "":
		return nil, usagef("--new-from-rev and --new-from-patch: give one")
	case rev != "":
		s, err := changes.FromRev(".", rev)
		if err != nil {
			return nil, usagef("%v", err)
		}
		return s, nil
	case patch != "":
		data, err := inputfile.ReadFile(patch, inputfile.DataLimit)
		if err != nil {
			return nil, usagef("--new-from-patch %s: %s", patch, unwrapPathError(err))
		}
		s, err := changes.ParsePatch(bytes.NewReader(data), patch)
		if err != nil {
			return nil, usagef("--new-from-patch %v", err)
		}
		return s, nil
	}
	return nil, nil
}

// suggestFixes is what --fix would write, as report fixes.
func suggestFixes(rep *check.Report, scanRes *scanner.Result) ([]report.Fix, error) {
	edits, _ := fix.Plan(rep.Findings, scanRes.Calls)
	if len(edits) == 0 {
		return nil, nil
	}
	sugg, _, err := fix.Suggest(".", edits)
	if err != nil {
		return nil, err
	}
	out := make([]report.Fix, 0, len(sugg))
	for _, s := range sugg {
		out = append(out, report.Fix{At: s.At, Key: s.Key, File: s.File, Text: s.New,
			Start: report.Pos(s.Start), End: report.Pos(s.End)})
	}
	return out, nil
}

// runFix rewrites stale literals (or prints the diff) and reports what it left.
// Files are written only where they really are inside the scanned PATHs.
func runFix(c *cli.Context, rep *check.Report, scanRes *scanner.Result, roots []string) error {
	edits, skipped := fix.Plan(rep.Findings, scanRes.Calls)
	res, err := fix.ApplyWithin(".", roots, edits, c.Bool("diff"), c.App.Writer)
	if res != nil {
		skipped = append(skipped, res.Skipped...)
	}
	for _, s := range skipped {
		fmt.Fprintf(c.App.ErrWriter, "ldfallback: not fixed: %s\n", escape.Terminal(fmt.Sprint(s)))
	}
	var we *fix.WriteError
	if errors.As(err, &we) {
		// The other files were written: say which, and which were not.
		for _, f := range we.Failed {
			fmt.Fprintf(c.App.ErrWriter, "ldfallback: not written: %s: %s\n", escape.Terminal(f.File), escape.Terminal(f.Err.Error()))
		}
		for _, f := range res.Files {
			fmt.Fprintf(c.App.ErrWriter, "ldfallback: rewritten: %s\n", escape.Terminal(f))
		}
		return fmt.Errorf("--fix: %d file(s) could not be written, %d rewritten (listed above)", len(we.Failed), len(res.Files))
	}
	if err != nil {
		return err
	}
	if !c.Bool("diff") {
		fmt.Fprintf(c.App.ErrWriter, "ldfallback: fixed %d stale fallback(s) in %d file(s)\n", len(res.Applied), len(res.Files))
	}
	return nil
}

// useColor decides colour for the text format: never on a pipe, never under NO_COLOR.
func useColor(c *cli.Context) bool {
	switch c.String("color") {
	case "always":
		return true
	case "never":
		return false
	}
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	f, ok := stdoutFile(c.App.Writer)
	return ok && term.IsTerminal(int(f.Fd()))
}
