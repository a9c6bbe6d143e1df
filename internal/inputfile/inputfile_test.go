package inputfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	os.WriteFile(small, []byte("hello"), 0o644)
	big := filepath.Join(dir, "big")
	os.WriteFile(big, bytes.Repeat([]byte("x"), 2000), 0o644)
	link := filepath.Join(dir, "link")
	os.Symlink("small", link)
	zero := filepath.Join(dir, "zero")
	os.Symlink("/dev/zero", zero)
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want string // content, or the error text
		ok   bool
	}{
		{small, "hello", true},
		{link, "hello", true},
		{big, "read " + big + ": larger than the limit of 1 KiB", false},
		{zero, "read " + zero + ": not a regular file (a character device)", false},
		{fifo, "read " + fifo + ": not a regular file (a named pipe)", false},
		{dir, "read " + dir + ": not a regular file (a directory)", false},
		{filepath.Join(dir, "missing"), "no such file", false},
	} {
		done := make(chan struct{})
		var got []byte
		var err error
		go func() { got, err = ReadFile(tc.path, 1024); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: ReadFile blocked", tc.path)
		}
		if tc.ok {
			if err != nil || string(got) != tc.want {
				t.Errorf("%s: got %q, %v", tc.path, got, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got error %v, want %q", tc.path, err, tc.want)
		}
	}
	_, err := ReadFile(filepath.Join(dir, "missing"), 10)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v is not fs.ErrNotExist", err)
	}
	_, err = ReadFile(big, 1024)
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != 1024 {
		t.Errorf("big file: %v is not a *LimitError", err)
	}
}

func TestReadAll(t *testing.T) {
	for _, n := range []int{0, 1, 1023, 1024, 1025, 300 << 10} {
		in := bytes.Repeat([]byte("ab"), n)[:n]
		got, err := ReadAll(bytes.NewReader(in), "stdin", 1024, "raise it with --max-payload-size")
		if n <= 1024 {
			if err != nil || !bytes.Equal(got, in) {
				t.Errorf("%d bytes: got %d bytes, %v", n, len(got), err)
			}
			continue
		}
		if err == nil || err.Error() != "read stdin: larger than the limit of 1 KiB (raise it with --max-payload-size)" {
			t.Errorf("%d bytes: error %v", n, err)
		}
	}
	// A large input crosses several blocks and comes back whole.
	in := bytes.Repeat([]byte("0123456789"), 1<<20)
	got, over, err := ReadBounded(bytes.NewReader(in), int64(len(in)))
	if err != nil || over || !bytes.Equal(got, in) {
		t.Errorf("10 MiB: %d bytes, over %v, %v", len(got), over, err)
	}
	if _, over, _ := ReadBounded(bytes.NewReader(in), int64(len(in))-1); !over {
		t.Errorf("10 MiB with a limit one byte short: not over")
	}
}

func TestSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{{"1GiB", 1 << 30}, {"512MiB", 512 << 20}, {"100MB", 100 << 20}, {"64k", 64 << 10}, {"1048576", 1 << 20}, {" 2 GB ", 2 << 30}} {
		got, err := ParseSize(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "0", "-1", "1TB", "abc", "1.5GiB", "99999999999999999999"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q): no error", bad)
		}
	}
	for n, want := range map[int64]string{1 << 30: "1 GiB", 16 << 20: "16 MiB", 1536: "1536 bytes" /* not a whole KiB */, 3 << 10: "3 KiB", 7: "7 bytes"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"1GiB", "512MiB", "64k", "1", "9223372036854775807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseSize(s)
		if err == nil && n <= 0 {
			t.Errorf("ParseSize(%q) = %d with no error", s, n)
		}
	})
}

// FuzzReadAll: any input within the limit comes back whole; anything longer
// is a *LimitError, whatever the block boundaries.
func FuzzReadAll(f *testing.F) {
	f.Add([]byte("{}"), uint16(2))
	f.Add([]byte("0123456789"), uint16(9))
	f.Add([]byte(""), uint16(0))
	f.Fuzz(func(t *testing.T, data []byte, limit uint16) {
		got, err := ReadAll(bytes.NewReader(data), "stdin", int64(limit), "")
		if len(data) <= int(limit) {
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("%d bytes, limit %d: %d bytes back, %v", len(data), limit, len(got), err)
			}
			return
		}
		var le *LimitError
		if !errors.As(err, &le) || got != nil {
			t.Fatalf("%d bytes, limit %d: %v", len(data), limit, err)
		}
	})
}
