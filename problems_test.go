package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfallback/ldfallback/scanner"
)

// deepTree makes a directory whose path is longer than PATH_MAX (4096 on
// Linux) below dir, through directory handles, so the walker cannot list it:
// a real way, even as root, for part of a tree to be unreadable.
func deepTree(t *testing.T, dir string) {
	t.Helper()
	r, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.Repeat("d", 200)
	for range 25 {
		if err := r.Mkdir(name, 0o755); err != nil {
			t.Fatal(err)
		}
		next, err := r.OpenRoot(name)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		r = next
	}
	r.Close()
}

func TestPartialScanFails(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte("import ldclient\nclient = ldclient.get()\nclient.variation('checkout-api', ctx, True)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	deepTree(t, dir)
	payload := filepath.Join("testdata", "demo", "flags.json")
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"scan", dir}, exitUsage},
		{[]string{"scan", "--format", "json", dir}, exitUsage},
		{[]string{"scan", "--allow-partial", dir}, exitOK},
		{[]string{"check", "--payload", payload, dir}, exitUsage},
		{[]string{"check", "--payload", payload, "--allow-partial", "--fail-on", "never", dir}, exitOK},
		{[]string{"check", "--payload", payload, "--allow-partial", dir}, exitFindings},
	} {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"ldfallback"}, tc.args...), strings.NewReader(""), &stdout, &stderr)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d; stderr:\n%s", tc.args, code, tc.code, stderr.String())
		}
		if !strings.Contains(stdout.String(), "checkout-api") {
			t.Errorf("%v: the readable part is not reported:\n%s", tc.args, stdout.String())
		}
		if tc.code == exitUsage && !strings.Contains(stderr.String(), "the scan is incomplete: 1 path(s) of the tree could not be read") {
			t.Errorf("%v: stderr does not say the scan is incomplete:\n%s", tc.args, stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	run([]string{"ldfallback", "check", "--format", "json", "--payload", payload, dir}, strings.NewReader(""), &stdout, &stderr)
	if !strings.Contains(stdout.String(), `"unreadable": 1`) {
		t.Errorf("check JSON summary has no unreadable count:\n%s", stdout.String())
	}
}

func TestReportProblemsSummarises(t *testing.T) {
	var problems []scanner.Problem
	for i := range 3000 {
		problems = append(problems, scanner.Problem{File: fmt.Sprintf("d/f%d.py", i), Msg: fmt.Sprintf("open d/f%d.py: too many open files", i), Unreadable: true})
	}
	problems = append(problems, scanner.Problem{File: "x\n::error::y.py", Msg: "open x\n::error::y.py: file name too long"})
	var out bytes.Buffer
	reportProblems(&out, problems)
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != maxProblemLines+1 {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), maxProblemLines+1, out.String())
	}
	want := "ldfallback: warning: 2991 more problems not shown (scan --format json lists them): 2990 × too many open files, 1 × file name too long"
	if lines[len(lines)-1] != want {
		t.Errorf("summary line\n got %q\nwant %q", lines[len(lines)-1], want)
	}
}

// A module whose dependencies are not downloaded fails every package in
// go/packages: one line says so, instead of ten lines and a summary whose
// causes were fragments of the messages (`"") (and 126 more)`).
func TestReportProblemsGoPackages(t *testing.T) {
	var problems []scanner.Problem
	for i := range 40 {
		problems = append(problems, scanner.Problem{File: fmt.Sprintf("pkg/p%d", i), Msg: fmt.Sprintf("go/packages: package example.com/m/pkg/p%d not type-checked (left to tree-sitter): a dependency has errors", i)})
	}
	problems = append(problems,
		scanner.Problem{File: "cmd/main.go", Msg: `go/packages: package example.com/m/cmd not type-checked (left to tree-sitter): could not import github.com/spf13/cobra (invalid package name: "") (and 126 more)`},
		scanner.Problem{File: "big.js", Msg: "open big.js: permission denied", Unreadable: true})
	var out bytes.Buffer
	reportProblems(&out, problems)
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2 (the Go summary and the unreadable file):\n%s", len(lines), out.String())
	}
	if !strings.Contains(lines[0], "could not type-check 41 Go packages") || !strings.Contains(lines[0], "First: cmd/main.go: package example.com/m/cmd") {
		t.Errorf("Go summary line: %q", lines[0])
	}
	if lines[1] != "ldfallback: warning: big.js: open big.js: permission denied" {
		t.Errorf("other problem: %q", lines[1])
	}
	for _, tc := range []struct{ msg, cause string }{
		{`go/packages: package a/b not type-checked (left to tree-sitter): could not import x (invalid package name: "") (and 3 more)`, `could not import x (invalid package name: "")`},
		{"open d/(x).py: too many open files", "too many open files"},
	} {
		if got := problemCause(tc.msg); got != tc.cause {
			t.Errorf("problemCause(%q) = %q, want %q", tc.msg, got, tc.cause)
		}
	}
}
