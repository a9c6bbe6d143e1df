package fetch

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/ldfallback/ldfallback/internal/atomicfile"
)

// cacheFormat marks the first line of an ETag cache file. The file is that
// line (JSON metadata), a newline, then the body bytes exactly as received
// (after gzip decoding). It holds no credential: entries are keyed by URL,
// and an ETag identifies a representation, so another environment's data
// cannot be served from it by a 304.
const cacheFormat = "ldfallback-etag-cache/1"

type cacheMeta struct {
	Format string `json:"format"`
	URL    string `json:"url"` // redacted request URL the entry was fetched from
	ETag   string `json:"etag"`
	Length int64  `json:"length"`
	SHA256 string `json:"sha256"`
}

// maxCacheHeader bounds the metadata line (the read buffer size) so a
// garbage file is rejected without reading it all into memory.
const maxCacheHeader = 64 << 10

var errCacheCorrupt = errors.New("corrupt")

// readCacheMeta reads and verifies the cache file (length and SHA-256 of the
// body), streaming it so the body is not held in memory: it is read again
// only if the server answers 304. A missing file is (nil, nil).
func readCacheMeta(path string, maxBody int64) (*cacheMeta, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// A symlink to /dev/zero would be read forever, a huge file for nothing.
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: not a regular file", errCacheCorrupt)
	}
	if fi.Size() > maxBody+maxCacheHeader {
		return nil, fmt.Errorf("%w: larger than the payload limit of %s", errCacheCorrupt, sizeString(maxBody))
	}
	meta, err := readCacheFrom(f, io.Discard)
	return meta, err
}

// readCacheBody returns the body of the cache file if it still matches want.
func readCacheBody(path string, want *cacheMeta) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	buf.Grow(int(min(want.Length, 1<<30)))
	meta, err := readCacheFrom(f, &buf)
	if err != nil {
		return nil, err
	}
	if *meta != *want {
		return nil, fmt.Errorf("%w: changed since it was first read", errCacheCorrupt)
	}
	return buf.Bytes(), nil
}

func readCacheFrom(r io.Reader, body io.Writer) (*cacheMeta, error) {
	br := bufio.NewReaderSize(r, maxCacheHeader)
	line, err := br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("%w: header line too long", errCacheCorrupt)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: no header line", errCacheCorrupt)
	}
	var meta cacheMeta
	if err := json.Unmarshal(line, &meta); err != nil {
		return nil, fmt.Errorf("%w: unreadable header", errCacheCorrupt)
	}
	if meta.Format != cacheFormat {
		return nil, fmt.Errorf("%w: not an ldfallback ETag cache (format %q)", errCacheCorrupt, meta.Format)
	}
	if meta.ETag == "" || meta.Length < 0 {
		return nil, fmt.Errorf("%w: incomplete header", errCacheCorrupt)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(h, body), br)
	if err != nil {
		return nil, err
	}
	if n != meta.Length {
		return nil, fmt.Errorf("%w: body is %d bytes, header says %d", errCacheCorrupt, n, meta.Length)
	}
	if hex.EncodeToString(h.Sum(nil)) != meta.SHA256 {
		return nil, fmt.Errorf("%w: checksum mismatch", errCacheCorrupt)
	}
	return &meta, nil
}

// writeCache replaces the cache file atomically, mode 0600. On any error the
// old file is left as it was.
func writeCache(path, url, etag string, body []byte) error {
	sum := sha256.Sum256(body)
	head, err := json.Marshal(cacheMeta{
		Format: cacheFormat,
		URL:    url,
		ETag:   etag,
		Length: int64(len(body)),
		SHA256: hex.EncodeToString(sum[:]),
	})
	if err != nil {
		return err
	}
	// Mode 0600 whatever the old file had: the body is the environment's flag data.
	return atomicfile.Create(path, 0o600, func(w io.Writer) error {
		w.Write(head)
		w.Write([]byte{'\n'})
		_, err := w.Write(body)
		return err
	})
}
