package main

import (
	"os"
	"path/filepath"
	"runtime"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/languages"
	"github.com/ldfallback/ldfallback/report"
	"github.com/ldfallback/ldfallback/scanner"
	"github.com/ldfallback/ldfallback/scanner/golang"
)

// scanFlags are shared by scan and check.
func scanFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "config", Aliases: []string{"c"}, Usage: "config `FILE` (default: .ldfallback.yaml in the current directory, else in the first PATH)"},
		&cli.IntFlag{Name: "workers", Aliases: []string{"j"}, Value: runtime.GOMAXPROCS(0), Usage: "parallel parsers"},
		&cli.BoolFlag{Name: "no-go-types", Usage: "scan Go with tree-sitter only, without loading packages with go/packages"},
		&cli.DurationFlag{Name: "go-types-timeout", Value: scanner.DefaultGoTimeout, Usage: "time the typed Go analysis (go/packages) may take per root; past it, one warning and tree-sitter's results for the Go files"},
		&cli.BoolFlag{Name: "allow-partial", Usage: "accept a scan that could not read part of the tree (unreadable directories or files): warn, but do not fail for it"},
		&cli.DurationFlag{Name: "file-timeout", Value: scanner.DefaultFileTimeout, Usage: "time one file may take to parse and extract, and again to resolve the constants it names; a file over it is skipped with a warning"},
	}
}

func scanCommand() *cli.Command {
	return &cli.Command{
		Name:      "scan",
		Usage:     "list every flag evaluation call in the source tree, with key, fallback, expected type and position",
		ArgsUsage: "[PATH...]",
		Flags: append(scanFlags(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text or json"},
			&cli.BoolFlag{Name: "wrappers", Usage: "list the inferred wrappers (functions that forward a parameter to an evaluation's key) instead of the calls"},
		),
		Action: runScan,
	}
}

func runScan(c *cli.Context) error {
	format := c.String("format")
	if format != "text" && format != "json" {
		return usagef("--format %q: want text or json", format)
	}
	cfg, roots, err := loadConfig(c)
	if err != nil {
		return err
	}
	res, err := scanTree(c, cfg, roots, nil)
	if err != nil {
		return err
	}
	if c.Bool("wrappers") {
		if format == "json" {
			ws := res.Wrappers
			if ws == nil {
				ws = []scanner.Wrapper{}
			}
			return writeJSON(c.App.Writer, struct {
				Wrappers []scanner.Wrapper `json:"wrappers"`
			}{ws})
		}
		return report.WrappersText(c.App.Writer, res.Wrappers)
	}
	if format == "json" {
		out := struct {
			Calls    []scanner.Call    `json:"calls"`
			Problems []scanner.Problem `json:"problems,omitempty"`
			Stats    scanner.Stats     `json:"stats"`
		}{res.Calls, res.Problems, res.Stats}
		if out.Calls == nil {
			out.Calls = []scanner.Call{}
		}
		if err := writeJSON(c.App.Writer, out); err != nil {
			return err
		}
		return incomplete(c, res)
	}
	report.ScanText(c.App.Writer, res)
	return incomplete(c, res)
}

// loadConfig finds the config file and the scan roots.
func loadConfig(c *cli.Context) (*config.Config, []string, error) {
	roots := c.Args().Slice()
	if len(roots) == 0 {
		roots = []string{"."}
	}
	for _, r := range roots {
		if _, err := os.Stat(r); err != nil {
			return nil, nil, usagef("%s: %s", r, unwrapPathError(err))
		}
	}
	var cfg *config.Config
	var err error
	if f := c.String("config"); f != "" {
		cfg, err = config.Load(f, false)
	} else {
		cfg, err = config.Load(config.DefaultFile, true)
		if err == nil && cfg.Path == "" {
			if fi, statErr := os.Stat(roots[0]); statErr == nil && fi.IsDir() {
				cfg, err = config.Load(filepath.Join(roots[0], config.DefaultFile), true)
			}
		}
	}
	if err != nil {
		return nil, nil, err
	}
	// fallbackConfig is relative to the config file that names it.
	if cfg.Path != "" && !filepath.IsAbs(cfg.FallbackConfig) {
		cfg.FallbackConfig = filepath.Join(filepath.Dir(cfg.Path), cfg.FallbackConfig)
	}
	return cfg, roots, nil
}

// scanTree runs the scanner with the Go type-checked analysis as its hook.
func scanTree(c *cli.Context, cfg *config.Config, roots []string, extraKeys []string) (*scanner.Result, error) {
	workers := c.Int("workers")
	if workers < 1 {
		return nil, usagef("--workers %d: want 1 or more", workers)
	}
	fileTimeout := c.Duration("file-timeout")
	if fileTimeout <= 0 {
		return nil, usagef("--file-timeout %s: want a positive duration", fileTimeout)
	}
	goTimeout := c.Duration("go-types-timeout")
	if goTimeout <= 0 {
		return nil, usagef("--go-types-timeout %s: want a positive duration", goTimeout)
	}
	opts := scanner.Options{
		FileTimeout: fileTimeout,
		GoTimeout:   goTimeout,
		Roots:       roots,
		Config:      cfg,
		Languages:   languages.All(),
		Workers:     workers,
		ExtraKeys:   extraKeys,
		// Paths that open from here: annotations, SARIF and --fix rely on it.
		PathsFromCwd: true,
	}
	if f, ok := stderrFile(c.App.ErrWriter); ok && term.IsTerminal(int(f.Fd())) {
		opts.Progress = f
	}
	if !c.Bool("no-go-types") {
		opts.GoAnalyzer = golang.Analyze
	}
	res, err := scanner.Scan(c.Context, opts)
	if err != nil {
		return nil, err
	}
	reportProblems(c.App.ErrWriter, res.Problems)
	return res, nil
}
