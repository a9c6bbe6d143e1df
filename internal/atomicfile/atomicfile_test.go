package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestWriteReplacesAndKeepsMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f.json")
	if err := os.WriteFile(p, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "new" {
		t.Fatalf("content = %q", got)
	}
	fi, _ := os.Stat(p)
	if fi.Mode().Perm() != 0o640 {
		t.Fatalf("mode = %v, want 0640", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temp files left behind: %v", entries)
	}
}

func TestWriteFailureLeavesTargetUntouched(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub")
	if err := os.Mkdir(p, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("x"), 0o644); err == nil {
		t.Fatal("writing over a directory succeeded")
	}
	if fi, err := os.Stat(p); err != nil || !fi.IsDir() {
		t.Fatalf("target changed: %v %v", fi, err)
	}
	if err := Write(filepath.Join(dir, "missing", "f"), []byte("x"), 0o644); err == nil {
		t.Fatal("writing into a missing directory succeeded")
	}
}

func TestCreateSetsModeAndKeepsOldFileOnError(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cache")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Create(p, 0o600, func(w io.Writer) error {
		w.Write([]byte("half"))
		return errors.New("fill failed")
	})
	if err == nil {
		t.Fatal("a failed fill reported success")
	}
	if got, _ := os.ReadFile(p); string(got) != "old" {
		t.Fatalf("old file changed: %q", got)
	}
	if err := Create(p, 0o600, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	if got, _ := os.ReadFile(p); string(got) != "new" || fi.Mode().Perm() != 0o600 {
		t.Fatalf("content %q mode %v, want new 0600", got, fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Fatalf("temp files left behind: %v", entries)
	}
}

// TestWriteSymlinkKeepsLink: a symlinked output is written through: the
// target gets the content atomically and the link stays a link.
func TestWriteSymlinkKeepsLink(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "real")
	os.Mkdir(other, 0o755)
	target := filepath.Join(other, "out.json")
	os.WriteFile(target, []byte("old"), 0o640)
	link := filepath.Join(dir, "link.json")
	os.Symlink("real/out.json", link)
	dangling := filepath.Join(dir, "dangling.json")
	os.Symlink("real/new.json", dangling)
	for _, l := range []string{link, dangling} {
		if err := Write(l, []byte("new"), 0o644); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Lstat(l); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symlink: %v %v", l, fi.Mode(), err)
		}
		if got, _ := os.ReadFile(l); string(got) != "new" {
			t.Errorf("%s reads %q", l, got)
		}
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o640 {
		t.Errorf("target mode %v", fi.Mode().Perm())
	}
}

// TestWriteSpecialFiles: /dev/null, a FIFO and /dev/stdout-like links into
// /proc are written directly, never replaced by a regular file.
func TestWriteSpecialFiles(t *testing.T) {
	if err := Write("/dev/null", []byte("x"), 0o644); err != nil {
		t.Errorf("/dev/null: %v", err)
	}
	if fi, err := os.Lstat("/dev/null"); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a device: %v", fi.Mode())
	}

	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	got := make(chan string)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- string(b)
	}()
	if err := Write(fifo, []byte("through the pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("the reader got %q", s)
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", fi.Mode())
	}

	// "generate -o /dev/stdout > file": /dev/stdout is a link to
	// /proc/self/fd/1, whose target is the redirected file.
	out := filepath.Join(dir, "redirected")
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stdout := filepath.Join(dir, "stdout")
	os.Symlink(fmt.Sprintf("/proc/self/fd/%d", f.Fd()), stdout)
	if err := Write(stdout, []byte("generated"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(stdout); fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the /dev/stdout-like link was replaced by a %v", fi.Mode())
	}
	if b, _ := os.ReadFile(out); string(b) != "generated" {
		t.Errorf("the redirected file holds %q", b)
	}
}

// TestWriteHardLinks: a file with several links is rewritten in place, so
// every name sees the new content, and keeps its inode.
func TestWriteHardLinks(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.WriteFile(a, []byte("old content"), 0o644)
	if err := os.Link(a, b); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(a)
	if err := Write(a, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(b); string(got) != "new" {
		t.Errorf("the other link reads %q", got)
	}
	after, _ := os.Stat(a)
	if !os.SameFile(before, after) {
		t.Errorf("the links were split")
	}
}

// TestWriteKeepsOwner: as root, the rewritten file keeps its owner.
func TestWriteKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file away")
	}
	p := filepath.Join(t.TempDir(), "f")
	os.WriteFile(p, []byte("old"), 0o644)
	if err := os.Chown(p, 4321, 4322); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	st := fi.Sys().(*syscall.Stat_t)
	if st.Uid != 4321 || st.Gid != 4322 {
		t.Errorf("owner %d:%d, want 4321:4322", st.Uid, st.Gid)
	}
}

// TestStaleTempFilesRemoved: temp files of ours older than StaleAfter (a
// kill -9 mid-write) go at the next write into the directory; recent ones,
// and anything not ours, stay.
func TestStaleTempFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-2 * StaleAfter)
	files := map[string]bool{ // name → removed
		".out.json.ldfallback-tmp-0123abcd":   true,
		".other.ldfallback-tmp-99":            true,
		".out.json.tmp-123456":                true, // earlier versions' pattern, same target
		".other.json.tmp-123456":              false,
		"notours.ldfallback-tmp-1":            false, // not hidden
		".x.ldfallback-tmp-zz":                false, // not our suffix
		".fresh.json.ldfallback-tmp-01234567": false, // recent: maybe a write in progress
	}
	for name := range files {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte("partial"), 0o600)
		if name != ".fresh.json.ldfallback-tmp-01234567" {
			os.Chtimes(p, old, old)
		}
	}
	if err := Write(filepath.Join(dir, "out.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, removed := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if removed != errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: removed %v, want %v", name, !removed, removed)
		}
	}
}
