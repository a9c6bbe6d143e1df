//go:build !unix

package scanner

import "os"

// rawFile is an *os.File where plain system calls are not used (read_unix.go).
type rawFile struct{ f *os.File }

func openRead(name string) (rawFile, int64, error) {
	f, err := os.Open(name)
	if err != nil {
		return rawFile{}, 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return rawFile{}, 0, err
	}
	return rawFile{f}, fi.Size(), nil
}

func (f rawFile) read(p []byte) (int, error) { return f.f.Read(p) }

func (f rawFile) close() { f.f.Close() }
