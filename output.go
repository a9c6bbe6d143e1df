package main

import (
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"
)

// outputWriter is the app's stdout: it remembers the first write error, so a
// command whose output was lost (a full disk, a closed pipe, /dev/full) fails
// even where the write's own error was not checked (tabwriter, Fprintf).
type outputWriter struct {
	w   io.Writer
	err error
}

func (o *outputWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err != nil {
		o.err = err
	}
	return n, err
}

// file is the underlying *os.File, for terminal detection.
func (o *outputWriter) file() (*os.File, bool) {
	f, ok := o.w.(*os.File)
	return f, ok
}

// stdoutFile is the app's stdout as an *os.File, when it is one.
func stdoutFile(w io.Writer) (*os.File, bool) {
	if o, ok := w.(*outputWriter); ok {
		return o.file()
	}
	f, ok := w.(*os.File)
	return f, ok
}

// writeError is output that could not be written: exit 2, one line.
type writeError struct{ err error }

func (e *writeError) Error() string { return fmt.Sprintf("cannot write the output: %v", e.err) }
func (e *writeError) ExitCode() int { return exitUsage }
func (e *writeError) Unwrap() error { return e.err }

// Flag limits: a value outside them is a typo or a resource problem, said as
// exit 2 naming the flag instead of being accepted silently.
const maxWorkers = 1024

// validateFlags checks the numeric flags a command has, before it runs.
func validateFlags(c *cli.Context) error {
	has := func(name string) bool {
		for _, f := range c.Command.Flags {
			for _, n := range f.Names() {
				if n == name {
					return true
				}
			}
		}
		return false
	}
	for _, name := range []string{"timeout", "connect-timeout", "jq-timeout"} {
		if has(name) {
			if d := c.Duration(name); d <= 0 {
				return usagef("--%s %s: want a duration above 0 (e.g. 30s)", name, d)
			}
		}
	}
	if has("retries") {
		if n := c.Int("retries"); n < 0 || n > 100 {
			return usagef("--retries %d: want 0 to 100", n)
		}
	}
	if has("workers") {
		if n := c.Int("workers"); n < 1 || n > maxWorkers {
			return usagef("--workers %d: want 1 to %d", n, maxWorkers)
		}
	}
	return nil
}
