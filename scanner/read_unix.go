//go:build unix

package scanner

import (
	"io"
	"os"
	"syscall"
)

// rawFile is a file opened for one sequential read with plain system calls:
// open, fstat, read until EOF, close. An *os.File also registers with the
// runtime's poller (which refuses regular files) and checks the descriptor's
// flags; on a tree of small files that doubled the system calls.
type rawFile struct{ fd int }

func openRead(name string) (rawFile, int64, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return rawFile{}, 0, &os.PathError{Op: "open", Path: name, Err: err}
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		syscall.Close(fd)
		return rawFile{}, 0, &os.PathError{Op: "stat", Path: name, Err: err}
	}
	return rawFile{fd}, st.Size, nil
}

func (f rawFile) read(p []byte) (int, error) {
	for {
		n, err := syscall.Read(f.fd, p)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, err
		case n == 0 && len(p) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f rawFile) close() { syscall.Close(f.fd) }
