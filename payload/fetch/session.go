package fetch

import (
	"context"
	"net/url"
	"strings"

	"github.com/ldfallback/ldfallback/payload"
)

// Session GETs several JSON documents from one base URI under the same wire
// rules as Fetch (credential in the Authorization header and scrubbed from
// every message, retries with backoff honouring Retry-After and
// X-Ratelimit-Reset, redirects kept within the origin, gzip, the body limit)
// and under one --timeout for all of them: an API read page by page, such as
// LaunchDarkly's REST API. It keeps no ETag cache.
type Session struct {
	f      *fetcher
	ctx    context.Context
	cancel context.CancelFunc
	own    bool // the transport is the session's own: close its idle connections
}

// NewSession checks the options (credential, base URI) and starts the
// --timeout clock. Close releases it.
func NewSession(ctx context.Context, o Options) (*Session, error) {
	f, err := newFetcher(o)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeoutCause(ctx, f.timeout, errTimeout)
	return &Session{f: f, ctx: ctx, cancel: cancel, own: o.HTTPClient == nil}, nil
}

// Close ends the session.
func (s *Session) Close() {
	s.cancel()
	if s.own {
		s.f.client.CloseIdleConnections()
	}
}

// Logf writes a progress note through the options' Logf, scrubbed.
func (s *Session) Logf(format string, args ...any) { s.f.logf(format, args...) }

// Base is the base URI as shown in messages (no credential, no userinfo).
func (s *Session) Base() string { return s.f.baseShown }

// Get fetches ref: a path with its query ("/api/v2/flags/p?limit=100"),
// put under the base URI's own path unless it already starts with it (so
// an API's "_links" hrefs, which are absolute paths, work behind a prefix
// too), or an absolute URL, which must be on the base URI's origin: the
// request carries the credential. Errors are *payload.FetchError.
func (s *Session) Get(ref string) (*Result, error) {
	u, err := s.resolve(ref)
	if err != nil {
		return nil, err
	}
	shown := s.f.scrub.scrub(redactURL(u))
	res, fail := s.f.withRetries(s.ctx, u, shown, "")
	if fail != nil {
		return nil, fail
	}
	return res, nil
}

func (s *Session) resolve(ref string) (*url.URL, error) {
	r, err := url.Parse(ref)
	if err != nil {
		return nil, &payload.FetchError{URL: s.f.baseShown, Msg: "cannot follow the link " + quoteShort(s.f.scrub.scrub(ref)) + ": not a URL"}
	}
	base := s.f.base
	if r.IsAbs() || r.Host != "" {
		if r.Scheme == "" {
			r.Scheme = base.Scheme
		}
		if origin(r) != origin(base) {
			return nil, &payload.FetchError{URL: s.f.baseShown, Msg: "not following a link to another origin (" + s.f.scrub.scrub(origin(r)) + "): the request carries the " + s.f.names.Credential}
		}
		r.User = nil
		r.Fragment = ""
		return r, nil
	}
	u := *base
	p := r.Path
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if base.Path != "" && !strings.HasPrefix(p, base.Path+"/") {
		p = base.Path + p
	}
	u.Path = p
	u.RawPath = ""
	u.RawQuery = r.RawQuery
	return &u, nil
}

// quoteShort quotes s, cut to 80 bytes: a hostile link must not flood a message.
func quoteShort(s string) string {
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return `"` + s + `"`
}
