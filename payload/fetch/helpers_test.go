package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ldfallback/ldfallback/payload"
)

// testKey is shaped like a real server-side SDK key. Every test checks it
// never leaks (see checkNoKey).
const testKey = "sdk-3f1d2c4b-5a6e-4f70-8192-a3b4c5d6e7f8"

const flagsBody = `{"flags":{"a":{"key":"a","on":true}},"segments":{}}`

// outcome is everything one Fetch produced.
type outcome struct {
	res   *Result
	err   error
	logs  []string
	waits []time.Duration
}

func (o *outcome) logText() string { return strings.Join(o.logs, "\n") }

// fetch runs Fetch with test hooks: logs and backoff waits are recorded and
// waits do not sleep (so no test depends on the clock). Afterwards it checks
// that no string produced, nor the cache directory, contains the key.
func fetch(t *testing.T, ctx context.Context, o Options) *outcome {
	t.Helper()
	out := &outcome{}
	var mu sync.Mutex
	o.Logf = func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		out.logs = append(out.logs, fmt.Sprintf(format, args...))
	}
	if o.sleep == nil {
		o.sleep = func(ctx context.Context, d time.Duration) error {
			mu.Lock()
			out.waits = append(out.waits, d)
			mu.Unlock()
			return ctx.Err()
		}
	}
	if o.SDKKey == "" {
		o.SDKKey = testKey
	}
	if o.MinBackoff == 0 {
		o.MinBackoff = 10 * time.Millisecond
	}
	if ctx == nil {
		ctx = context.Background()
	}
	out.res, out.err = Fetch(ctx, o)
	checkNoKey(t, o.SDKKey, out, o.CacheFile)
	return out
}

// checkNoKey scans every string a Fetch produced for the key (and, for
// malformed keys, for each line of it).
func checkNoKey(t *testing.T, key string, out *outcome, cacheFile string) {
	t.Helper()
	var needles []string
	for _, part := range strings.FieldsFunc(key, func(r rune) bool { return r < 0x21 || r > 0x7e }) {
		if len(part) >= 8 {
			needles = append(needles, part)
		}
	}
	var hay []string
	hay = append(hay, out.logs...)
	if out.err != nil {
		hay = append(hay, out.err.Error(), fmt.Sprintf("%+v", out.err), fmt.Sprintf("%#v", out.err))
		var fe *payload.FetchError
		if errors.As(out.err, &fe) {
			hay = append(hay, fe.URL, fe.Msg)
		}
	}
	if out.res != nil {
		hay = append(hay, out.res.URL, out.res.Path, out.res.ETag, string(out.res.Body))
	}
	if cacheFile != "" {
		entries, _ := os.ReadDir(filepath.Dir(cacheFile))
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(filepath.Dir(cacheFile), e.Name()))
			if err == nil {
				hay = append(hay, string(b))
			}
		}
	}
	for _, h := range hay {
		for _, n := range needles {
			if strings.Contains(h, n) {
				t.Fatalf("the SDK key leaked into %q", h)
			}
		}
	}
}

// server is a loopback server that answers with scripted handlers, one per
// request (the last one repeats), and records what it was sent.
type server struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []*http.Request
}

func newServer(t *testing.T, steps ...http.HandlerFunc) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		n := len(s.reqs)
		s.reqs = append(s.reqs, r.Clone(context.Background()))
		s.mu.Unlock()
		steps[min(n, len(steps)-1)](w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) requests() []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*http.Request(nil), s.reqs...)
}

func (s *server) paths() []string {
	var p []string
	for _, r := range s.requests() {
		p = append(p, r.URL.Path)
	}
	return p
}

func reply(status int, body string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		if body != "" && w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		w.Write([]byte(body))
	}
}

// byPath answers by request path, 404 for others.
func byPath(m map[string]http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if h, ok := m[r.URL.Path]; ok {
			h(w, r)
			return
		}
		http.NotFound(w, r)
	}
}

// fetchErr asserts out failed with a FetchError of the given status whose
// message contains want.
func fetchErr(t *testing.T, out *outcome, status int, want string) *payload.FetchError {
	t.Helper()
	var fe *payload.FetchError
	if !errors.As(out.err, &fe) {
		t.Fatalf("got %v (%T), want a *payload.FetchError", out.err, out.err)
	}
	if fe.ExitCode() != 3 {
		t.Errorf("exit code %d, want 3", fe.ExitCode())
	}
	if fe.Status != status {
		t.Errorf("status %d, want %d (%v)", fe.Status, status, fe)
	}
	if !strings.Contains(fe.Msg, want) {
		t.Errorf("message %q does not contain %q", fe.Msg, want)
	}
	return fe
}

func mustOK(t *testing.T, out *outcome) *Result {
	t.Helper()
	if out.err != nil {
		t.Fatalf("Fetch: %v\nlogs:\n%s", out.err, out.logText())
	}
	return out.res
}
