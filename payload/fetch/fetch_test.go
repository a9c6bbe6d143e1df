package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ldfallback/ldfallback/payload"
)

func TestFetchOK(t *testing.T) {
	s := newServer(t, reply(200, flagsBody, "ETag", `"v1"`))
	res := mustOK(t, fetch(t, nil, Options{BaseURI: s.URL, UserAgent: "ldfallback/1.2.3"}))
	if string(res.Body) != flagsBody {
		t.Errorf("body %q", res.Body)
	}
	if res.Path != PathLatestAll || res.URL != s.URL+PathLatestAll || res.FromCache || res.ETag != `"v1"` {
		t.Errorf("result %+v", res)
	}
	r := s.requests()[0]
	for h, want := range map[string]string{
		"Authorization":   testKey,
		"Accept":          "application/json",
		"Accept-Encoding": "gzip",
		"User-Agent":      "ldfallback/1.2.3",
		"If-None-Match":   "",
	} {
		if got := r.Header.Get(h); got != want {
			t.Errorf("header %s = %q, want %q", h, got, want)
		}
	}
	if r.Method != http.MethodGet {
		t.Errorf("method %s", r.Method)
	}
}

func TestDefaultUserAgent(t *testing.T) {
	s := newServer(t, reply(200, flagsBody))
	mustOK(t, fetch(t, nil, Options{BaseURI: s.URL}))
	if ua := s.requests()[0].Header.Get("User-Agent"); !strings.HasPrefix(ua, "ldfallback/") {
		t.Errorf("User-Agent %q", ua)
	}
}

func TestBaseURIForms(t *testing.T) {
	s := newServer(t, reply(200, flagsBody))
	for _, tc := range []struct {
		base  string
		relay bool
		want  string
	}{
		{"", false, "/sdk/latest-all"},
		{"/", false, "/sdk/latest-all"},
		{"//", false, "/sdk/latest-all"},
		{"/ld", false, "/ld/sdk/latest-all"},
		{"/ld/", false, "/ld/sdk/latest-all"},
		{"/ld/", true, "/ld/sdk/flags"},
		{"", true, "/sdk/flags"},
	} {
		before := len(s.requests())
		res := mustOK(t, fetch(t, nil, Options{BaseURI: s.URL + tc.base, Relay: tc.relay}))
		got := s.requests()[before].URL.Path
		if got != tc.want || res.URL != s.URL+tc.want {
			t.Errorf("base %q relay %v: requested %s, URL %s, want %s", tc.base, tc.relay, got, res.URL, tc.want)
		}
		wantPath := PathLatestAll
		if tc.relay {
			wantPath = PathFlags
		}
		if res.Path != wantPath {
			t.Errorf("base %q: Path %s", tc.base, res.Path)
		}
	}
}

func gz(t *testing.T, s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestGzip(t *testing.T) {
	s := newServer(t, reply(200, gz(t, flagsBody), "Content-Encoding", "gzip"))
	res := mustOK(t, fetch(t, nil, Options{BaseURI: s.URL}))
	if string(res.Body) != flagsBody {
		t.Errorf("body %q", res.Body)
	}
}

func TestInvalidGzip(t *testing.T) {
	s := newServer(t, reply(200, flagsBody, "Content-Encoding", "gzip"))
	out := fetch(t, nil, Options{BaseURI: s.URL, Retries: 3})
	fetchErr(t, out, 200, "not valid gzip")
	if n := len(s.requests()); n != 1 {
		t.Errorf("%d requests: invalid gzip must not be retried", n)
	}
}

func TestUnsupportedEncoding(t *testing.T) {
	s := newServer(t, reply(200, flagsBody, "Content-Encoding", "br"))
	fetchErr(t, fetch(t, nil, Options{BaseURI: s.URL}), 200, `unsupported Content-Encoding "br"`)
}

// TestStatusErrors: statuses that must fail at once, each with its message.
func TestStatusErrors(t *testing.T) {
	for _, tc := range []struct {
		status int
		key    string
		relay  bool
		want   []string
	}{
		{401, "", false, []string{"the SDK key was rejected (401 Unauthorized): check it is a server-side SDK key for this environment"}},
		{403, "", false, []string{"the SDK key was refused (403 Forbidden)"}},
		{401, "mob-3f1d2c4b-5a6e-4f70-8192-a3b4c5d6e7f8", false, []string{"(401 Unauthorized)", `"mob-": that is a mobile key`}},
		{403, "5f0c1a2b3c4d5e6f7a8b9c0d", false, []string{"(403 Forbidden)", "looks like a client-side ID"}},
		{401, "api-3f1d2c4b5a6e4f708192", false, []string{"(401 Unauthorized)", `server-side SDK keys start with "sdk-"`}},
		{404, "", true, []string{"not found (404): check --base-uri"}},
		{400, "", false, []string{"unexpected HTTP status 400 Bad Request"}},
		{407, "", false, []string{"proxy requires authentication"}},
		{418, "", false, []string{"unexpected HTTP status 418"}},
	} {
		t.Run(strconv.Itoa(tc.status), func(t *testing.T) {
			s := newServer(t, reply(tc.status, `{"code":"x","message":"no"}`))
			out := fetch(t, nil, Options{BaseURI: s.URL, SDKKey: tc.key, Relay: tc.relay, Retries: 3})
			for _, w := range tc.want {
				fetchErr(t, out, tc.status, w)
			}
			if strings.Contains(out.err.Error(), "gave up") || len(s.requests()) != 1 {
				t.Errorf("%d requests (%v): %d must not be retried", len(s.requests()), out.err, tc.status)
			}
			if !strings.HasPrefix(out.err.Error(), s.URL+"/sdk/") {
				t.Errorf("error %q does not start with the URL", out.err)
			}
		})
	}
}

func TestKeyKindWarnings(t *testing.T) {
	s := newServer(t, reply(200, flagsBody))
	for key, want := range map[string]string{
		"mob-3f1d2c4b-5a6e-4f70-8192-a3b4c5d6e7f8": "mobile key",
		"5f0c1a2b3c4d5e6f7a8b9c0d":                 "client-side ID",
		testKey:                                    "",
	} {
		out := fetch(t, nil, Options{BaseURI: s.URL, SDKKey: key})
		mustOK(t, out)
		if got := strings.Contains(out.logText(), "warning"); got != (want != "") || !strings.Contains(out.logText(), want) {
			t.Errorf("key kind %q: logs %q", want, out.logs)
		}
	}
}

func TestRelayFallback(t *testing.T) {
	bare := `{"a":{"key":"a","on":true}}`
	s := newServer(t, byPath(map[string]http.HandlerFunc{"/relay/sdk/flags": reply(200, bare)}))
	out := fetch(t, nil, Options{BaseURI: s.URL + "/relay/"})
	res := mustOK(t, out)
	if res.Path != PathFlags || string(res.Body) != bare || res.URL != s.URL+"/relay/sdk/flags" {
		t.Errorf("result %+v", res)
	}
	if got, want := strings.Join(s.paths(), " "), "/relay/sdk/latest-all /relay/sdk/flags"; got != want {
		t.Errorf("requests %s, want %s", got, want)
	}
	if !strings.Contains(out.logText(), "trying the Relay Proxy endpoint /sdk/flags") {
		t.Errorf("logs %q", out.logs)
	}
}

func TestRelayFallbackBoth404(t *testing.T) {
	s := newServer(t, reply(404, "not found"))
	fetchErr(t, fetch(t, nil, Options{BaseURI: s.URL}), 404, "not found (404) at both /sdk/latest-all and /sdk/flags")
	if n := len(s.requests()); n != 2 {
		t.Errorf("%d requests", n)
	}
}

// TestNoFallbackOnDefaultBase runs against the default base URI, with a
// client whose transport dials the loopback TLS server whatever the host.
func TestNoFallbackOnDefaultBase(t *testing.T) {
	var paths []string
	ts := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.Host+r.URL.Path)
		http.NotFound(w, r)
	}))
	defer ts.Close()
	tr := ts.Client().Transport.(*http.Transport).Clone()
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, ts.Listener.Addr().String())
	}
	tr.TLSClientConfig.ServerName = "example.com" // the httptest certificate's name
	out := fetch(t, nil, Options{HTTPClient: &http.Client{Transport: tr}})
	fe := fetchErr(t, out, 404, "not found (404): check --base-uri")
	if strings.Contains(fe.Msg, "--relay") {
		t.Errorf("a LaunchDarkly base URI should not suggest --relay: %q", fe.Msg)
	}
	if fe.URL != "https://sdk.launchdarkly.com/sdk/latest-all" {
		t.Errorf("URL %s", fe.URL)
	}
	if got := strings.Join(paths, " "); got != "sdk.launchdarkly.com/sdk/latest-all" {
		t.Errorf("requests %s: no fallback expected on the default base URI", got)
	}
}

func TestRetryAfter429(t *testing.T) {
	date := time.Now().Add(20 * time.Second).UTC().Format(http.TimeFormat)
	for _, tc := range []struct {
		header   string
		min, max time.Duration
	}{
		{"7", 7 * time.Second, 7 * time.Second},
		{date, 18 * time.Second, 20 * time.Second},
		{"3600", 30 * time.Second, 30 * time.Second}, // capped at MaxBackoff
		{"soon", 5 * time.Millisecond, 10 * time.Millisecond},
	} {
		s := newServer(t, reply(429, "slow down", "Retry-After", tc.header), reply(200, flagsBody))
		out := fetch(t, nil, Options{BaseURI: s.URL, Retries: 3, MaxBackoff: 30 * time.Second})
		mustOK(t, out)
		if len(out.waits) != 1 || out.waits[0] < tc.min || out.waits[0] > tc.max {
			t.Errorf("Retry-After %q: waits %v, want one in [%s, %s]", tc.header, out.waits, tc.min, tc.max)
		}
		if len(s.requests()) != 2 || !strings.Contains(out.logText(), "rate limited (429 Too Many Requests); retrying in") {
			t.Errorf("Retry-After %q: %d requests, logs %q", tc.header, len(s.requests()), out.logs)
		}
	}
}

func TestRetryAfterPastTimeout(t *testing.T) {
	s := newServer(t, reply(429, "", "Retry-After", "20"), reply(200, flagsBody))
	out := fetch(t, nil, Options{BaseURI: s.URL, Retries: 3, Timeout: 5 * time.Second, MaxBackoff: time.Minute})
	fetchErr(t, out, 429, "not waiting 20s for another attempt, past the --timeout")
	if len(out.waits) != 0 || len(s.requests()) != 1 {
		t.Errorf("waits %v, %d requests", out.waits, len(s.requests()))
	}
}

func TestServerErrorsThenOK(t *testing.T) {
	s := newServer(t, reply(500, "oops"), reply(502, ""), reply(503, ""), reply(200, flagsBody))
	out := fetch(t, nil, Options{BaseURI: s.URL, Retries: 3, MinBackoff: 100 * time.Millisecond, MaxBackoff: 300 * time.Millisecond})
	mustOK(t, out)
	// Exponential with equal jitter: retry n waits in [d/2, d], d = min(100ms·2^n, 300ms).
	bounds := [][2]time.Duration{{50, 100}, {100, 200}, {150, 300}}
	if len(out.waits) != 3 {
		t.Fatalf("waits %v", out.waits)
	}
	for i, w := range out.waits {
		if w < bounds[i][0]*time.Millisecond || w > bounds[i][1]*time.Millisecond {
			t.Errorf("wait %d = %s, want in [%dms, %dms]", i, w, bounds[i][0], bounds[i][1])
		}
	}
}

func TestPersistentServerError(t *testing.T) {
	s := newServer(t, reply(503, "down"))
	out := fetch(t, nil, Options{BaseURI: s.URL, Retries: 2})
	fetchErr(t, out, 503, "server error (503 Service Unavailable) (gave up after 3 attempts)")
	if len(s.requests()) != 3 || len(out.waits) != 2 {
		t.Errorf("%d requests, waits %v", len(s.requests()), out.waits)
	}
}

func TestPersistent429(t *testing.T) {
	s := newServer(t, reply(429, ""))
	fetchErr(t, fetch(t, nil, Options{BaseURI: s.URL, Retries: 1}), 429, "rate limited (429 Too Many Requests) (gave up after 2 attempts)")
}

func TestNoRetriesByDefault(t *testing.T) {
	s := newServer(t, reply(500, ""))
	out := fetch(t, nil, Options{BaseURI: s.URL})
	fetchErr(t, out, 500, "server error (500 Internal Server Error)")
	if len(s.requests()) != 1 || strings.Contains(out.err.Error(), "gave up") {
		t.Errorf("%d requests, %v", len(s.requests()), out.err)
	}
}

// stall blocks until the client goes away: a server that never answers.
func stall(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }

func TestSlowServerTimesOut(t *testing.T) {
	s := newServer(t, stall)
	out := fetch(t, nil, Options{BaseURI: s.URL, Timeout: 200 * time.Millisecond, Retries: 3})
	fetchErr(t, out, 0, "timed out after 200ms (raise --timeout)")
}

func TestSlowBodyTimesOut(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100")
		w.WriteHeader(200)
		w.Write([]byte(`{"flags":`))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	out := fetch(t, nil, Options{BaseURI: s.URL, Timeout: 200 * time.Millisecond})
	fetchErr(t, out, 0, "timed out after 200ms")
}

// TestTimeoutDuringBackoff: the total timeout also ends a backoff wait.
func TestTimeoutDuringBackoff(t *testing.T) {
	s := newServer(t, reply(500, ""))
	waitForCtx := func(ctx context.Context, d time.Duration) error {
		<-ctx.Done()
		return ctx.Err()
	}
	out := fetch(t, nil, Options{BaseURI: s.URL, Retries: 5, Timeout: 500 * time.Millisecond, MaxBackoff: time.Millisecond, sleep: waitForCtx})
	fetchErr(t, out, 0, "timed out after 500ms")

	ctx, cancel := context.WithCancel(context.Background())
	out = fetch(t, ctx, Options{BaseURI: s.URL, Retries: 5, sleep: func(ctx context.Context, d time.Duration) error {
		cancel()
		return waitForCtx(ctx, d)
	}})
	fetchErr(t, out, 0, "canceled")
}

func TestCanceled(t *testing.T) {
	s := newServer(t, stall)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for len(s.requests()) == 0 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	fetchErr(t, fetch(t, ctx, Options{BaseURI: s.URL}), 0, "canceled")
}

func TestTruncatedBody(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"plain": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "1000")
			w.Write([]byte(`{"flags":{"a"`))
		},
		"gzip": func(w http.ResponseWriter, r *http.Request) {
			z := gz(t, strings.Repeat(flagsBody, 50))
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Length", strconv.Itoa(len(z)))
			w.Write([]byte(z[:len(z)/2]))
		},
	} {
		t.Run(name, func(t *testing.T) {
			s := newServer(t, h)
			out := fetch(t, nil, Options{BaseURI: s.URL, Retries: 1})
			fetchErr(t, out, 200, "the body was cut off after ")
			if len(s.requests()) != 2 {
				t.Errorf("%d requests: a truncated body is retried", len(s.requests()))
			}
		})
	}
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.Write([]byte(`{"flags":{"a"`))
	})
	fetchErr(t, fetch(t, nil, Options{BaseURI: s.URL}), 200, "the body was cut off after 13 of 1000 bytes")
}

func TestNotAFlagPayload(t *testing.T) {
	for _, body := range []string{"", "null", "[]", `"flags"`, "<html><body>Sign in</body></html>", `{"flags":`, "\xef\xbb\xbf\n"} {
		s := newServer(t, reply(200, body, "Content-Type", "text/html"))
		out := fetch(t, nil, Options{BaseURI: s.URL, Retries: 2})
		fetchErr(t, out, 200, "not a LaunchDarkly flag payload: the body is not a JSON object ("+strconv.Itoa(len(body))+" bytes, Content-Type text/html)")
		if len(s.requests()) != 1 {
			t.Errorf("body %q retried", body)
		}
	}
	// Whitespace and a BOM around an object are fine.
	s := newServer(t, reply(200, "\xef\xbb\xbf \n"+flagsBody+"\n"))
	mustOK(t, fetch(t, nil, Options{BaseURI: s.URL}))
}

func TestBodyTooLarge(t *testing.T) {
	big := `{"x":"` + strings.Repeat("a", 3<<10) + `"}`
	for name, h := range map[string]http.HandlerFunc{
		"content-length": reply(200, big),
		"chunked": func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(200)
			w.Write([]byte(big[:10]))
			w.(http.Flusher).Flush()
			w.Write([]byte(big[10:]))
		},
		"gzip": reply(200, gz(t, big), "Content-Encoding", "gzip"),
	} {
		s := newServer(t, h)
		out := fetch(t, nil, Options{BaseURI: s.URL, MaxBodyBytes: 2 << 10})
		if out.err == nil {
			t.Fatalf("%s: no error", name)
		}
		fetchErr(t, out, 200, "the payload is larger than the limit of 2 KiB")
	}
	// Exactly at the limit is fine.
	s := newServer(t, reply(200, big))
	mustOK(t, fetch(t, nil, Options{BaseURI: s.URL, MaxBodyBytes: int64(len(big))}))
}

func TestUnexpected304(t *testing.T) {
	s := newServer(t, reply(304, ""))
	fetchErr(t, fetch(t, nil, Options{BaseURI: s.URL}), 304, "304 Not Modified to a request with no If-None-Match")
}

func TestRedirects(t *testing.T) {
	t.Run("same host", func(t *testing.T) {
		s := newServer(t, byPath(map[string]http.HandlerFunc{
			"/sdk/latest-all": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/moved", http.StatusFound) },
			"/moved": func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("Authorization") != testKey {
					w.WriteHeader(401)
					return
				}
				reply(200, flagsBody)(w, r)
			},
		}))
		res := mustOK(t, fetch(t, nil, Options{BaseURI: s.URL}))
		if res.URL != s.URL+"/moved" {
			t.Errorf("URL %s", res.URL)
		}
	})
	t.Run("other host", func(t *testing.T) {
		other := newServer(t, reply(200, flagsBody))
		otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
		// A hostile server echoes the key into the redirect target.
		s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, otherURL+"/steal?k="+r.Header.Get("Authorization"), http.StatusFound)
		})
		out := fetch(t, nil, Options{BaseURI: s.URL, Retries: 2})
		fetchErr(t, out, 0, "redirected to another origin (http://localhost:")
		if len(other.requests()) != 0 || len(s.requests()) != 1 {
			t.Errorf("requests: other %d, first %d", len(other.requests()), len(s.requests()))
		}
	})
	t.Run("bad location", func(t *testing.T) {
		// net/http quotes an unparsable Location in its error; this one
		// carries the key, so only the scrubber keeps it out.
		s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", "http://[bad/"+r.Header.Get("Authorization"))
			w.WriteHeader(http.StatusFound)
		})
		out := fetch(t, nil, Options{BaseURI: s.URL})
		fe := fetchErr(t, out, 0, "network error: ")
		if !strings.Contains(fe.Msg, redacted) {
			t.Errorf("expected the key to be redacted in %q", fe.Msg)
		}
	})
	t.Run("loop", func(t *testing.T) {
		s := newServer(t, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, r.URL.Path, http.StatusFound) })
		fetchErr(t, fetch(t, nil, Options{BaseURI: s.URL}), 0, "stopped after 5 redirects")
	})
}

// TestKeyNotEchoedByServer: a server that puts the key in its error body, a
// header and the ETag; none of it may surface.
func TestKeyNotEchoedByServer(t *testing.T) {
	echo := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			k := r.Header.Get("Authorization")
			w.Header().Set("X-Key", k)
			w.Header().Set("Retry-After", k)
			w.WriteHeader(status)
			w.Write([]byte(`{"message":"bad key ` + k + `"}`))
		}
	}
	for _, status := range []int{401, 403, 404, 429, 500} {
		s := newServer(t, echo(status))
		out := fetch(t, nil, Options{BaseURI: s.URL, Retries: 1, Relay: true})
		fetchErr(t, out, status, "")
	}
}

func TestBadKey(t *testing.T) {
	s := newServer(t, reply(200, flagsBody))
	for _, tc := range []struct{ key, want string }{
		{"   \n", "no SDK key"},
		{testKey + "\r\nX-Injected: 1", "line break at byte 41 of 55"},
		{testKey + "\x00", "control character at byte 41 of 41"},
		{"sdk-3f1d2c4b 5a6e-4f70-8192-a3b4c5d6e7f8", "space at byte 13"},
		{"sdk-3f1d2c4b\u00a05a6e-4f70-8192-a3b4c5d6e7f8", "non-ASCII character at byte 13"},
		{"Bearer " + testKey, `starts with a scheme word ("Bearer")`},
	} {
		out := fetch(t, nil, Options{BaseURI: s.URL, SDKKey: tc.key})
		var ie *payload.InputError
		if !errors.As(out.err, &ie) || ie.ExitCode() != 2 || !strings.Contains(ie.Error(), tc.want) {
			t.Errorf("key %q: got %v, want an InputError with %q", strings.ReplaceAll(tc.key, testKey, "KEY"), out.err, tc.want)
		}
	}
	// An empty key (the helper would fill in testKey).
	if _, err := Fetch(context.Background(), Options{BaseURI: s.URL}); !strings.Contains(fmt.Sprint(err), "--sdk-key: no SDK key") {
		t.Errorf("empty key: %v", err)
	}
	if n := len(s.requests()); n != 0 {
		t.Errorf("%d requests sent with a bad key", n)
	}
	// Surrounding whitespace (a secret file's newline) is trimmed, with a note.
	out := fetch(t, nil, Options{BaseURI: s.URL, SDKKey: " " + testKey + "\n"})
	mustOK(t, out)
	if got := s.requests()[0].Header.Get("Authorization"); got != testKey {
		t.Errorf("sent %q", got)
	}
	if !strings.Contains(out.logText(), "removed whitespace around the SDK key") {
		t.Errorf("logs %q", out.logs)
	}
}

func TestBadBaseURI(t *testing.T) {
	for _, tc := range []struct{ base, want string }{
		{"sdk.launchdarkly.com", "not an absolute http:// or https:// URL"},
		{"ftp://example.com", "not an absolute http:// or https:// URL"},
		{"http://", "not an absolute http:// or https:// URL"},
		{"http://[::1", "not an absolute http:// or https:// URL"},
		{testKey, "not an absolute http:// or https:// URL"},
		{"https://user:hunter2secret@relay.example.com", "must not contain user:password@"},
		{"https://relay.example.com/?env=prod", "must not contain a query or fragment"},
		{"https://relay.example.com/#x", "must not contain a query or fragment"},
	} {
		out := fetch(t, nil, Options{BaseURI: tc.base})
		var ie *payload.InputError
		if !errors.As(out.err, &ie) || ie.ExitCode() != 2 || !strings.Contains(ie.Error(), tc.want) {
			t.Errorf("base %q: got %v, want an InputError with %q", tc.base, out.err, tc.want)
		}
		if out.err != nil && strings.Contains(out.err.Error(), "hunter2secret") {
			t.Errorf("base URI password leaked: %v", out.err)
		}
	}
}

func TestConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	out := fetch(t, nil, Options{BaseURI: "http://" + addr, Retries: 2})
	fetchErr(t, out, 0, "connection refused (gave up after 3 attempts)")
}

func TestTLSErrors(t *testing.T) {
	ts := httptest.NewUnstartedServer(http.HandlerFunc(reply(200, flagsBody)))
	ts.Config.ErrorLog = log.New(io.Discard, "", 0) // the rejected handshake is expected
	ts.StartTLS()
	defer ts.Close()
	// Default client: the test certificate is not trusted.
	fetchErr(t, fetch(t, nil, Options{BaseURI: ts.URL, Retries: 2}), 0, "TLS certificate problem")
	// https:// to a plain HTTP server.
	s := newServer(t, reply(200, flagsBody))
	fetchErr(t, fetch(t, nil, Options{BaseURI: strings.Replace(s.URL, "http:", "https:", 1), Retries: 2}), 0, "the server answered in plain HTTP: use an http:// base URI")
	if len(s.requests()) != 0 {
		t.Errorf("%d requests", len(s.requests()))
	}
}

func TestOptionsPrintWithoutKey(t *testing.T) {
	o := Options{SDKKey: testKey, BaseURI: "https://relay.example.com", Retries: 2}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		got := fmt.Sprintf(verb, o) + fmt.Sprintf(verb, &o)
		if strings.Contains(got, testKey) || !strings.Contains(got, redacted) || !strings.Contains(got, "relay.example.com") {
			t.Errorf("%s: %s", verb, got)
		}
	}
}

// TestRedirectToAnotherPort: the same host on another port is another
// origin (another service, maybe another user's): the key is not sent there,
// whatever the redirect status, and from http to https on another port too.
func TestRedirectToAnotherPort(t *testing.T) {
	var got []string
	record := func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Authorization"))
		reply(200, flagsBody)(w, r)
	}
	other := httptest.NewServer(http.HandlerFunc(record))
	defer other.Close()
	otherTLS := httptest.NewTLSServer(http.HandlerFunc(record))
	defer otherTLS.Close()
	for _, status := range []int{301, 302, 303, 307, 308} {
		for _, target := range []string{other.URL, otherTLS.URL} {
			s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, target+r.URL.Path, status)
			})
			// The TLS server's certificate is trusted, so only the origin check can stop it.
			cl := &http.Client{Transport: otherTLS.Client().Transport}
			out := fetch(t, nil, Options{BaseURI: s.URL, Retries: 2, HTTPClient: cl})
			fe := fetchErr(t, out, 0, "redirected to another origin ("+target+", the request was to "+s.URL+"): not following, the request carries the SDK key")
			if len(s.requests()) != 1 {
				t.Errorf("%d to %s: %d requests, a refused redirect is not retried", status, target, len(s.requests()))
			}
			if fe.ExitCode() != 3 {
				t.Errorf("exit code %d", fe.ExitCode())
			}
		}
	}
	if len(got) != 0 {
		t.Errorf("the other port got %d requests", len(got))
	}
	// The same origin written differently (explicit default port, upper case) is followed.
	for _, tc := range []struct{ a, b string }{
		{"http://example.com/x", "http://EXAMPLE.com:80/y"},
		{"https://example.com/x", "https://example.com:443/y"},
	} {
		a, _ := url.Parse(tc.a)
		b, _ := url.Parse(tc.b)
		if origin(a) != origin(b) {
			t.Errorf("origin(%s) = %s, origin(%s) = %s", tc.a, origin(a), tc.b, origin(b))
		}
	}
}

// TestETagWithKey: an ETag that echoes the key is neither kept in the
// cache file nor returned (fetch checks every file in the cache directory).
func TestETagWithKey(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"`+r.Header.Get("Authorization")+`"`)
		reply(200, flagsBody)(w, r)
	})
	cache := filepath.Join(t.TempDir(), "cache")
	out := fetch(t, nil, Options{BaseURI: s.URL, CacheFile: cache})
	res := mustOK(t, out)
	if res.ETag != "" {
		t.Errorf("ETag %q", res.ETag)
	}
	if !strings.Contains(out.logText(), "the server's ETag contains the SDK key: ignoring it") {
		t.Errorf("no warning: %s", out.logText())
	}
	// The next fetch sends no If-None-Match.
	fetch(t, nil, Options{BaseURI: s.URL, CacheFile: cache})
	for _, r := range s.requests() {
		if r.Header.Get("If-None-Match") != "" {
			t.Errorf("If-None-Match %q", r.Header.Get("If-None-Match"))
		}
	}
}

// TestTruncatedGzipStream: all the bytes the server announced arrived, but
// the gzip data inside stops short: say so, and do not retry.
func TestTruncatedGzipStream(t *testing.T) {
	z := gz(t, strings.Repeat(flagsBody, 50))
	for name, chunked := range map[string]bool{"content-length": false, "chunked": true} {
		s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			if !chunked {
				w.Header().Set("Content-Length", strconv.Itoa(len(z)/2))
			}
			w.Write([]byte(z[:len(z)/2]))
		})
		out := fetch(t, nil, Options{BaseURI: s.URL, Retries: 2})
		fetchErr(t, out, 200, fmt.Sprintf("the gzip stream is truncated: the body (%d bytes, all received) ends before the end of the compressed data", len(z)/2))
		if n := len(s.requests()); n != 1 {
			t.Errorf("%s: %d requests", name, n)
		}
	}
}

// TestMalformedResponse: a broken status line or header is the server's
// answer, not a network error: named, and not retried.
func TestMalformedResponse(t *testing.T) {
	for name, resp := range map[string]string{
		"header":      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nBad Header Line\r\n\r\n{}",
		"status line": "HTTP/1.1 two hundred OK\r\n\r\n{}",
	} {
		t.Run(name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			var conns atomic.Int32
			go func() {
				for {
					c, err := ln.Accept()
					if err != nil {
						return
					}
					conns.Add(1)
					go func() {
						defer c.Close()
						buf := make([]byte, 4096)
						c.Read(buf)
						io.WriteString(c, resp)
					}()
				}
			}()
			out := fetch(t, nil, Options{BaseURI: "http://" + ln.Addr().String(), Retries: 3, Relay: true})
			fetchErr(t, out, 0, "the server sent a malformed HTTP response: malformed ")
			if n := conns.Load(); n != 1 {
				t.Errorf("%d connections: a malformed response was retried", n)
			}
		})
	}
}
