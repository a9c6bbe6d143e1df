package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/ldfallback/ldfallback/internal/inputfile"
	"github.com/ldfallback/ldfallback/payload"
)

// failure is one failed attempt: the error to report and whether another
// attempt may succeed.
type failure struct {
	*payload.FetchError
	retry         bool
	retryAfter    time.Duration
	hasRetryAfter bool
}

// fetchPath GETs one endpoint with retries, using and refreshing the ETag
// cache.
func (f *fetcher) fetchPath(ctx context.Context, path string) (*Result, *payload.FetchError) {
	f.path = path
	u := f.endpoint(path)
	shown := f.scrub.scrub(u.String())
	meta := f.loadCache(shown)
	etag := ""
	if meta != nil {
		etag = meta.ETag
	}
	f.logf("fetching %s", shown)
	res, fail := f.withRetries(ctx, u, shown, etag)
	if fail != nil {
		return nil, fail
	}
	res.Path = path
	if res.FromCache {
		body, err := readCacheBody(f.cacheFile, meta)
		if err == nil {
			f.logf("%s: not modified since the cached copy (ETag %s)", shown, res.ETag)
			res.Body = body
			return res, nil
		}
		f.logf("warning: ignoring the ETag cache %s: %v", f.cacheFile, err)
		res, fail = f.withRetries(ctx, u, shown, "")
		if fail != nil {
			return nil, fail
		}
		res.Path = path
	}
	if f.cacheFile != "" && res.ETag != "" {
		if err := writeCache(f.cacheFile, shown, res.ETag, res.Body); err != nil {
			f.logf("warning: could not write the ETag cache: %v", err)
		}
	}
	return res, nil
}

// loadCache returns the cache entry for url, or nil (with a warning when the
// file exists but cannot be used).
func (f *fetcher) loadCache(url string) *cacheMeta {
	if f.cacheFile == "" {
		return nil
	}
	meta, err := readCacheMeta(f.cacheFile, f.maxBody)
	if err != nil {
		f.logf("warning: ignoring the ETag cache %s: %v", f.cacheFile, err)
		return nil
	}
	if meta == nil || meta.URL != url {
		return nil
	}
	return meta
}

func (f *fetcher) withRetries(ctx context.Context, u *url.URL, shown, etag string) (*Result, *payload.FetchError) {
	for n := 0; ; n++ {
		res, fail := f.attempt(ctx, u, shown, etag)
		if fail == nil {
			return res, nil
		}
		if !fail.retry || n >= f.retries {
			return nil, gaveUp(fail, n+1)
		}
		wait := backoff(n, f.minBackoff, f.maxBackoff)
		if fail.hasRetryAfter {
			wait = fail.retryAfter
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			e := gaveUp(fail, n+1)
			e.Msg += fmt.Sprintf("; not waiting %s for another attempt, past the --timeout", wait.Round(time.Millisecond))
			return nil, e
		}
		f.logf("%s: %s; retrying in %s (attempt %d of %d)", shown, fail.Msg, wait.Round(time.Millisecond), n+2, f.retries+1)
		if err := f.sleep(ctx, wait); err != nil {
			return nil, f.ctxFailure(ctx, shown).FetchError
		}
	}
}

func gaveUp(fail *failure, attempts int) *payload.FetchError {
	e := fail.FetchError
	if attempts > 1 {
		e.Msg += fmt.Sprintf(" (gave up after %d attempts)", attempts)
	}
	return e
}

func (f *fetcher) fail(shown string, status int, retry bool, format string, args ...any) *failure {
	return &failure{
		FetchError: &payload.FetchError{URL: shown, Status: status, Msg: f.scrub.scrub(fmt.Sprintf(format, args...))},
		retry:      retry,
	}
}

// attempt is one GET. A 304 comes back as a Result with FromCache set and
// no body; the caller fills it from the cache.
func (f *fetcher) attempt(ctx context.Context, u *url.URL, shown, etag string) (*Result, *failure) {
	if err := ctx.Err(); err != nil {
		return nil, f.ctxFailure(ctx, shown)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, f.fail(shown, 0, false, "cannot build the request: %v", err)
	}
	for name, vals := range f.header {
		for _, v := range vals {
			req.Header.Add(name, v)
		}
	}
	req.Header.Set("Authorization", f.key)
	req.Header.Set("Accept", "application/json")
	// Set explicitly, so net/http leaves decoding to us (see readBody): that
	// lets the size limit apply to the decoded body and gzip errors be named.
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("User-Agent", f.userAgent)
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, f.networkFailure(ctx, shown, err)
	}
	defer resp.Body.Close()
	if resp.Request != nil && resp.Request.URL != nil {
		shown = f.scrub.scrub(redactURL(resp.Request.URL))
	}
	if f.path == PathPoll && strings.EqualFold(strings.TrimSpace(resp.Header.Get(FallbackHeader)), "true") {
		// The directive holds whatever the status (python-server-sdk
		// polling_common.py reads it from errors too): the body is not
		// wanted, and FDv2 is not asked again.
		drain(resp.Body)
		f.fallback = true
		return nil, f.fail(shown, resp.StatusCode, false, "the server asked for the FDv1 protocol (%s)", FallbackHeader)
	}
	switch code := resp.StatusCode; {
	case code == http.StatusOK:
		body, fail := f.readBody(ctx, shown, resp)
		if fail != nil {
			return nil, fail
		}
		etag := resp.Header.Get("ETag")
		if f.scrub.contains(etag) {
			// Kept, it would be written to the cache file and sent back in
			// If-None-Match: drop it (the body is still good).
			f.logf("warning: %s: the server's ETag contains the %s: ignoring it (no ETag cache for this response)", shown, f.names.Credential)
			etag = ""
		}
		return &Result{Body: body, URL: shown, ETag: etag}, nil
	case code == http.StatusNotModified:
		drain(resp.Body)
		if etag == "" {
			return nil, f.fail(shown, code, false, "the server answered 304 Not Modified to a request with no If-None-Match")
		}
		return &Result{URL: shown, FromCache: true, ETag: etag}, nil
	default:
		drain(resp.Body)
		return nil, f.statusFailure(shown, resp)
	}
}

func drain(r io.Reader) { io.CopyN(io.Discard, r, 64<<10) }

// redactURL drops any userinfo; the key is never in a URL we build, but a
// redirect target is the server's choice.
func redactURL(u *url.URL) string {
	c := *u
	c.User = nil
	return c.String()
}

func (f *fetcher) statusFailure(shown string, resp *http.Response) *failure {
	code := resp.StatusCode
	status := fmt.Sprintf("%d %s", code, http.StatusText(code))
	hint := ""
	if h := keyHint(f.kind); h != "" && f.sdkKey {
		hint = "; " + h
	}
	if f.statusMessage != nil {
		if msg := f.statusMessage(code); msg != "" {
			fl := f.fail(shown, code, false, "%s", msg)
			if code == http.StatusTooManyRequests || code == http.StatusRequestTimeout || code >= 500 {
				fl.retry = true
				fl.retryAfter, fl.hasRetryAfter = rateLimitWait(resp.Header, time.Now(), f.maxBackoff)
			}
			return fl
		}
	}
	switch {
	case code == http.StatusUnauthorized:
		return f.fail(shown, code, false, "the SDK key was rejected (%s): check it is a server-side SDK key for this environment%s", status, hint)
	case code == http.StatusForbidden:
		return f.fail(shown, code, false, "the SDK key was refused (%s): check it is a server-side SDK key for this environment and has not been reset or expired%s", status, hint)
	case code == http.StatusNotFound && f.path == PathPoll:
		return f.fail(shown, code, false, "not found (404): this server does not serve FDv2 polling (%s): use --protocol fdv1, or auto to fall back on a 404", PathPoll)
	case code == http.StatusNotFound:
		msg := "not found (404): check --base-uri"
		if !f.relay && !f.isLaunchDarkly() {
			msg += " (a Relay Proxy serves " + PathFlags + ": use --relay)"
		}
		return f.fail(shown, code, false, "%s", msg)
	case code == http.StatusProxyAuthRequired:
		return f.fail(shown, code, false, "the HTTP proxy requires authentication (%s): check HTTPS_PROXY/HTTP_PROXY", status)
	case code == http.StatusTooManyRequests, code == http.StatusRequestTimeout, code >= 500:
		what := "server error"
		if code == http.StatusTooManyRequests {
			what = "rate limited"
		} else if code == http.StatusRequestTimeout {
			what = "the server timed out waiting for the request"
		}
		fl := f.fail(shown, code, true, "%s (%s)", what, status)
		fl.retryAfter, fl.hasRetryAfter = rateLimitWait(resp.Header, time.Now(), f.maxBackoff)
		return fl
	default:
		return f.fail(shown, code, false, "unexpected HTTP status %s", status)
	}
}

// countingReader counts the bytes that came off the wire, so a truncated
// gzip body can be reported against Content-Length.
type countingReader struct {
	r   io.Reader
	n   int64
	eof bool // the body ended cleanly (all of Content-Length, or the last chunk)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if err == io.EOF {
		c.eof = true
	}
	return n, err
}

func (f *fetcher) readBody(ctx context.Context, shown string, resp *http.Response) ([]byte, *failure) {
	wire := &countingReader{r: resp.Body}
	var r io.Reader = wire
	enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	switch enc {
	case "", "identity":
		if resp.ContentLength > f.maxBody {
			return nil, f.tooLarge(shown)
		}
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(wire)
		if err != nil {
			return nil, f.bodyFailure(ctx, shown, resp, wire, err)
		}
		defer zr.Close()
		r = zr
	default:
		return nil, f.fail(shown, resp.StatusCode, false, "the server sent an unsupported Content-Encoding %q", enc)
	}
	var body []byte
	if enc != "gzip" && enc != "x-gzip" && resp.ContentLength > 0 {
		// The size is known: one buffer of exactly that size.
		var buf bytes.Buffer
		buf.Grow(int(resp.ContentLength) + bytes.MinRead)
		if _, err := buf.ReadFrom(io.LimitReader(r, f.maxBody+1)); err != nil {
			return nil, f.bodyFailure(ctx, shown, resp, wire, err)
		}
		if int64(buf.Len()) > f.maxBody {
			return nil, f.tooLarge(shown)
		}
		body = buf.Bytes()
	} else {
		// Unknown size (gzip, chunked): read in blocks and copy once, so the
		// peak stays near twice the body, and a body over the limit costs
		// the limit, not the doubling of a growing buffer (3x).
		b, over, err := inputfile.ReadBounded(r, f.maxBody)
		if err != nil {
			return nil, f.bodyFailure(ctx, shown, resp, wire, err)
		}
		if over {
			return nil, f.tooLarge(shown)
		}
		body = b
	}
	if !looksLikeObject(body) {
		ct := resp.Header.Get("Content-Type")
		if ct == "" {
			ct = "none"
		}
		return nil, f.fail(shown, resp.StatusCode, false,
			"not a LaunchDarkly flag payload: the body is not a JSON object (%d bytes, Content-Type %s)", len(body), ct)
	}
	return body, nil
}

// looksLikeObject checks the body is a JSON object at its edges. Full
// validation is left to the parser, which reads every byte anyway; this
// catches the usual impostors (an HTML login or error page, null, an array,
// an empty body) with a fetch-specific message.
func looksLikeObject(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.TrimSpace(b)
	return len(b) >= 2 && b[0] == '{' && b[len(b)-1] == '}'
}

func (f *fetcher) tooLarge(shown string) *failure {
	return f.fail(shown, http.StatusOK, false, "the payload is larger than the limit of %s", sizeString(f.maxBody))
}

func sizeString(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func (f *fetcher) bodyFailure(ctx context.Context, shown string, resp *http.Response, wire *countingReader, err error) *failure {
	if ctx.Err() != nil {
		return f.ctxFailure(ctx, shown)
	}
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, gzip.ErrChecksum), errors.As(err, &corrupt):
		return f.fail(shown, resp.StatusCode, false, "the body is not valid gzip (Content-Encoding: gzip): %v", err)
	case (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)) && wire.eof:
		// Every byte the server sent arrived; the gzip data itself stops
		// short. Another attempt would get the same bytes.
		return f.fail(shown, resp.StatusCode, false, "the gzip stream is truncated: the body (%d bytes, all received) ends before the end of the compressed data", wire.n)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		if resp.ContentLength >= 0 {
			return f.fail(shown, resp.StatusCode, true, "the body was cut off after %d of %d bytes", wire.n, resp.ContentLength)
		}
		return f.fail(shown, resp.StatusCode, true, "the body was cut off after %d bytes", wire.n)
	}
	return f.fail(shown, resp.StatusCode, true, "the connection failed while reading the body: %v", innerError(err))
}

// redirectError stops a redirect that would carry the key to another
// origin (scheme, host and port), including a downgrade to plain HTTP.
type redirectError struct{ msg string }

func (e *redirectError) Error() string { return e.msg }

// checkRedirect follows a redirect only within the origin of the first
// request. net/http keeps the Authorization header on a redirect to the same
// host name on another port, where another service (or another user's
// process) may listen; refusing is safer than following without the key,
// which would only fail later with a 401 from the wrong server.
func (f *fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return &redirectError{"stopped after 5 redirects"}
	}
	from, to := origin(via[0].URL), origin(req.URL)
	if to == from {
		return nil
	}
	if via[0].URL.Scheme == "https" && req.URL.Scheme != "https" {
		return &redirectError{"redirected from https to plain http: not following, the request carries the " + f.names.Credential}
	}
	return &redirectError{fmt.Sprintf("redirected to another origin (%s, the request was to %s): not following, the request carries the %s; if that server is the right one, give it as %s", to, from, f.names.Credential, f.names.BaseFlag)}
}

// origin is scheme://host:port with the default port made explicit and the
// host lower-cased, so equal origins compare equal as strings.
func origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "http":
			port = "80"
		case "https":
			port = "443"
		}
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// ctxFailure reports a finished context: our own --timeout, or the caller's
// cancellation.
func (f *fetcher) ctxFailure(ctx context.Context, shown string) *failure {
	if errors.Is(context.Cause(ctx), errTimeout) {
		return f.fail(shown, 0, false, "timed out after %s (raise --timeout)", f.timeout)
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return f.fail(shown, 0, false, "deadline exceeded")
	}
	return f.fail(shown, 0, false, "canceled")
}

// innerError strips *url.Error, whose text repeats the method and URL (the
// FetchError already names the URL).
func innerError(err error) error {
	var ue *url.Error
	for errors.As(err, &ue) {
		err = ue.Err
	}
	return err
}

func (f *fetcher) networkFailure(ctx context.Context, shown string, err error) *failure {
	if ctx.Err() != nil {
		return f.ctxFailure(ctx, shown)
	}
	inner := innerError(err)
	var (
		redir    *redirectError
		dnsErr   *net.DNSError
		opErr    *net.OpError
		certErr  *tls.CertificateVerificationError
		uaErr    x509.UnknownAuthorityError
		hostErr  x509.HostnameError
		invErr   x509.CertificateInvalidError
		recErr   tls.RecordHeaderError
		netErr   net.Error
		protoErr textproto.ProtocolError
	)
	switch {
	case errors.As(inner, &redir):
		return f.fail(shown, 0, false, "%s", redir.msg)
	case errors.As(inner, &dnsErr):
		return f.fail(shown, 0, dnsErr.IsTemporary || dnsErr.IsTimeout, "cannot resolve host %s: %s", dnsErr.Name, dnsErr.Err)
	case errors.As(inner, &certErr), errors.As(inner, &uaErr), errors.As(inner, &hostErr), errors.As(inner, &invErr):
		return f.fail(shown, 0, false, "TLS certificate problem: %v", inner)
	case strings.Contains(inner.Error(), "server gave HTTP response to HTTPS client"):
		// net/http's own error for this case is not exported.
		return f.fail(shown, 0, false, "the server answered in plain HTTP: use an http:// base URI")
	case errors.As(inner, &recErr):
		return f.fail(shown, 0, false, "TLS handshake failed (is the base URI http:// rather than https://?): %v", inner)
	case errors.As(inner, &opErr) && opErr.Op == "proxyconnect":
		return f.fail(shown, 0, true, "cannot reach the HTTP proxy set by HTTPS_PROXY/HTTP_PROXY: %v", opErr.Err)
	case errors.As(inner, &opErr) && opErr.Op == "dial" && opErr.Timeout():
		return f.fail(shown, 0, true, "could not connect within %s", f.connectTimeout)
	case errors.Is(inner, syscall.ECONNREFUSED):
		return f.fail(shown, 0, true, "connection refused")
	case errors.As(inner, &protoErr), strings.Contains(inner.Error(), "malformed HTTP"):
		// A broken status line or header: the server's answer, not the
		// network's, so another attempt would get the same.
		return f.fail(shown, 0, false, "the server sent a malformed HTTP response: %v", protocolDetail(inner))
	case errors.As(inner, &netErr) && netErr.Timeout():
		return f.fail(shown, 0, true, "network timeout: %v", inner)
	}
	return f.fail(shown, 0, true, "network error: %v", inner)
}

// protocolDetail is net/http's description of a malformed response without
// its "net/http: Transport failed to read from server:" wrapping.
func protocolDetail(err error) string {
	var pe textproto.ProtocolError
	if errors.As(err, &pe) {
		return string(pe)
	}
	msg := err.Error()
	if i := strings.Index(msg, "malformed HTTP"); i >= 0 {
		return msg[i:]
	}
	return msg
}
