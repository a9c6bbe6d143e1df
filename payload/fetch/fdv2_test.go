package fetch

import (
	"errors"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ldfallback/ldfallback/internal/fdv2doc"
	"github.com/ldfallback/ldfallback/payload"
)

func pollBody(t *testing.T) string {
	t.Helper()
	b, err := fdv2doc.FromLatestAll([]byte(flagsBody), fdv2doc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPollFDv2: --protocol fdv2 and auto GET /sdk/poll, with no basis (a
// full transfer), the key and the same headers as latest-all.
func TestPollFDv2(t *testing.T) {
	body := pollBody(t)
	for _, proto := range []Protocol{ProtocolFDv2, ProtocolAuto} {
		t.Run(string(proto), func(t *testing.T) {
			s := newServer(t, byPath(map[string]http.HandlerFunc{PathPoll: reply(200, body, "ETag", `"p1"`)}))
			res := mustOK(t, fetch(t, nil, Options{BaseURI: s.URL, Protocol: proto}))
			if res.Path != PathPoll || res.Shape() != payload.ShapeFDv2 || string(res.Body) != body {
				t.Errorf("got %s %s %q", res.Path, res.Shape(), res.Body)
			}
			r := s.requests()[0]
			if r.URL.RawQuery != "" || r.Header.Get("Authorization") != testKey || r.Header.Get("Accept-Encoding") != "gzip" {
				t.Errorf("request %s?%s, headers %v", r.URL.Path, r.URL.RawQuery, r.Header)
			}
			p, err := payload.ParseLean(res.Body, res.URL)
			if err != nil || p.Shape != payload.ShapeFDv2 || len(p.Flags) != 1 {
				t.Errorf("parsed: %v %v", p, err)
			}
		})
	}
}

// TestDefaultProtocolIsFDv1: today's users see no change: latest-all, one request.
func TestDefaultProtocolIsFDv1(t *testing.T) {
	for _, proto := range []Protocol{"", ProtocolFDv1} {
		s := newServer(t, byPath(map[string]http.HandlerFunc{PathLatestAll: reply(200, flagsBody), PathPoll: reply(200, pollBody(t))}))
		mustOK(t, fetch(t, nil, Options{BaseURI: s.URL, Protocol: proto}))
		if got := s.paths(); !slices.Equal(got, []string{PathLatestAll}) {
			t.Errorf("protocol %q: paths %v", proto, got)
		}
	}
}

// TestFDv1FallbackHeader: the service's FDv1 fallback directive, on a 200 or
// on an error status, makes Fetch get latest-all (or /sdk/flags with
// --relay), with one line saying so, without retrying /sdk/poll.
func TestFDv1FallbackHeader(t *testing.T) {
	cases := []struct {
		name   string
		poll   http.HandlerFunc
		relay  bool
		paths  []string
		proto  Protocol
		header string
	}{
		{"200", reply(200, pollBody(t), FallbackHeader, "true"), false, []string{PathPoll, PathLatestAll}, ProtocolFDv2, ""},
		{"200 any case", reply(200, `{}`, "x-ld-fd-fallback", "TRUE"), false, []string{PathPoll, PathLatestAll}, ProtocolAuto, ""},
		{"503 not retried", reply(503, "down", FallbackHeader, "true"), false, []string{PathPoll, PathLatestAll}, ProtocolFDv2, ""},
		{"304", reply(304, "", FallbackHeader, "true"), false, []string{PathPoll, PathLatestAll}, ProtocolFDv2, ""},
		{"relay", reply(200, `{}`, FallbackHeader, "true"), true, []string{PathPoll, PathFlags}, ProtocolFDv2, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newServer(t, byPath(map[string]http.HandlerFunc{PathPoll: c.poll, PathLatestAll: reply(200, flagsBody), PathFlags: reply(200, `{"a":{"key":"a","on":true}}`)}))
			out := fetch(t, nil, Options{BaseURI: s.URL, Protocol: c.proto, Relay: c.relay, Retries: 3})
			res := mustOK(t, out)
			if got := s.paths(); !slices.Equal(got, c.paths) {
				t.Errorf("paths %v, want %v", got, c.paths)
			}
			if res.Path != c.paths[1] {
				t.Errorf("result from %s", res.Path)
			}
			if n := strings.Count(out.logText(), "asks for the FDv1 protocol"); n != 1 {
				t.Errorf("said %d times:\n%s", n, out.logText())
			}
			if len(out.waits) != 0 {
				t.Errorf("waited %v: /sdk/poll retried", out.waits)
			}
		})
	}
	// "false" or another value is no directive.
	s := newServer(t, byPath(map[string]http.HandlerFunc{PathPoll: reply(200, pollBody(t), FallbackHeader, "false")}))
	res := mustOK(t, fetch(t, nil, Options{BaseURI: s.URL, Protocol: ProtocolFDv2}))
	if res.Path != PathPoll {
		t.Errorf("fell back on %s: false", FallbackHeader)
	}
}

// TestAutoFallsBackOn404: a server with no /sdk/poll (an older Relay Proxy,
// a mirror) gets FDv1 under auto, and a clear error under fdv2.
func TestAutoFallsBackOn404(t *testing.T) {
	s := newServer(t, byPath(map[string]http.HandlerFunc{PathLatestAll: reply(200, flagsBody)}))
	out := fetch(t, nil, Options{BaseURI: s.URL, Protocol: ProtocolAuto})
	if res := mustOK(t, out); res.Path != PathLatestAll || !strings.Contains(out.logText(), "has no FDv2 endpoint (404 on /sdk/poll): fetching /sdk/latest-all (FDv1) instead") {
		t.Errorf("path %s, logs:\n%s", res.Path, out.logText())
	}
	// An old Relay Proxy: no /sdk/poll and no latest-all.
	relay := newServer(t, byPath(map[string]http.HandlerFunc{PathFlags: reply(200, `{"a":{"key":"a","on":true}}`)}))
	if res := mustOK(t, fetch(t, nil, Options{BaseURI: relay.URL, Protocol: ProtocolAuto})); res.Path != PathFlags {
		t.Errorf("old relay: %s", res.Path)
	}
	if got := relay.paths(); !slices.Equal(got, []string{PathPoll, PathLatestAll, PathFlags}) {
		t.Errorf("old relay paths %v", got)
	}
	out = fetch(t, nil, Options{BaseURI: s.URL, Protocol: ProtocolFDv2})
	fetchErr(t, out, 404, "not found (404): this server does not serve FDv2 polling (/sdk/poll): use --protocol fdv1, or auto to fall back on a 404")
}

// TestPollErrors: /sdk/poll failures are reported as latest-all's are (and
// retried the same way); under auto only a 404 or the directive falls back.
func TestPollErrors(t *testing.T) {
	s := newServer(t, reply(401, "no"))
	fetchErr(t, fetch(t, nil, Options{BaseURI: s.URL, Protocol: ProtocolAuto}), 401, "the SDK key was rejected")
	if got := s.paths(); !slices.Equal(got, []string{PathPoll}) {
		t.Errorf("paths %v", got)
	}
	s = newServer(t, reply(500, "boom"), reply(200, pollBody(t)))
	out := fetch(t, nil, Options{BaseURI: s.URL, Protocol: ProtocolFDv2, Retries: 2})
	if res := mustOK(t, out); res.Path != PathPoll || len(out.waits) != 1 {
		t.Errorf("path %s, waits %v", res.Path, out.waits)
	}
	s = newServer(t, reply(200, "<html>"))
	fetchErr(t, fetch(t, nil, Options{BaseURI: s.URL, Protocol: ProtocolAuto}), 200, "not a LaunchDarkly flag payload")
}

// TestPollETagCache: the ETag cache works for /sdk/poll as for latest-all.
func TestPollETagCache(t *testing.T) {
	body := pollBody(t)
	cache := filepath.Join(t.TempDir(), "cache")
	s := newServer(t, reply(200, body, "ETag", `"v1"`), func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") != `"v1"` {
			t.Errorf("If-None-Match %q", r.Header.Get("If-None-Match"))
		}
		w.WriteHeader(304)
	})
	mustOK(t, fetch(t, nil, Options{BaseURI: s.URL, Protocol: ProtocolFDv2, CacheFile: cache}))
	res := mustOK(t, fetch(t, nil, Options{BaseURI: s.URL, Protocol: ProtocolFDv2, CacheFile: cache}))
	if !res.FromCache || string(res.Body) != body {
		t.Errorf("from cache %v, body %q", res.FromCache, res.Body)
	}
}

func TestBadProtocol(t *testing.T) {
	out := fetch(t, nil, Options{BaseURI: "http://127.0.0.1:1", Protocol: "fdv3\x1b"})
	var ie *payload.InputError
	if out.err == nil || !strings.Contains(out.err.Error(), `--protocol: "fdv3\x1b" is not a protocol: fdv1, fdv2 or auto`) {
		t.Fatalf("got %v", out.err)
	} else if !errors.As(out.err, &ie) {
		t.Errorf("%T, want InputError", out.err)
	}
}
