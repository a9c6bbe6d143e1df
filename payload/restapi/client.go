package restapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ldfallback/ldfallback/flagmeta"
	"github.com/ldfallback/ldfallback/payload"
	"github.com/ldfallback/ldfallback/payload/fetch"
)

// Base URIs of LaunchDarkly's REST API, as its API documentation ("Federal
// and EU environments") gives them.
const (
	DefaultBaseURI = "https://app.launchdarkly.com"
	EUBaseURI      = "https://app.eu.launchdarkly.com"
	FederalBaseURI = "https://app.launchdarkly.us"
)

// APIVersion is sent as LD-API-Version, so the shapes read are the ones
// documented for it whatever version the token was created with (the API's
// "Versioning" documentation recommends setting it on every request).
const APIVersion = "20240415"

// PageLimit is the page size asked for; the links the server returns are
// followed whatever size it chooses.
const PageLimit = 100

// maxPages stops a server whose links never end.
const maxPages = 100000

// Options configures one Load. Zero durations and sizes take payload/fetch's
// defaults.
type Options struct {
	Token        string   // access token, sent as the raw Authorization header
	Project      string   // project key
	Environments []string // environment keys, at least one
	BaseURI      string   // default DefaultBaseURI

	ConnectTimeout time.Duration
	Timeout        time.Duration // the whole Load, every page and retry included
	Retries        int           // after the first attempt of each request
	MinBackoff     time.Duration
	MaxBackoff     time.Duration
	MaxBodyBytes   int64 // limit on each page
	UserAgent      string
	HTTPClient     *http.Client
	Logf           func(format string, args ...any)
}

// String prints Options with the token redacted.
func (o Options) String() string {
	tok := ""
	if o.Token != "" {
		tok = "[redacted API token]"
	}
	return fmt.Sprintf("restapi.Options{Token:%s Project:%q Environments:%q BaseURI:%q}", tok, o.Project, o.Environments, o.BaseURI)
}

// GoString implements fmt.GoStringer; see String.
func (o Options) GoString() string { return o.String() }

// Env is one environment's flags, as a fetched latest-all payload.
type Env struct {
	Key     string
	Payload *payload.Payload
	// Source names where the flags came from in messages: the flags URL and
	// the environment.
	Source string
}

// Result is a project's flags in the environments asked for, and their
// metadata (archived flags included).
type Result struct {
	Envs []Env
	Meta flagmeta.Set
}

// Load reads the project's flags in every environment of o (one listing,
// paged), its archived flags, and the segments the rules test.
func Load(ctx context.Context, o Options) (*Result, error) {
	if err := checkKey("--project", o.Project); err != nil {
		return nil, err
	}
	if len(o.Environments) == 0 {
		return nil, &payload.InputError{Source: "--environment", Msg: "the REST API needs at least one environment key (--environment KEY)"}
	}
	envs := dedupe(o.Environments)
	for _, e := range envs {
		if err := checkKey("--environment", e); err != nil {
			return nil, err
		}
	}
	c := &client{project: o.Project}
	s, err := fetch.NewSession(ctx, fetch.Options{
		SDKKey:         o.Token,
		BaseURI:        orDefault(o.BaseURI),
		ConnectTimeout: o.ConnectTimeout,
		Timeout:        o.Timeout,
		Retries:        o.Retries,
		MinBackoff:     o.MinBackoff,
		MaxBackoff:     o.MaxBackoff,
		MaxBodyBytes:   o.MaxBodyBytes,
		UserAgent:      o.UserAgent,
		HTTPClient:     o.HTTPClient,
		Logf:           o.Logf,
		Header:         http.Header{"Ld-Api-Version": {APIVersion}},
		Names:          fetch.Names{Credential: "API token", Flag: "--api-token", Env: "LD_API_TOKEN", BaseFlag: "--api-base-uri"},
		StatusMessage:  c.statusMessage,
	})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	c.s = s
	if looksLikeSDKKey(o.Token) {
		s.Logf("warning: the API token looks like an SDK or mobile key: the REST API needs an access token (Account settings → Authorization)")
	}
	return c.load(envs)
}

type client struct {
	s       *fetch.Session
	project string
	// what names the resource being read, for a 404.
	what string
}

func (c *client) statusMessage(code int) string {
	switch code {
	case http.StatusUnauthorized:
		return "the API token was rejected (401 Unauthorized): check that LD_API_TOKEN (or --api-token) holds a valid LaunchDarkly access token (not an SDK key) and --api-base-uri is its instance"
	case http.StatusForbidden:
		return fmt.Sprintf("the API token may not read this (403 Forbidden): give it a role that can read project %q (a reader role is enough)", c.project)
	case http.StatusNotFound:
		return c.what + " not found (404): check --project, --environment and --api-base-uri"
	}
	return ""
}

func (c *client) load(envs []string) (*Result, error) {
	q := url.Values{}
	for _, e := range envs {
		q.Add("env", e)
	}
	q.Set("summary", "0")
	flagsPath := "/api/v2/flags/" + url.PathEscape(c.project)
	flagsShown := strings.TrimRight(c.s.Base(), "/") + flagsPath

	c.what = fmt.Sprintf("project %q", c.project)
	var live []restFlag
	err := c.pages(flagsPath, q, "flags", func(body []byte) (int, map[string]restLink, *int64, error) {
		p, err := decodeFlagPage(body)
		if err != nil {
			return 0, nil, nil, err
		}
		live = append(live, p.Items...)
		return len(p.Items), p.Links, p.TotalCount, nil
	})
	if err != nil {
		return nil, err
	}
	aq := url.Values{}
	aq.Set("filter", "state:archived")
	var archived []restFlag
	err = c.pages(flagsPath, aq, "archived flags", func(body []byte) (int, map[string]restLink, *int64, error) {
		p, err := decodeFlagPage(body)
		if err != nil {
			return 0, nil, nil, err
		}
		archived = append(archived, p.Items...)
		return len(p.Items), p.Links, p.TotalCount, nil
	})
	if err != nil {
		return nil, err
	}

	res := &Result{Meta: flagmeta.Set{}}
	liveKeys := map[string]bool{}
	for i := range live {
		f := &live[i]
		if f.Key == "" {
			return nil, &payload.FetchError{URL: flagsShown, Msg: "the response is not the documented flags list: a flag has no key"}
		}
		liveKeys[f.Key] = true
		res.Meta[f.Key] = meta(f)
	}
	for i := range archived {
		f := &archived[i]
		if f.Key == "" || liveKeys[f.Key] {
			// A flag listed as live is live: the list of archived flags
			// cannot take it out of the payload.
			continue
		}
		m := meta(f)
		m.Archived = true
		res.Meta[f.Key] = m
	}

	for _, env := range envs {
		flags, refs, dups, err := envFlags(live, env, c.project)
		if err != nil {
			return nil, &payload.FetchError{URL: flagsShown, Msg: err.Error()}
		}
		if dups > 0 {
			c.s.Logf("warning: %d flag(s) appeared on two pages of the list (flags changed while it was read): the last copy is used", dups)
		}
		segments := map[string]sdkSegment{}
		if len(refs) > 0 {
			if err := c.segments(env, refs, segments); err != nil {
				return nil, err
			}
		}
		doc, err := latestAll(flags, segments)
		if err != nil {
			return nil, &payload.FetchError{URL: flagsShown, Msg: err.Error()}
		}
		source := fmt.Sprintf("%s (environment %s)", flagsShown, env)
		p, err := payload.ParseLean(doc, source)
		if err != nil {
			var ie *payload.InputError
			if errors.As(err, &ie) {
				return nil, &payload.FetchError{URL: flagsShown, Msg: fmt.Sprintf("environment %q: the flags do not make a valid SDK payload: %s", env, ie.Msg)}
			}
			return nil, err
		}
		res.Envs = append(res.Envs, Env{Key: env, Payload: p, Source: source})
	}
	return res, nil
}

// envFlags maps every live flag's configuration in env to the SDK's shape,
// and collects the segments its rules test. dups counts flags listed twice.
func envFlags(live []restFlag, env, project string) (flags map[string]sdkFlag, refs map[string]bool, dups int, err error) {
	flags = map[string]sdkFlag{}
	refs = map[string]bool{}
	for i := range live {
		f := &live[i]
		if f.Archived {
			continue
		}
		raw, ok := f.Environments[env]
		if !ok {
			return nil, nil, 0, fmt.Errorf("flag %q has no configuration for environment %q: check --environment (an environment key of project %q, not its name)", f.Key, env, project)
		}
		e, err := decodeEnv(raw)
		if err != nil {
			return nil, nil, 0, fmt.Errorf("the response is not the documented flags list: flag %q, environment %q: %v", f.Key, env, err)
		}
		if _, seen := flags[f.Key]; seen {
			dups++
		}
		flags[f.Key] = envFlag(f, e)
		segmentRefs(e, refs)
	}
	return flags, refs, dups, nil
}

// segments reads the environment's segments and keeps those the rules
// test. A big segment's members are not in the API (nor in the SDK
// payload: the SDK asks a big segment store): its rules are kept, and a
// warning says that a rule testing it is assumed able to match, as every
// rule is.
func (c *client) segments(env string, refs map[string]bool, out map[string]sdkSegment) error {
	path := "/api/v2/segments/" + url.PathEscape(c.project) + "/" + url.PathEscape(env)
	c.what = fmt.Sprintf("environment %q of project %q", env, c.project)
	err := c.pages(path, url.Values{}, "segments", func(body []byte) (int, map[string]restLink, *int64, error) {
		p, err := decodeSegmentPage(body)
		if err != nil {
			return 0, nil, nil, err
		}
		for i := range p.Items {
			sg := &p.Items[i]
			if !refs[sg.Key] || sg.Deleted {
				continue
			}
			out[sg.Key] = segment(sg)
		}
		return len(p.Items), p.Links, p.TotalCount, nil
	})
	if err != nil {
		return err
	}
	var big, missing []string
	for k := range refs {
		sg, ok := out[k]
		switch {
		case !ok:
			missing = append(missing, k)
		case sg.Unbounded:
			big = append(big, k)
		}
	}
	sort.Strings(big)
	sort.Strings(missing)
	if len(big) > 0 {
		c.s.Logf("note: environment %s: %d big segment(s) tested by rules (%s): their members are not in the REST API, so those rules are assumed able to match", env, len(big), strings.Join(big, ", "))
	}
	if len(missing) > 0 {
		c.s.Logf("warning: environment %s: %d segment(s) tested by rules are not in the project (%s): those rules are assumed able to match", env, len(missing), strings.Join(missing, ", "))
	}
	return nil
}

// pages reads a paged list: the first page at path?query&limit=…&offset=0,
// then the "next" link of each page ("_links": {"next": {"href": …}}), or,
// when a page has no links but totalCount says more, the next offset.
func (c *client) pages(path string, q url.Values, what string, page func(body []byte) (n int, links map[string]restLink, total *int64, err error)) error {
	first := func(offset int) string {
		qq := url.Values{}
		for k, v := range q {
			qq[k] = v
		}
		qq.Set("limit", strconv.Itoa(PageLimit))
		qq.Set("offset", strconv.Itoa(offset))
		return path + "?" + qq.Encode()
	}
	ref := first(0)
	seen := map[string]bool{}
	count := 0
	for i := 0; ; i++ {
		if i >= maxPages {
			return &payload.FetchError{URL: c.s.Base() + path, Msg: fmt.Sprintf("the %s list did not end after %d pages", what, maxPages)}
		}
		seen[ref] = true
		res, err := c.s.Get(ref)
		if err != nil {
			return err
		}
		n, links, total, err := page(res.Body)
		if err != nil {
			return &payload.FetchError{URL: res.URL, Status: http.StatusOK, Msg: fmt.Sprintf("the response is not the documented %s list: %v", what, err)}
		}
		count += n
		if next := links["next"].Href; next != "" {
			if seen[next] {
				return &payload.FetchError{URL: res.URL, Msg: fmt.Sprintf("the %s list's next link leads back to a page already read", what)}
			}
			ref = next
			continue
		}
		if total != nil && int64(count) < *total && n > 0 && links == nil {
			ref = first(count)
			if seen[ref] {
				return &payload.FetchError{URL: res.URL, Msg: fmt.Sprintf("the %s list's pages repeat", what)}
			}
			continue
		}
		return nil
	}
}

// checkKey accepts a project or environment key as LaunchDarkly defines
// them (letters, digits, '.', '_', '-'); it goes into a URL path.
func checkKey(flag, key string) error {
	if key == "" {
		return &payload.InputError{Source: flag, Msg: "the REST API needs a key (" + flag + " KEY)"}
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return &payload.InputError{Source: flag, Msg: fmt.Sprintf("%q is not a LaunchDarkly key (letters, digits, '.', '_', '-')", key)}
		}
	}
	return nil
}

func dedupe(keys []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

func orDefault(base string) string {
	if strings.TrimSpace(base) == "" {
		return DefaultBaseURI
	}
	return base
}

// looksLikeSDKKey reports a credential of the SDK kind given as an API
// token (a common mix-up: both are called keys).
func looksLikeSDKKey(tok string) bool {
	tok = strings.TrimSpace(tok)
	return strings.HasPrefix(tok, "sdk-") || strings.HasPrefix(tok, "mob-")
}
