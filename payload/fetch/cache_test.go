package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// etagServer serves body with etag and answers 304 when If-None-Match
// matches; onNotModified runs before a 304 is sent.
func etagServer(t *testing.T, body, etag *string, onNotModified func()) *server {
	return newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == *etag {
			if onNotModified != nil {
				onNotModified()
			}
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", *etag)
		w.Write([]byte(*body))
	})
}

func TestETagCache(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "payload.cache")
	body, etag := flagsBody, `"v1"`
	s := etagServer(t, &body, &etag, nil)
	o := Options{BaseURI: s.URL, CacheFile: cache}

	// 1. No cache yet: a plain GET, then the cache is written, 0600.
	res := mustOK(t, fetch(t, nil, o))
	if res.FromCache || res.ETag != `"v1"` {
		t.Errorf("first fetch %+v", res)
	}
	st, err := os.Stat(cache)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("cache mode %v", st.Mode())
	}

	// 2. Same data: If-None-Match, 304, the cached body.
	out := fetch(t, nil, o)
	res = mustOK(t, out)
	if !res.FromCache || string(res.Body) != flagsBody || res.ETag != `"v1"` || res.Path != PathLatestAll {
		t.Errorf("second fetch %+v", res)
	}
	if got := s.requests()[1].Header.Get("If-None-Match"); got != `"v1"` {
		t.Errorf("If-None-Match %q", got)
	}
	if !strings.Contains(out.logText(), "not modified") {
		t.Errorf("logs %q", out.logs)
	}

	// 3. New data: a 200 replaces the cache.
	body, etag = `{"flags":{},"segments":{}}`, `"v2"`
	res = mustOK(t, fetch(t, nil, o))
	if res.FromCache || string(res.Body) != body {
		t.Errorf("third fetch %+v", res)
	}
	res = mustOK(t, fetch(t, nil, o))
	if !res.FromCache || string(res.Body) != body {
		t.Errorf("fourth fetch %+v", res)
	}

	// 4. Another base URI does not use this entry.
	s2 := etagServer(t, &body, &etag, nil)
	res = mustOK(t, fetch(t, nil, Options{BaseURI: s2.URL, CacheFile: cache}))
	if res.FromCache || s2.requests()[0].Header.Get("If-None-Match") != "" {
		t.Errorf("a cache entry for another URL was used")
	}

	// No temporary files are left next to the cache.
	entries, _ := os.ReadDir(filepath.Dir(cache))
	if len(entries) != 1 {
		t.Errorf("files in the cache directory: %v", entries)
	}
}

func TestETagCacheCorrupt(t *testing.T) {
	for name, content := range map[string]string{
		"empty":     "",
		"garbage":   "\x00\x01 not a cache",
		"other":     `{"format":"something-else/1","etag":"\"v1\""}` + "\n" + flagsBody,
		"truncated": "",
		"flipped":   "",
	} {
		t.Run(name, func(t *testing.T) {
			cache := filepath.Join(t.TempDir(), "c")
			body, etag := flagsBody, `"v1"`
			s := etagServer(t, &body, &etag, nil)
			o := Options{BaseURI: s.URL, CacheFile: cache}
			mustOK(t, fetch(t, nil, o))
			good, _ := os.ReadFile(cache)
			switch name {
			case "truncated":
				content = string(good[:len(good)-3])
			case "flipped":
				b := []byte(string(good))
				b[len(b)-2] ^= 0x20
				content = string(b)
			}
			if err := os.WriteFile(cache, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			out := fetch(t, nil, o)
			res := mustOK(t, out)
			if res.FromCache || string(res.Body) != flagsBody {
				t.Errorf("result %+v", res)
			}
			if inm := s.requests()[1].Header.Get("If-None-Match"); inm != "" {
				t.Errorf("sent If-None-Match %q from a corrupt cache", inm)
			}
			if !strings.Contains(out.logText(), "warning: ignoring the ETag cache") {
				t.Errorf("logs %q", out.logs)
			}
			// The cache was rewritten and is good again.
			if meta, err := readCacheMeta(cache, DefaultMaxBodyBytes); err != nil || meta == nil {
				t.Errorf("cache after rewrite: %v %v", meta, err)
			}
		})
	}
}

// TestETagCacheChangedBefore304: the file is damaged between reading its
// ETag and the 304; Fetch warns and fetches again without If-None-Match.
func TestETagCacheChangedBefore304(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "c")
	body, etag := flagsBody, `"v1"`
	damage := false
	s := etagServer(t, &body, &etag, func() {
		if damage {
			os.WriteFile(cache, []byte("broken"), 0o600)
		}
	})
	o := Options{BaseURI: s.URL, CacheFile: cache}
	mustOK(t, fetch(t, nil, o))
	damage = true
	out := fetch(t, nil, o)
	res := mustOK(t, out)
	if res.FromCache || string(res.Body) != flagsBody || len(s.requests()) != 3 {
		t.Errorf("result %+v after %d requests", res, len(s.requests()))
	}
	if !strings.Contains(out.logText(), "warning: ignoring the ETag cache") {
		t.Errorf("logs %q", out.logs)
	}
}

func TestETagCacheNoETag(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "c")
	s := newServer(t, reply(200, flagsBody))
	mustOK(t, fetch(t, nil, Options{BaseURI: s.URL, CacheFile: cache}))
	if _, err := os.Stat(cache); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("cache written for a response with no ETag: %v", err)
	}
}

func TestETagCacheUnwritable(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "missing-dir", "c")
	s := newServer(t, reply(200, flagsBody, "ETag", `"v1"`))
	out := fetch(t, nil, Options{BaseURI: s.URL, CacheFile: cache})
	mustOK(t, out)
	if !strings.Contains(out.logText(), "warning: could not write the ETag cache") {
		t.Errorf("logs %q", out.logs)
	}
}

func TestCacheRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c")
	body := []byte("{\"a\":\"line\nbreak\"}")
	if err := writeCache(path, "http://h/sdk/latest-all", "W/\"x\ny\"", body); err != nil {
		t.Fatal(err)
	}
	meta, err := readCacheMeta(path, DefaultMaxBodyBytes)
	if err != nil || meta.ETag != "W/\"x\ny\"" || meta.URL != "http://h/sdk/latest-all" || meta.Length != int64(len(body)) {
		t.Fatalf("meta %+v, %v", meta, err)
	}
	got, err := readCacheBody(path, meta)
	if err != nil || string(got) != string(body) {
		t.Fatalf("body %q, %v", got, err)
	}
	// A header line longer than the limit is rejected without reading on.
	os.WriteFile(path, []byte(strings.Repeat("x", maxCacheHeader+10)), 0o600)
	if _, err := readCacheMeta(path, DefaultMaxBodyBytes); !errors.Is(err, errCacheCorrupt) || !strings.Contains(err.Error(), "too long") {
		t.Errorf("long header: %v", err)
	}
	// A missing file is no cache and no error.
	if meta, err := readCacheMeta(filepath.Join(t.TempDir(), "none"), DefaultMaxBodyBytes); meta != nil || err != nil {
		t.Errorf("missing file: %v %v", meta, err)
	}
}

// TestCacheNotARegularFile: a cache path that is a symlink to /dev/zero is
// ignored with a warning at once, not read forever.
func TestCacheNotARegularFile(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "cache")
	if err := os.Symlink("/dev/zero", cache); err != nil {
		t.Fatal(err)
	}
	s := newServer(t, reply(200, flagsBody))
	// Not through fetch(): its key check reads every file beside the cache.
	done := make(chan string)
	go func() {
		var logs []string
		_, err := Fetch(context.Background(), Options{BaseURI: s.URL, CacheFile: cache, SDKKey: testKey,
			Logf: func(format string, args ...any) { logs = append(logs, fmt.Sprintf(format, args...)) }})
		if err != nil {
			t.Error(err)
		}
		done <- strings.Join(logs, "\n")
	}()
	select {
	case logs := <-done:
		if !strings.Contains(logs, "ignoring the ETag cache "+cache+": corrupt: not a regular file") {
			t.Errorf("logs: %s", logs)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the fetch is reading /dev/zero")
	}
}
