package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/ldfallback/ldfallback/internal/escape"
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

// stderrWriter is the app's stderr: a safety net under the escaping each
// message already does. Every complete line is passed through
// escape.Terminal once more (a no-op on escaped text), so a message added
// later that forgets to escape a file name or key still cannot drive the
// terminal or start a workflow command: the runner reads stderr too. A line
// without its newline yet is held until the newline or flush.
type stderrWriter struct {
	w       io.Writer
	pending []byte
}

func (s *stderrWriter) Write(p []byte) (int, error) {
	s.pending = append(s.pending, p...)
	for {
		i := bytes.IndexByte(s.pending, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := escape.Terminal(string(s.pending[:i])) + "\n"
		s.pending = s.pending[i+1:]
		if _, err := io.WriteString(s.w, line); err != nil {
			return len(p), err
		}
	}
}

// flush writes a last line that has no newline.
func (s *stderrWriter) flush() {
	if len(s.pending) > 0 {
		io.WriteString(s.w, escape.Terminal(string(s.pending)))
		s.pending = nil
	}
}

// file is the underlying *os.File, for the scanner's progress line, which
// draws with \r and an erase sequence of its own on a terminal only.
func (s *stderrWriter) file() (*os.File, bool) {
	f, ok := s.w.(*os.File)
	return f, ok
}

// stderrFile is the app's stderr as an *os.File, when it is one.
func stderrFile(w io.Writer) (*os.File, bool) {
	if s, ok := w.(*stderrWriter); ok {
		return s.file()
	}
	f, ok := w.(*os.File)
	return f, ok
}

// appendSummary appends Markdown to the summary file f (e.g.
// $GITHUB_STEP_SUMMARY): appended to, not replaced, as GitHub expects from
// every step.
func appendSummary(f string, md []byte) error {
	sf, err := os.OpenFile(f, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return usagef("%s: %s", f, unwrapPathError(err))
	}
	_, werr := sf.Write(md)
	if cerr := sf.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return usagef("%s: cannot write: %v", f, werr)
	}
	return nil
}
