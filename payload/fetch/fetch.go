package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/ldfallback/ldfallback/payload"
)

// Endpoint paths, relative to the base URI.
const (
	// PathLatestAll serves {"flags":{…},"segments":{…}}.
	PathLatestAll = "/sdk/latest-all"
	// PathFlags serves a bare flag map; a Relay Proxy has it but not latest-all.
	PathFlags = "/sdk/flags"
	// PathPoll serves an FDv2 poll document, {"events":[…]} (payload/fdv2.go):
	// the path python-server-sdk (ldclient/impl/datasourcev2/polling.py,
	// FDV2_POLLING_ENDPOINT) and js-core poll. Asked without a "basis"
	// query parameter, the server sends a full transfer.
	PathPoll = "/sdk/poll"
)

// FallbackHeader is the FDv1 fallback directive: a response to an FDv2
// request that carries it with the value "true" (any case, as js-core's
// fallbackDirective.ts reads it; python-server-sdk ldclient/impl/util.py
// names it _LD_FD_FALLBACK_HEADER) asks the SDK to use the FDv1 endpoints
// instead, whatever its status.
const FallbackHeader = "X-LD-FD-Fallback"

// Protocol is the flag delivery protocol a Fetch speaks.
type Protocol string

const (
	// ProtocolFDv1 fetches latest-all (or /sdk/flags from a Relay Proxy), as
	// every generally available server-side SDK polls. The default.
	ProtocolFDv1 Protocol = "fdv1"
	// ProtocolFDv2 polls PathPoll and, when the answer carries the
	// FallbackHeader, fetches as ProtocolFDv1 instead.
	ProtocolFDv2 Protocol = "fdv2"
	// ProtocolAuto is ProtocolFDv2 that also falls back to FDv1 when the
	// server has no PathPoll (404: a Relay Proxy or a mirror that predates
	// FDv2).
	ProtocolAuto Protocol = "auto"
)

// Defaults used for zero-valued Options fields (Retries excepted: see Options).
const (
	DefaultBaseURI        = "https://sdk.launchdarkly.com"
	DefaultConnectTimeout = 10 * time.Second
	DefaultTimeout        = 60 * time.Second
	DefaultRetries        = 3
	DefaultMinBackoff     = 1 * time.Second
	DefaultMaxBackoff     = 30 * time.Second
	DefaultMaxBodyBytes   = 512 << 20
)

// Options configures one Fetch. Zero durations and sizes take the defaults
// above.
type Options struct {
	SDKKey  string // server-side SDK key, sent as the raw Authorization header
	BaseURI string // default DefaultBaseURI; may carry a sub-path (a Relay behind a prefix)
	Relay   bool   // ask for PathFlags directly (a Relay Proxy)
	// Protocol is ProtocolFDv1 (also when empty), ProtocolFDv2 or ProtocolAuto.
	Protocol Protocol

	// CacheFile, when set, holds the last body with its ETag: the request
	// carries If-None-Match, and a 304 answer returns the cached body.
	CacheFile string

	ConnectTimeout time.Duration // TCP connect and TLS handshake, per connection
	Timeout        time.Duration // the whole Fetch, retries and waits included

	// Retries is the number of retries after the first attempt, on 408, 429,
	// 5xx, network errors and truncated bodies. Zero means no retry (so that
	// a CLI flag "--retries 0" means what it says): CLIs should default their
	// flag to DefaultRetries.
	Retries    int
	MinBackoff time.Duration // first backoff; doubles on each retry, with jitter
	MaxBackoff time.Duration // caps the backoff and any Retry-After the server sends

	MaxBodyBytes int64 // limit on the (decoded) body

	UserAgent  string       // default "ldfallback/<module version>"
	HTTPClient *http.Client // default: a client with proxy-from-environment and the timeouts above

	// Logf receives progress notes and warnings, one line per call, never
	// the key. Nil discards them.
	Logf func(format string, args ...any)

	// Header holds extra request headers (an API version); it must not
	// hold the credential, which goes in SDKKey.
	Header http.Header

	// Names words the credential and the flags that set it in messages;
	// the zero value is the SDK key's (--sdk-key, LD_SDK_KEY, --base-uri).
	Names Names

	// StatusMessage, when set, words the error of an HTTP status the
	// caller knows better (a REST API's 401, 403, 404); "" keeps the
	// default wording. It must not quote the body or the credential.
	StatusMessage func(code int) string

	// sleep waits between attempts; tests replace it to record waits.
	sleep func(ctx context.Context, d time.Duration) error
}

// Names words a credential in messages: what it is and where it comes from.
type Names struct {
	Credential string // "SDK key"
	Flag       string // "--sdk-key"
	Env        string // "LD_SDK_KEY"
	BaseFlag   string // "--base-uri"
	Missing    string // the whole message when no credential is given ("" = built from the above)
}

func (n Names) withDefaults() Names {
	if n.Credential == "" {
		n.Credential = "SDK key"
	}
	if n.Flag == "" {
		n.Flag = "--sdk-key"
	}
	if n.Env == "" {
		n.Env = "LD_SDK_KEY"
	}
	if n.BaseFlag == "" {
		n.BaseFlag = "--base-uri"
	}
	return n
}

// Result is a fetched payload body.
type Result struct {
	Body      []byte // the body, gzip-decoded; a JSON object (not otherwise parsed)
	URL       string // the URL the body came from, with no credential in it
	Path      string // PathLatestAll, PathFlags or PathPoll: the payload shape served
	FromCache bool   // the server answered 304 and Body is the cached copy
	ETag      string // the ETag of Body, "" when the server sent none
}

// Shape is the payload shape the endpoint serves: latest-all, or the bare
// flag map of /sdk/flags.
func (r *Result) Shape() payload.Shape {
	switch r.Path {
	case PathFlags:
		return payload.ShapeFlagMap
	case PathPoll:
		return payload.ShapeFDv2
	}
	return payload.ShapeLatestAll
}

// Fetch downloads the flag payload. Errors are *payload.InputError (exit 2)
// for a missing or malformed key or base URI, and *payload.FetchError
// (exit 3) for everything that happens on the wire. No error, log line or
// file produced here contains the SDK key.
func Fetch(ctx context.Context, o Options) (*Result, error) {
	f, err := newFetcher(o)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeoutCause(ctx, f.timeout, errTimeout)
	defer cancel()
	if o.HTTPClient == nil {
		// The transport is this call's own: do not leave its connections idle.
		defer f.client.CloseIdleConnections()
	}

	if f.protocol == ProtocolFDv1 {
		return f.fetchFDv1(ctx)
	}
	res, fail := f.fetchPath(ctx, PathPoll)
	switch {
	case f.fallback:
		f.logf("%s answered %s with %s: true (the service asks for the FDv1 protocol): fetching %s instead", f.baseShown, PathPoll, FallbackHeader, f.fdv1Path())
		return f.fetchFDv1(ctx)
	case fail == nil:
		return res, nil
	case f.protocol == ProtocolAuto && fail.Status == http.StatusNotFound:
		f.logf("%s has no FDv2 endpoint (404 on %s): fetching %s (FDv1) instead", f.baseShown, PathPoll, f.fdv1Path())
		return f.fetchFDv1(ctx)
	}
	return nil, fail
}

// fdv1Path is the first FDv1 path fetchFDv1 asks for.
func (f *fetcher) fdv1Path() string {
	if f.relay {
		return PathFlags
	}
	return PathLatestAll
}

// fetchFDv1 fetches latest-all, or /sdk/flags from a Relay Proxy (asked for,
// or guessed from a 404 on latest-all from a host that is not LaunchDarkly's).
func (f *fetcher) fetchFDv1(ctx context.Context) (*Result, error) {
	if !f.relay {
		res, fail := f.fetchPath(ctx, PathLatestAll)
		if fail == nil {
			return res, nil
		}
		if fail.Status != http.StatusNotFound || f.isLaunchDarkly() {
			return nil, fail
		}
		f.logf("%s answered 404 on %s: trying the Relay Proxy endpoint %s (use --relay to skip this)", f.baseShown, PathLatestAll, PathFlags)
		res, fail2 := f.fetchPath(ctx, PathFlags)
		if fail2 == nil {
			return res, nil
		}
		if fail2.Status == http.StatusNotFound {
			fail2.Msg = fmt.Sprintf("not found (404) at both %s and %s: check --base-uri", PathLatestAll, PathFlags)
		}
		return nil, fail2
	}
	res, fail := f.fetchPath(ctx, PathFlags)
	if fail != nil {
		return nil, fail
	}
	return res, nil
}

var errTimeout = errors.New("ldfallback fetch timeout")

// fetcher is one Fetch call's resolved options.
type fetcher struct {
	key       string
	kind      keyKind
	base      *url.URL // no trailing slash on Path
	baseShown string   // base for messages: no userinfo
	relay     bool
	protocol  Protocol
	cacheFile string
	// path is the endpoint being fetched; fallback is set when a response
	// from PathPoll carried the FallbackHeader.
	path     string
	fallback bool

	connectTimeout, timeout time.Duration
	retries                 int
	minBackoff, maxBackoff  time.Duration
	maxBody                 int64
	userAgent               string
	client                  *http.Client
	logf                    func(format string, args ...any)
	sleep                   func(ctx context.Context, d time.Duration) error
	scrub                   scrubber
	names                   Names
	sdkKey                  bool // the credential is an SDK key (key-kind hints apply)
	statusMessage           func(code int) string
	header                  http.Header
}

func newFetcher(o Options) (*fetcher, error) {
	f := &fetcher{
		relay:          o.Relay,
		protocol:       o.Protocol,
		cacheFile:      o.CacheFile,
		connectTimeout: orDefault(o.ConnectTimeout, DefaultConnectTimeout),
		timeout:        orDefault(o.Timeout, DefaultTimeout),
		retries:        max(o.Retries, 0),
		minBackoff:     orDefault(o.MinBackoff, DefaultMinBackoff),
		maxBackoff:     orDefault(o.MaxBackoff, DefaultMaxBackoff),
		maxBody:        orDefault(o.MaxBodyBytes, DefaultMaxBodyBytes),
		userAgent:      o.UserAgent,
		sleep:          o.sleep,
		names:          o.Names.withDefaults(),
		sdkKey:         o.Names == (Names{}),
		statusMessage:  o.StatusMessage,
		header:         o.Header,
	}
	raw := o.SDKKey
	f.key = strings.Trim(raw, " \t\r\n")
	// Scrub the key as given as well as trimmed, and its URL-escaped form
	// (how it would look if a server echoed it into a redirect URL).
	f.scrub = newScrubber(raw, f.key, url.QueryEscape(f.key), url.PathEscape(f.key))
	if !f.sdkKey {
		f.scrub.mask = "[redacted " + f.names.Credential + "]"
	}
	logf := o.Logf
	f.logf = func(format string, args ...any) {
		if logf != nil {
			logf("%s", f.scrub.scrub(fmt.Sprintf(format, args...)))
		}
	}
	switch f.protocol {
	case "":
		f.protocol = ProtocolFDv1
	case ProtocolFDv1, ProtocolFDv2, ProtocolAuto:
	default:
		return nil, &payload.InputError{Source: "--protocol", Msg: fmt.Sprintf("%q is not a protocol: fdv1, fdv2 or auto", string(f.protocol))}
	}
	if err := checkKey(f.key, f.names); err != nil {
		return nil, &payload.InputError{Source: f.names.Flag, Msg: f.scrub.scrub(err.Error())}
	}
	if f.key != raw {
		f.logf("note: removed whitespace around the %s", f.names.Credential)
	}
	if f.sdkKey {
		f.kind = classifyKey(f.key)
		if f.kind == kindMobile || f.kind == kindClientSideID {
			f.logf("warning: %s", keyHint(f.kind))
		}
	}

	base := o.BaseURI
	if base == "" {
		base = DefaultBaseURI
	}
	u, err := url.Parse(strings.TrimSpace(base))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &payload.InputError{Source: f.names.BaseFlag, Msg: "not an absolute http:// or https:// URL"}
	}
	if u.User != nil {
		return nil, &payload.InputError{Source: f.names.BaseFlag, Msg: "must not contain user:password@ (the " + f.names.Credential + " is the credential)"}
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return nil, &payload.InputError{Source: f.names.BaseFlag, Msg: "must not contain a query or fragment"}
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	f.base = u
	f.baseShown = f.scrub.scrub(u.String())

	if f.userAgent == "" {
		f.userAgent = "ldfallback/" + moduleVersion()
	}
	if f.sleep == nil {
		f.sleep = sleepCtx
	}
	f.client = f.newClient(o.HTTPClient)
	return f, nil
}

func orDefault[T time.Duration | int64](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

func moduleVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// newClient copies the caller's client (so its CheckRedirect can be set
// without touching theirs) or builds one honouring HTTP_PROXY, HTTPS_PROXY
// and NO_PROXY.
func (f *fetcher) newClient(c *http.Client) *http.Client {
	var cl http.Client
	if c != nil {
		cl = *c
	} else {
		d := &net.Dialer{Timeout: f.connectTimeout, KeepAlive: 30 * time.Second}
		cl.Transport = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           d.DialContext,
			TLSHandshakeTimeout:   f.connectTimeout,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          4,
			IdleConnTimeout:       30 * time.Second,
			ExpectContinueTimeout: time.Second,
		}
	}
	cl.CheckRedirect = f.checkRedirect
	return &cl
}

// isLaunchDarkly reports whether the base URI is LaunchDarkly's own service
// (commercial or federal), where a 404 is not a Relay Proxy sign.
func (f *fetcher) isLaunchDarkly() bool {
	h := strings.ToLower(f.base.Hostname())
	return h == "launchdarkly.com" || strings.HasSuffix(h, ".launchdarkly.com") ||
		h == "launchdarkly.us" || strings.HasSuffix(h, ".launchdarkly.us")
}

// endpoint is the URL of path under the base URI.
func (f *fetcher) endpoint(path string) *url.URL {
	u := *f.base
	u.Path = f.base.Path + path
	return &u
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// String and GoString print Options with the key redacted, so that logging
// the options by mistake (%v, %+v, %#v) cannot leak it.
func (o Options) String() string {
	key := ""
	if o.SDKKey != "" {
		key = redacted
	}
	return fmt.Sprintf("fetch.Options{SDKKey:%s BaseURI:%q Relay:%v Protocol:%q CacheFile:%q ConnectTimeout:%s Timeout:%s Retries:%d MinBackoff:%s MaxBackoff:%s MaxBodyBytes:%d UserAgent:%q}",
		key, o.BaseURI, o.Relay, o.Protocol, o.CacheFile, o.ConnectTimeout, o.Timeout, o.Retries, o.MinBackoff, o.MaxBackoff, o.MaxBodyBytes, o.UserAgent)
}

// GoString implements fmt.GoStringer; see String.
func (o Options) GoString() string { return o.String() }
