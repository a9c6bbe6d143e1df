// Package inputfile reads the files ldfallback takes as input (config,
// .gitignore, payload snapshots, baselines, jq programs) with a size limit,
// refusing anything that is not a regular file. A file in the scanned tree
// or named by a pull request can be a symlink to /dev/zero or a FIFO; read
// whole, it would run the process out of memory or hang it.
//
// In: a path (or a reader, for stdin) and a limit in bytes. Out: the bytes,
// or an *fs.PathError whose Err is *LimitError or ErrNotRegular, so callers
// that already drop the PathError's "open path:" prefix word it as one line.
package inputfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// Limits for each kind of input. Config-like files are written by hand and
// small; data files grow with the number of flags.
const (
	// ConfigLimit bounds .ldfallback.yaml, --config, .gitignore files and --jq programs.
	ConfigLimit int64 = 16 << 20
	// DataLimit bounds fallback-config.json (also --from-config) and --baseline files.
	DataLimit int64 = 256 << 20
	// PayloadLimit is the default of --max-payload-size: a payload file, stdin or fetched body.
	PayloadLimit int64 = 1 << 30
)

// ErrNotRegular is the Err of the *fs.PathError returned for a device, FIFO,
// socket or directory where a regular file is expected.
var ErrNotRegular = errors.New("not a regular file")

// LimitError is the Err of the *fs.PathError returned for an input larger
// than its limit.
type LimitError struct {
	Limit int64
	// Hint says how to raise the limit ("raise it with --max-payload-size"), or "".
	Hint string
}

func (e *LimitError) Error() string {
	s := "larger than the limit of " + FormatSize(e.Limit)
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// ReadFile reads the regular file at path (symlinks followed) whole, or
// fails with ErrNotRegular or a *LimitError inside an *fs.PathError.
func ReadFile(path string, limit int64) ([]byte, error) {
	return ReadFileHint(path, limit, "")
}

// ReadFileHint is ReadFile with a hint for the limit error.
func ReadFileHint(path string, limit int64, hint string) ([]byte, error) {
	f, size, err := open(path, limit, hint)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readSized(f, path, size, limit, hint)
}

// readSized reads a regular file of the given size (from its current
// offset) into one buffer of that size, still bounded if it grows.
func readSized(f *os.File, name string, size, limit int64, hint string) ([]byte, error) {
	if off, err := f.Seek(0, io.SeekCurrent); err == nil && off <= size {
		size -= off
	}
	if size > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &LimitError{limit, hint}}
	}
	var buf bytes.Buffer
	buf.Grow(int(size) + bytes.MinRead) // one allocation; room to notice a file that grew without regrowing
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if int64(buf.Len()) > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &LimitError{limit, hint}}
	}
	return buf.Bytes(), nil
}

// Check reports the error ReadFile would give for the file's kind and
// size, without reading it: for readers that open the file themselves and
// stream it.
func Check(path string, limit int64, hint string) error {
	f, _, err := open(path, limit, hint)
	if err != nil {
		return err
	}
	return f.Close()
}

// open opens path without blocking on a FIFO, and checks what it opened
// (not what the path named a moment before) is a regular file within limit.
func open(path string, limit int64, hint string) (*os.File, int64, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, 0, &fs.PathError{Op: "read", Path: path, Err: notRegular(fi.Mode())}
	}
	if fi.Size() > limit {
		f.Close()
		return nil, 0, &fs.PathError{Op: "read", Path: path, Err: &LimitError{limit, hint}}
	}
	return f, fi.Size(), nil
}

func notRegular(m fs.FileMode) error {
	kind := ""
	switch {
	case m.IsDir():
		kind = "a directory"
	case m&fs.ModeCharDevice != 0:
		kind = "a character device"
	case m&fs.ModeDevice != 0:
		kind = "a device"
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	default:
		return ErrNotRegular
	}
	return fmt.Errorf("%w (%s)", ErrNotRegular, kind)
}

// ReadAll reads r (stdin) whole, up to limit bytes; name names it in the
// error ("stdin").
func ReadAll(r io.Reader, name string, limit int64, hint string) ([]byte, error) {
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			// Stdin redirected from a file: its size is known, one allocation.
			return readSized(f, name, fi.Size(), limit, hint)
		}
	}
	var buf bytes.Buffer
	n, err := readChunks(&buf, r, limit)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if n > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &LimitError{limit, hint}}
	}
	return buf.Bytes(), nil
}

// readChunks reads up to limit+1 bytes of r into buf. It reads into a list
// of blocks and copies them once into a buffer of the exact size, so the
// peak is about twice the input, where bytes.Buffer's doubling would reach
// three times (the old buffer, the new one twice its size).
func readChunks(buf *bytes.Buffer, r io.Reader, limit int64) (int64, error) {
	var blocks [][]byte
	var total int64
	size := 64 << 10
	var err error
	for total <= limit {
		b := make([]byte, min(int64(size), limit+1-total))
		n, rerr := fill(r, b)
		if n > 0 {
			blocks = append(blocks, b[:n])
			total += int64(n)
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			err = rerr
			break
		}
		if size < 64<<20 {
			size *= 2
		}
	}
	if err != nil || total > limit {
		// Over the limit: the caller refuses it, so no copy.
		return total, err
	}
	buf.Grow(int(total))
	for i, b := range blocks {
		buf.Write(b)
		blocks[i] = nil
	}
	return total, nil
}

// fill reads into b until it is full or r fails; io.EOF is passed on as it
// is (io.ReadFull would turn it into io.ErrUnexpectedEOF, which a gzip
// reader also returns for a truncated stream).
func fill(r io.Reader, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := r.Read(b[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// ReadBounded is ReadAll for readers that are not stdin (a response body):
// it returns the bytes and whether r held more than limit; read errors are
// returned as they are, so the caller can word them.
func ReadBounded(r io.Reader, limit int64) (data []byte, over bool, err error) {
	var buf bytes.Buffer
	n, err := readChunks(&buf, r, limit)
	if err != nil {
		return nil, false, err
	}
	if n > limit {
		return nil, true, nil
	}
	return buf.Bytes(), false, nil
}

// FormatSize writes n in the largest binary unit that divides it ("16 MiB").
func FormatSize(n int64) string {
	for _, u := range []struct {
		shift int
		name  string
	}{{30, "GiB"}, {20, "MiB"}, {10, "KiB"}} {
		if n >= 1<<u.shift && n%(1<<u.shift) == 0 {
			return fmt.Sprintf("%d %s", n>>u.shift, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// ParseSize reads a size such as "1GiB", "512MiB", "100MB", "64k" or "1048576".
// Units are binary (KiB, MiB, GiB; K, M, G and KB, MB, GB mean the same).
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	num := strings.TrimRightFunc(t, func(r rune) bool { return r < '0' || r > '9' })
	unit := strings.ToLower(strings.TrimSpace(t[len(num):]))
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a size (use a positive number of bytes, or a unit: 512MiB, 2GiB)", s)
	}
	shift := 0
	switch unit {
	case "", "b":
	case "k", "kb", "kib":
		shift = 10
	case "m", "mb", "mib":
		shift = 20
	case "g", "gb", "gib":
		shift = 30
	default:
		return 0, fmt.Errorf("%q is not a size: unknown unit %q (use KiB, MiB or GiB)", s, unit)
	}
	if n > (1<<62)>>shift {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return n << shift, nil
}

// IsPipe reports whether path names a pipe (/dev/stdin in a pipeline, a
// shell's <(command)): a payload the user pipes in on purpose, read with
// ReadPipe. Anything else that is not a regular file is refused.
func IsPipe(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode()&fs.ModeNamedPipe != 0
}

// ReadPipe reads the pipe at path whole, up to limit bytes.
func ReadPipe(path string, limit int64, hint string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		return nil, &fs.PathError{Op: "read", Path: path, Err: ErrNotRegular}
	}
	return ReadAll(f, path, limit, hint)
}
