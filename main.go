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
	app := newApp(stdin, stdout, stderr)
	err := app.Run(args)
	if err == nil {
		return exitOK
	}
	code := exitUsage
	var ec exitCoder
	if errors.As(err, &ec) {
		code = ec.ExitCode()
	}
	if msg := oneLine(err.Error()); msg != "" {
		fmt.Fprintf(stderr, "ldfallback: %s\n", msg)
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
		Version: version,
		Reader:  stdin,
		Writer:  stdout,
		// Help and usage go to stderr so stdout carries only the requested output.
		ErrWriter:            stderr,
		EnableBashCompletion: true,
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
	return app
}
