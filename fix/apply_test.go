package fix

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/scanner"
)

// planIn plans the main.go hand case for the file at rel under dir.
func planIn(t *testing.T, dir, rel string) []Edit {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	calls := handCalls(t, filepath.ToSlash(rel), "go", src, handCases[0].sites[:1])
	report := check.Check(answers(), &scanner.Result{Calls: calls}, check.Options{})
	edits, _ := Plan(report.Findings, calls)
	if len(edits) != 1 {
		t.Fatalf("%d edits", len(edits))
	}
	return edits
}

// TestApplyRefusesSymlinkSwap: a directory of the tree swapped for a symlink
// to a directory outside it, between the scan (plan) and the write, is not
// followed: the file outside stays as it was.
func TestApplyRefusesSymlinkSwap(t *testing.T) {
	for _, swapAt := range []string{"before apply", "between read and write"} {
		t.Run(swapAt, func(t *testing.T) {
			dir := t.TempDir()
			outside := t.TempDir()
			src, _ := os.ReadFile(filepath.Join(fixtures, "main.go"))
			os.Mkdir(filepath.Join(dir, "pkg"), 0o755)
			os.WriteFile(filepath.Join(dir, "pkg", "main.go"), src, 0o644)
			edits := planIn(t, dir, "pkg/main.go")

			// The same file outside, so every span check would pass there.
			os.Mkdir(filepath.Join(outside, "pkg"), 0o755)
			victim := filepath.Join(outside, "pkg", "main.go")
			os.WriteFile(victim, src, 0o644)
			swap := func() {
				if err := os.Rename(filepath.Join(dir, "pkg"), filepath.Join(dir, "pkg.old")); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(filepath.Join(outside, "pkg"), filepath.Join(dir, "pkg")); err != nil {
					t.Fatal(err)
				}
			}
			if swapAt == "before apply" {
				swap()
			} else {
				old := writeIn
				writeIn = func(r *os.Root, name string, data []byte, perm os.FileMode) error {
					swap()
					return old(r, name, data, perm)
				}
				defer func() { writeIn = old }()
			}
			out, err := Apply(dir, edits, false, nil)
			if got, _ := os.ReadFile(victim); !bytes.Equal(got, src) {
				t.Fatal("--fix wrote outside the tree")
			}
			if swapAt == "before apply" {
				if err != nil || len(out.Applied) != 0 || len(out.Skipped) != 1 || !strings.Contains(out.Skipped[0].Reason, "leads outside the scanned tree") {
					t.Fatalf("applied %v, skipped %v, err %v", out.Applied, out.Skipped, err)
				}
				return
			}
			var we *WriteError
			if !errors.As(err, &we) || len(out.Failed) != 1 || !strings.Contains(err.Error(), "pkg/main.go: its directory now leads outside the scanned tree") {
				t.Fatalf("err %v, failed %v", err, out.Failed)
			}
		})
	}
}

// TestApplyGoesOnAfterAFailedWrite: one file that cannot be written does
// not stop the others; the result lists both.
func TestApplyGoesOnAfterAFailedWrite(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile(filepath.Join(fixtures, "main.go"))
	var edits []Edit
	for _, name := range []string{"a.go", "b.go", "c.go"} {
		os.WriteFile(filepath.Join(dir, name), src, 0o644)
		edits = append(edits, planIn(t, dir, name)...)
	}
	old := writeIn
	writeIn = func(r *os.Root, name string, data []byte, perm os.FileMode) error {
		if name == "b.go" {
			return errors.New("disk full")
		}
		return old(r, name, data, perm)
	}
	defer func() { writeIn = old }()
	out, err := Apply(dir, edits, false, nil)
	if err == nil || err.Error() != "could not write 1 file(s): b.go: disk full" {
		t.Fatalf("err %v", err)
	}
	if strings.Join(out.Files, ",") != "a.go,c.go" || len(out.Failed) != 1 || out.Failed[0].File != "b.go" {
		t.Fatalf("files %v, failed %v", out.Files, out.Failed)
	}
	for name, changed := range map[string]bool{"a.go": true, "b.go": false, "c.go": true} {
		got, _ := os.ReadFile(filepath.Join(dir, name))
		if !bytes.Equal(got, src) != changed {
			t.Errorf("%s: changed %v, want %v", name, !changed, changed)
		}
	}
}

// TestApplyKeepsHardLinks: a fixed file with another link is rewritten in
// place, so both names see the fix.
func TestApplyKeepsHardLinks(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile(filepath.Join(fixtures, "main.go"))
	os.WriteFile(filepath.Join(dir, "main.go"), src, 0o644)
	if err := os.Link(filepath.Join(dir, "main.go"), filepath.Join(dir, "other.go")); err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(dir, planIn(t, dir, "main.go"), false, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "other.go")); bytes.Equal(got, src) {
		t.Error("the other link still has the old content")
	}
}

// TestApplyWithinRoots: a file outside every scanned PATH is not touched.
func TestApplyWithinRoots(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile(filepath.Join(fixtures, "main.go"))
	os.Mkdir(filepath.Join(dir, "scanned"), 0o755)
	os.WriteFile(filepath.Join(dir, "main.go"), src, 0o644)
	out, err := ApplyWithin(dir, []string{filepath.Join(dir, "scanned")}, planIn(t, dir, "main.go"), false, nil)
	if err != nil || len(out.Skipped) != 1 || !strings.Contains(out.Skipped[0].Reason, "outside the scanned paths") {
		t.Fatalf("skipped %v, err %v", out.Skipped, err)
	}
}
