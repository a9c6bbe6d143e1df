package main

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/ldfallback/ldfallback/internal/escape"
	"github.com/ldfallback/ldfallback/scanner"
)

// maxProblemLines is how many scanner problems are printed one per line; the
// rest are summarised by cause, so thousands of EMFILE errors are a few lines,
// not 300 KB of log (scan --format json lists them all).
const maxProblemLines = 10

// reportProblems prints the scanner's problems as warnings on stderr: the
// first few one per line, the rest counted by cause.
func reportProblems(w io.Writer, problems []scanner.Problem) {
	problems = summariseGoPackages(w, problems)
	for i, p := range problems {
		if i == maxProblemLines {
			break
		}
		fmt.Fprintf(w, "ldfallback: warning: %s: %s\n", escape.Terminal(p.File), escape.Terminal(p.Msg))
	}
	rest := problems[min(len(problems), maxProblemLines):]
	if len(rest) == 0 {
		return
	}
	counts := map[string]int{}
	for _, p := range rest {
		counts[problemCause(p.Msg)]++
	}
	causes := make([]string, 0, len(counts))
	for c := range counts {
		causes = append(causes, c)
	}
	sort.Slice(causes, func(i, j int) bool {
		if counts[causes[i]] != counts[causes[j]] {
			return counts[causes[i]] > counts[causes[j]]
		}
		return causes[i] < causes[j]
	})
	parts := make([]string, 0, 5)
	for i, c := range causes {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("%d other causes", len(causes)-5))
			break
		}
		parts = append(parts, fmt.Sprintf("%d × %s", counts[c], escape.Terminal(c)))
	}
	fmt.Fprintf(w, "ldfallback: warning: %d more problems not shown (scan --format json lists them): %s\n", len(rest), strings.Join(parts, ", "))
}

// goPackagePrefix starts the problem the Go analysis reports for each
// package it could not type-check (scanner/golang); the files are scanned by
// tree-sitter instead, so these are notes on precision, not gaps.
const goPackagePrefix = "go/packages: package "

// summariseGoPackages prints the Go analysis's per-package problems as one
// line when there are more than three of them: a module whose dependencies are
// not downloaded fails every package, and 60 lines of "a dependency has
// errors" buried the warnings that matter. It returns the other problems.
func summariseGoPackages(w io.Writer, problems []scanner.Problem) []scanner.Problem {
	var goPkgs, rest []scanner.Problem
	for _, p := range problems {
		if strings.HasPrefix(p.Msg, goPackagePrefix) && !p.Unreadable {
			goPkgs = append(goPkgs, p)
		} else {
			rest = append(rest, p)
		}
	}
	if len(goPkgs) <= 3 {
		return problems
	}
	// The first package whose own code failed says why; "a dependency has
	// errors" only points at it.
	first := goPkgs[0]
	for _, p := range goPkgs {
		if !strings.HasSuffix(p.Msg, ": a dependency has errors") {
			first = p
			break
		}
	}
	fmt.Fprintf(w, "ldfallback: warning: go/packages could not type-check %d Go packages; tree-sitter scanned their files (constants in other packages may stay unresolved; `go mod download` may help). First: %s: %s (scan --format json lists them all)\n",
		len(goPkgs), escape.Terminal(first.File), escape.Terminal(strings.TrimPrefix(first.Msg, "go/packages: ")))
	return rest
}

// andMore is the count of further errors the Go analysis appends.
var andMore = regexp.MustCompile(` \(and \d+ more\)$`)

// problemCause is a problem's message without the path an OS error names
// ("open a/b.go: too many open files" -> "too many open files"), so the same
// cause on many paths counts as one.
func problemCause(msg string) string {
	// The Go analysis's messages hold ": " of their own (`invalid package
	// name: ""`): their cause is what follows the package part.
	msg = strings.TrimSuffix(msg, andMore.FindString(msg))
	if _, after, ok := strings.Cut(msg, "(left to tree-sitter): "); ok {
		return after
	}
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return msg
}

// incompleteError says the scan could not read part of the tree: the report
// was written, but a gate must not pass on what it did not see.
type incompleteError struct {
	n     int
	first string
}

func (e *incompleteError) Error() string {
	return fmt.Sprintf("the scan is incomplete: %d path(s) of the tree could not be read (first: %s); --allow-partial accepts a partial scan", e.n, escape.Terminal(e.first))
}

func (e *incompleteError) ExitCode() int { return exitUsage }

// incomplete fails a scan or check that could not read part of the tree,
// unless --allow-partial says that is acceptable.
func incomplete(c *cli.Context, res *scanner.Result) error {
	if res.Stats.Unreadable == 0 || c.Bool("allow-partial") {
		return nil
	}
	first := ""
	for _, p := range res.Problems {
		if p.Unreadable {
			first = p.File
			break
		}
	}
	return &incompleteError{n: res.Stats.Unreadable, first: first}
}
