package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// A replaced file keeps its extended attributes (ACLs, SELinux labels, user.*):
// the rename of a fresh temp file dropped them.
func TestWriteKeepsXattrs(t *testing.T) {
	p := filepath.Join(t.TempDir(), "flags.py")
	if err := os.WriteFile(p, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := unix.Setxattr(p, "user.ldfallback-test", []byte("kept"), 0); err != nil {
		if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EPERM) {
			t.Skipf("no user xattrs on this filesystem: %v", err)
		}
		t.Fatal(err)
	}
	if err := Write(p, []byte("new\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	n, err := unix.Getxattr(p, "user.ldfallback-test", buf)
	if err != nil {
		t.Fatalf("xattr lost: %v", err)
	}
	if got := string(buf[:n]); got != "kept" {
		t.Errorf("xattr = %q, want kept", got)
	}
	if data, _ := os.ReadFile(p); string(data) != "new\n" {
		t.Errorf("content %q", data)
	}
}
