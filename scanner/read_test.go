package scanner

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// extractor.read returns the whole file however its size compares with the
// reused buffer, refuses files over the limit, and reads to EOF a file that
// reports no size (procfs).
func TestExtractorRead(t *testing.T) {
	dir := t.TempDir()
	e := newExtractor()
	defer e.close()
	for _, n := range []int{0, 1, 100, 64 << 10, 64<<10 + 1, 300 << 10} {
		want := bytes.Repeat([]byte("ab\n"), n/3+1)[:n]
		p := filepath.Join(dir, "f")
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := e.read(p, 1<<20)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("size %d: got %d bytes, %v", n, len(got), err)
		}
	}
	if _, err := e.read(filepath.Join(dir, "f"), 1000); err != errHuge {
		t.Errorf("over the limit: %v, want errHuge", err)
	}
	if _, err := e.read(filepath.Join(dir, "missing"), 1000); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v, want not exist", err)
	}
	if runtime.GOOS == "linux" {
		got, err := e.read("/proc/self/status", 1<<20)
		if err != nil || !bytes.Contains(got, []byte("Name:")) {
			t.Errorf("/proc/self/status (size 0): %q, %v", got, err)
		}
	}
}
