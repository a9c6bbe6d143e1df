// Command ldfallback keeps the fallback values of LaunchDarkly feature flags
// safe and in sync with how the flags are really configured.
//
// This file wires the command line (urfave/cli/v2) and maps typed errors to
// exit codes in one place; the work is done by the packages payload,
// fallback, scanner, check, report, fix and codegen.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/ldfallback/ldfallback/internal/escape"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// Exit codes (DESIGN.md).
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
	exitFetch    = 3
)

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// exitCoder is implemented by every error that knows its exit code
// (payload.InputError, payload.FetchError, config.Error, …).
type exitCoder interface{ ExitCode() int }

// usageError is a command line that cannot be run as given.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }
func (e *usageError) ExitCode() int { return exitUsage }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// findingsError carries exit code 1 without a message of its own: the report already said it.
type findingsError struct{ msg string }

func (e *findingsError) Error() string { return e.msg }
func (e *findingsError) ExitCode() int { return exitFindings }

// run is main with its world injected, so tests (testscript) run the real command in-process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out := &outputWriter{w: stdout}
	errOut := &stderrWriter{w: stderr}
	app := newApp(stdin, out, errOut)
	err := app.Run(interspersed(app, args))
	errOut.flush()
	if out.err != nil {
		// Lost output outranks findings (exit 1): the report never arrived.
		var ec exitCoder
		if err == nil || errors.As(err, &ec) && ec.ExitCode() == exitFindings || errors.Is(err, out.err) {
			err = &writeError{out.err}
		}
	}
	if err == nil {
		return exitOK
	}
	code := exitUsage
	var ec exitCoder
	if errors.As(err, &ec) {
		code = ec.ExitCode()
	}
	if msg := oneLine(err.Error()); msg != "" {
		// Error messages quote file names, keys and server text: terminal-escaped, so
		// nothing in them can control the terminal or start a workflow command.
		fmt.Fprintf(stderr, "ldfallback: %s\n", escape.Terminal(msg))
	}
	return code
}

// oneLine keeps error output to one line, as CI logs and annotations expect.
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:    "ldfallback",
		Usage:   "keep LaunchDarkly fallback values safe and in sync with the flags",
		Version: versionString(),
		Reader:  stdin,
		Writer:  stdout,
		// Help and usage go to stderr so stdout carries only the requested output.
		ErrWriter: stderr,
		// --payload NAME=FILE: a comma in a file name is a comma, not a second value.
		DisableSliceFlagSeparator: true,
		EnableBashCompletion:      true,
		// We map errors to exit codes ourselves (run); urfave must not call os.Exit.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usagef("%v", err)
		},
		Commands: []*cli.Command{
			generateCommand(),
			explainCommand(),
			scanCommand(),
			checkCommand(),
			codegenCommand(),
			githubReviewCommand(),
			policyCommand(),
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("no command %q (try ldfallback help)", c.Args().First())
			}
			// No command: help goes to stderr, as stdout carries only requested output.
			cli.HelpPrinter(c.App.ErrWriter, cli.AppHelpTemplate, c.App)
			return usagef("")
		},
	}
	for _, cmd := range app.Commands {
		// A bad flag is one line on stderr (exit 2), not "Incorrect Usage" and the help on stdout.
		cmd.OnUsageError = app.OnUsageError
		cmd.Before = validateFlags
	}
	return app
}

// interspersed moves a command's flags before its positional arguments, so
// that `ldfallback check src --format sarif` works as users type it
// (urfave/cli v2 stops reading flags at the first positional argument).
// Everything after "--" stays positional.
func interspersed(app *cli.App, args []string) []string {
	if len(args) < 3 {
		return args
	}
	var cmd *cli.Command
	for _, c := range app.Commands {
		if c.HasName(args[1]) {
			cmd = c
		}
	}
	if cmd == nil || len(cmd.Subcommands) > 0 {
		// A subcommand's flags follow its name (ldfallback policy init -o -).
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, name := range f.Names() {
			takesValue[name] = !isBool
		}
	}
	flags := []string{}
	var positional []string
	rest := args[2:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			positional = append(positional, rest[i:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if takesValue[name] && i+1 < len(rest) {
			i++
			flags = append(flags, rest[i])
		}
	}
	out := append([]string{args[0], args[1]}, flags...)
	return append(out, positional...)
}
