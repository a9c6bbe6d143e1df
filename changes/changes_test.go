package changes

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// lines lists the changed lines of every file, "file:line", sorted by file then line.
func lines(s *Set) []string {
	var out []string
	for _, f := range s.Files() {
		if s.whole[f] {
			out = append(out, f+":*")
			continue
		}
		for l := 1; l <= 200; l++ {
			if s.lines[f][l] {
				out = append(out, f+":"+strconv.Itoa(l))
			}
		}
	}
	return out
}

func TestParsePatch(t *testing.T) {
	tests := []struct {
		name  string
		patch string
		want  []string
	}{
		{"git diff with context", `diff --git a/src/app.ts b/src/app.ts
index 1111111..2222222 100644
--- a/src/app.ts
+++ b/src/app.ts
@@ -1,5 +1,6 @@
 import x from 'y';
-const a = client.variation('k', ctx, true);
+const a = client.variation('k', ctx, false);
+const b = client.variation('j', ctx, 1);
 one
 two
 three
@@ -40,2 +41,2 @@ function f() {
 ctx
-old
+new
`, []string{"src/app.ts:2", "src/app.ts:3", "src/app.ts:42"}},
		{"zero context, several files, new and deleted", `diff --git a/a.go b/a.go
--- a/a.go
+++ b/a.go
@@ -3 +3 @@ func main() {
-	x := 1
+	x := 2
@@ -10,0 +11,2 @@ func g() {
+	y
+	z
diff --git a/gone.py b/gone.py
deleted file mode 100644
--- a/gone.py
+++ /dev/null
@@ -1,2 +0,0 @@
-a
-b
diff --git a/new.rb b/new.rb
new file mode 100644
--- /dev/null
+++ b/new.rb
@@ -0,0 +1,2 @@
+x
+y
`, []string{"a.go:3", "a.go:11", "a.go:12", "new.rb:1", "new.rb:2"}},
		{"content lines that look like headers", `--- a/x.txt
+++ b/x.txt
@@ -1,2 +1,2 @@
---- not a header
+++++ not a header either
 keep
`, []string{"x.txt:1"}},
		{"diff -u without prefixes, timestamps after a tab", "--- lib/old.js\t2026-01-01 00:00:00\n+++ lib/new.js\t2026-01-02 00:00:00\n@@ -1 +1 @@\n-a\n+b\n",
			[]string{"lib/new.js:1"}},
		{"no-prefix git diff keeps a real b/ directory", "--- b/x.go\n+++ b/x.go\n@@ -1 +1 @@\n-a\n+b\n", []string{"b/x.go:1"}},
		{"quoted path", "--- \"a/sp\\303\\251cial.ts\"\n+++ \"b/sp\\303\\251cial.ts\"\n@@ -1 +1 @@\n-a\n+b\n", []string{"spécial.ts:1"}},
		{"no newline marker and CRLF", "--- a/w.cs\r\n+++ b/w.cs\r\n@@ -1 +1 @@\r\n-a\r\n\\ No newline at end of file\r\n+b\r\n\\ No newline at end of file\r\n", []string{"w.cs:1"}},
		{"empty patch", "", nil},
		{"rename only", "diff --git a/x b/y\nsimilarity index 100%\nrename from x\nrename to y\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParsePatch(strings.NewReader(tt.patch), "p.diff")
			if err != nil {
				t.Fatal(err)
			}
			if got := lines(s); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParsePatchErrors(t *testing.T) {
	tests := []struct{ name, patch, want string }{
		{"truncated hunk", "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n", "p.diff:4: the patch ends inside a hunk"},
		{"hunk before header", "@@ -1 +1 @@\n-a\n+b\n", "p.diff:1: hunk before any +++ file header"},
		{"bad header", "--- a/x\n+++ b/x\n@@ -1 +x @@\n", "p.diff:3: malformed hunk header"},
		{"too many added lines", "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n+c\n", ""}, // +c after the hunk closed is a preamble line
		{"garbage in hunk", "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n?\n", "p.diff:5: hunk ends before its header's line counts"},
		{"escaping path", "--- a/x\n+++ b/../../etc/passwd\n@@ -1 +1 @@\n-a\n+b\n", `p.diff:2: path "../../etc/passwd" is outside the tree`},
		{"huge line numbers", "--- a/x\n+++ b/x\n@@ -1 +99999999999,1 @@\n", "p.diff:3: malformed hunk header"},
		{"combined diff", "--- a/x\n+++ b/x\n@@@ -1 -1 +1 @@@\n", "p.diff:3: combined (merge) diffs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePatch(strings.NewReader(tt.patch), "p.diff")
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error %v, want prefix %q", err, tt.want)
			}
		})
	}
}

func FuzzParsePatch(f *testing.F) {
	f.Add("--- a/x\n+++ b/x\n@@ -1,2 +1,3 @@\n a\n-b\n+c\n+d\n")
	f.Add("--- /dev/null\n+++ b/n\n@@ -0,0 +1 @@\n+x\n\\ No newline at end of file\n")
	f.Add("--- \"a/q\\t\"\n+++ \"b/q\\t\"\n@@ -3 +3 @@ ctx\n-a\n+b\n")
	f.Fuzz(func(t *testing.T, patch string) {
		s, err := ParsePatch(strings.NewReader(patch), "fuzz")
		if err != nil {
			return
		}
		for _, file := range s.Files() {
			if strings.HasPrefix(file, "../") || strings.HasPrefix(file, "/") || file == ".." {
				t.Fatalf("path outside the tree: %q", file)
			}
		}
	})
}

func run(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, out)
	}
}

func write(t *testing.T, file, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFromRev(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	run(t, dir, "git", "init", "-q", "-b", "main")
	// A user's diff settings must not change what is read.
	run(t, dir, "git", "config", "diff.noprefix", "true")
	run(t, dir, "git", "config", "diff.mnemonicPrefix", "true")
	write(t, filepath.Join(dir, "src/a.ts"), "1\n2\n3\n4\n5\n")
	write(t, filepath.Join(dir, "src/b.ts"), "1\n2\n")
	write(t, filepath.Join(dir, ".gitignore"), "build/\n")
	run(t, dir, "git", "add", ".")
	run(t, dir, "git", "commit", "-q", "-m", "base")
	run(t, dir, "git", "tag", "base")

	write(t, filepath.Join(dir, "src/a.ts"), "1\nTWO\n3\n4\n5\n") // committed change
	run(t, dir, "git", "commit", "-q", "-am", "change a")
	write(t, filepath.Join(dir, "src/b.ts"), "1\n2\n3\n")              // unstaged change
	write(t, filepath.Join(dir, "src/new.ts"), "x\n")                  // untracked
	write(t, filepath.Join(dir, "build/out.ts"), "ignored\n")          // ignored
	write(t, filepath.Join(dir, "src/a.ts"), "1\nTWO\n3\n4\n5\nSIX\n") // unstaged on top of committed

	s, err := FromRev(dir, "base")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"src/a.ts:2", "src/a.ts:6", "src/b.ts:3", "src/new.ts:*"}
	if got := lines(s); !reflect.DeepEqual(got, want) {
		t.Errorf("from the root: got %q, want %q", got, want)
	}
	if !s.Has("./src/a.ts", 2) || s.Has("src/a.ts", 1) || s.Has("build/out.ts", 1) {
		t.Error("Has disagrees with the set")
	}

	// From a subdirectory, paths are relative to it (where finding paths are too).
	s, err = FromRev(filepath.Join(dir, "src"), "base")
	if err != nil {
		t.Fatal(err)
	}
	want = []string{"a.ts:2", "a.ts:6", "b.ts:3", "new.ts:*"}
	if got := lines(s); !reflect.DeepEqual(got, want) {
		t.Errorf("from src/: got %q, want %q", got, want)
	}

	for _, rev := range []string{"nope", "--output=/tmp/x", ""} {
		if _, err := FromRev(dir, rev); err == nil || !strings.Contains(err.Error(), "--new-from-rev") {
			t.Errorf("FromRev(%q): error %v, want a --new-from-rev error", rev, err)
		}
	}
	if _, err := FromRev(t.TempDir(), "HEAD"); err == nil {
		t.Error("FromRev outside a repository: no error")
	}
}
