package restapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ldfallback/ldfallback/flagmeta"
	"github.com/ldfallback/ldfallback/payload"
)

// smallProject is two environments of three flags, an archived flag and a
// deprecated one, in the REST API's documented shape.
func smallProject(t *testing.T) *fakeLD {
	env := func(on bool, off any, rules ...any) map[string]any {
		return map[string]any{"on": on, "archived": false, "salt": "s", "sel": "x", "lastModified": 1, "version": 4,
			"targets": []any{}, "contextTargets": []any{}, "rules": append([]any{}, rules...),
			"fallthrough": map[string]any{"variation": 0}, "offVariation": off, "prerequisites": []any{},
			"_site": map[string]any{"href": "/x"}, "_environmentName": "E", "trackEvents": false, "trackEventsFallthrough": false}
	}
	boolVars := []any{map[string]any{"_id": "a", "value": true}, map[string]any{"_id": "b", "value": false}}
	flag := func(key string, extra map[string]any, envs map[string]any) map[string]any {
		f := map[string]any{"key": key, "name": key, "kind": "boolean", "variations": boolVars, "_version": 1,
			"creationDate": int64(1700000000000), "temporary": false, "tags": []any{"z", "a"}, "archived": false,
			"_links": map[string]any{}, "experiments": map[string]any{}, "customProperties": map[string]any{},
			"environments": envs}
		for k, v := range extra {
			f[k] = v
		}
		return f
	}
	disabledRule := map[string]any{"_id": "r1", "disabled": true, "variation": 1, "trackEvents": false,
		"clauses": []any{map[string]any{"_id": "c", "attribute": "country", "op": "in", "values": []any{"fr"}, "negate": false}}}
	segRule := map[string]any{"_id": "r2", "variation": 1, "trackEvents": false,
		"clauses": []any{map[string]any{"_id": "c", "attribute": "segmentMatch", "op": "segmentMatch", "values": []any{"big-one", "gone"}, "negate": false}}}
	return &fakeLD{t: t, token: testToken, project: "shop",
		flags: []map[string]any{
			flag("checkout", map[string]any{"temporary": true, "_maintainer": map[string]any{"_id": "m", "email": "ana@example.com", "role": "admin", "_links": map[string]any{}}},
				map[string]any{"production": env(true, 1), "staging": env(false, 1)}),
			flag("old-banner", map[string]any{"deprecated": true, "deprecatedDate": int64(1710000000000), "_maintainerTeam": map[string]any{"key": "web", "name": "Web team"}},
				map[string]any{"production": env(true, 1, disabledRule), "staging": env(true, 1)}),
			flag("seg-flag", nil, map[string]any{"production": env(true, 1, segRule), "staging": env(true, 1)}),
		},
		archived: []map[string]any{
			flag("legacy-checkout", map[string]any{"archived": true, "archivedDate": int64(1720000000000)}, map[string]any{}),
		},
		segments: map[string][]map[string]any{
			"production": {{"key": "big-one", "unbounded": true, "unboundedContextKind": "user", "generation": 2, "version": 1, "deleted": false, "rules": []any{}}},
			"staging":    {},
		},
	}
}

func TestLoadTwoEnvironmentsAndMetadata(t *testing.T) {
	f := smallProject(t)
	f.pageMax = 1 // every flag on its own page: _links.next followed
	s := f.start()
	res, lg, err := load(t, f, s.URL, "production", "staging", "production")
	if err != nil {
		t.Fatal(err)
	}
	if got := len(res.Envs); got != 2 {
		t.Fatalf("environments: %d", got)
	}
	prod, stag := res.Envs[0], res.Envs[1]
	if prod.Key != "production" || stag.Key != "staging" {
		t.Fatalf("order: %s %s", prod.Key, stag.Key)
	}
	for _, e := range res.Envs {
		if len(e.Payload.Flags) != 3 || e.Payload.Flags["legacy-checkout"] != nil {
			t.Errorf("%s: flags %v (the archived flag must not be in the payload)", e.Key, e.Payload.Keys())
		}
	}
	if !prod.Payload.Flags["checkout"].On || stag.Payload.Flags["checkout"].On {
		t.Errorf("per-environment on/off not kept")
	}
	if n := len(prod.Payload.Flags["old-banner"].Rules); n != 0 {
		t.Errorf("a disabled rule was kept (%d rules)", n)
	}
	if !strings.Contains(lg.String(), "big segment(s) tested by rules (big-one)") || !strings.Contains(lg.String(), "not in the project (gone)") {
		t.Errorf("segment notes missing:\n%s", lg)
	}
	// One flags listing per page (3 pages), one archived listing, one segment listing (production only).
	var flagsReqs, segReqs, archReqs int
	for _, r := range f.requests {
		switch {
		case strings.Contains(r, "filter=state%3Aarchived"):
			archReqs++
		case strings.HasPrefix(r, "/api/v2/flags/shop"):
			flagsReqs++
			if !strings.Contains(r, "env=production&env=staging") || !strings.Contains(r, "summary=0") {
				t.Errorf("flags request %s lacks env=…&env=…&summary=0", r)
			}
		case strings.HasPrefix(r, "/api/v2/segments/shop/production"):
			segReqs++
		default:
			t.Errorf("unexpected request %s", r)
		}
	}
	if flagsReqs != 3 || archReqs != 1 || segReqs != 1 {
		t.Errorf("requests: %d flags pages, %d archived, %d segments: %q", flagsReqs, archReqs, segReqs, f.requests)
	}

	want := flagmeta.Set{
		"checkout": {Key: "checkout", Name: "checkout", Kind: "boolean", Temporary: true, Known: true, Tags: []string{"a", "z"},
			Maintainer: "ana@example.com", Created: time.UnixMilli(1700000000000).UTC()},
		"old-banner": {Key: "old-banner", Name: "old-banner", Kind: "boolean", Known: true, Tags: []string{"a", "z"},
			Maintainer: "Web team", Created: time.UnixMilli(1700000000000).UTC(), Deprecated: true, DeprecatedDate: time.UnixMilli(1710000000000).UTC()},
		"seg-flag": {Key: "seg-flag", Name: "seg-flag", Kind: "boolean", Known: true, Tags: []string{"a", "z"},
			Created: time.UnixMilli(1700000000000).UTC()},
		"legacy-checkout": {Key: "legacy-checkout", Name: "legacy-checkout", Kind: "boolean", Known: true, Tags: []string{"a", "z"},
			Created: time.UnixMilli(1700000000000).UTC(), Archived: true, ArchivedDate: time.UnixMilli(1720000000000).UTC()},
	}
	for k, w := range want {
		g, ok := res.Meta.Of(k)
		if !ok {
			t.Errorf("%s: no metadata", k)
			continue
		}
		if fmt.Sprintf("%+v", g) != fmt.Sprintf("%+v", w) {
			t.Errorf("%s:\n got %+v\nwant %+v", k, g, w)
		}
	}
}

func TestRateLimitedThenSuccess(t *testing.T) {
	// Each case gives the 429's header and the earliest instant the retry may
	// be sent. The instants are absolute (not a duration from the test's own
	// start), so a loaded machine can only make the retry later, never make
	// the check fail.
	for _, tc := range []struct {
		name   string
		header func() (http.Header, time.Time)
	}{
		{"X-Ratelimit-Reset", func() (http.Header, time.Time) {
			reset := time.Now().Add(300 * time.Millisecond).Truncate(time.Millisecond)
			return http.Header{"X-Ratelimit-Reset": {strconv.FormatInt(reset.UnixMilli(), 10)}, "X-Ratelimit-Route-Remaining": {"0"}}, reset
		}},
		{"Retry-After", func() (http.Header, time.Time) {
			// Retry-After counts from the 429, which comes after this instant.
			return http.Header{"Retry-After": {"1"}}, time.Now().Add(time.Second)
		}},
		{"no header", func() (http.Header, time.Time) { return http.Header{}, time.Time{} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := smallProject(t)
			f.tooMany = 1
			var notBefore time.Time
			f.header429, notBefore = tc.header()
			s := f.start()
			res, lg, err := load(t, f, s.URL, "production")
			if err != nil {
				t.Fatal(err)
			}
			if now := time.Now(); now.Before(notBefore) {
				t.Errorf("retried %s before the server allowed it", notBefore.Sub(now))
			}
			if len(res.Envs) != 1 || len(res.Envs[0].Payload.Flags) != 3 {
				t.Errorf("wrong result after the retry")
			}
			if !strings.Contains(lg.String(), "rate limited (429 Too Many Requests); retrying") {
				t.Errorf("no retry note:\n%s", lg)
			}
		})
	}
}

func TestRateLimitGivesUp(t *testing.T) {
	f := smallProject(t)
	f.tooMany = 100
	s := f.start()
	_, _, err := load(t, f, s.URL, "production")
	var fe *payload.FetchError
	if !errors.As(err, &fe) || fe.Status != http.StatusTooManyRequests || !strings.Contains(err.Error(), "gave up after 3 attempts") {
		t.Fatalf("err = %v", err)
	}
}

// TestStatusErrors: 401, 403 and 404 are one line naming the token or the
// project, exit code 3, and never the token or the body (which echoes it).
func TestStatusErrors(t *testing.T) {
	for _, tc := range []struct {
		status int
		token  string
		want   string
	}{
		{http.StatusUnauthorized, "api-wrong-token-123456", "the API token was rejected (401 Unauthorized)"},
		{http.StatusForbidden, testToken, `may not read this (403 Forbidden): give it a role that can read project "shop"`},
		{http.StatusNotFound, testToken, `project "shop" not found (404)`},
	} {
		t.Run(strconv.Itoa(tc.status), func(t *testing.T) {
			f := smallProject(t)
			f.status = tc.status
			s := f.start()
			lg := &logs{}
			_, err := Load(context.Background(), Options{Token: tc.token, Project: "shop", Environments: []string{"production"},
				BaseURI: s.URL, Retries: 2, MinBackoff: time.Millisecond, Logf: lg.logf})
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) {
				t.Errorf("error %q lacks %q", msg, tc.want)
			}
			for _, secret := range []string{tc.token, testToken, "Invalid access token", "message"} {
				if strings.Contains(msg, secret) || strings.Contains(lg.String(), secret) {
					t.Errorf("%q leaked: %s\n%s", secret, msg, lg)
				}
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("not one line: %q", msg)
			}
			var ec interface{ ExitCode() int }
			if !errors.As(err, &ec) || ec.ExitCode() != 3 {
				t.Errorf("exit code: %v", err)
			}
			if len(f.requests) != 1 {
				t.Errorf("%d requests: a %d is not retried", len(f.requests), tc.status)
			}
		})
	}
}

func TestSegmentsOfUnknownEnvironment(t *testing.T) {
	f := smallProject(t)
	delete(f.segments, "production")
	s := f.start()
	_, _, err := load(t, f, s.URL, "production")
	if err == nil || !strings.Contains(err.Error(), `environment "production" of project "shop" not found (404)`) {
		t.Fatalf("err = %v", err)
	}
}

func TestEnvironmentNotInResponse(t *testing.T) {
	f := smallProject(t)
	s := f.start()
	_, _, err := load(t, f, s.URL, "prod")
	if err == nil || !strings.Contains(err.Error(), `no configuration for environment "prod"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestBadOptions(t *testing.T) {
	for _, tc := range []struct {
		o    Options
		want string
	}{
		{Options{Project: "p", Environments: []string{"e"}}, "--api-token: no API token: pass --api-token or set LD_API_TOKEN"},
		{Options{Token: "Bearer api-123456789", Project: "p", Environments: []string{"e"}}, "scheme word"},
		{Options{Token: testToken, Environments: []string{"e"}}, "--project"},
		{Options{Token: testToken, Project: "p/../x", Environments: []string{"e"}}, "not a LaunchDarkly key"},
		{Options{Token: testToken, Project: "p"}, "--environment"},
		{Options{Token: testToken, Project: "p", Environments: []string{"e"}, BaseURI: "app.launchdarkly.com"}, "--api-base-uri: not an absolute"},
		{Options{Token: "api-abc\n123456789", Project: "p", Environments: []string{"e"}}, "line break"},
	} {
		_, err := Load(context.Background(), tc.o)
		var ie *payload.InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: err = %v, want InputError with %q", tc.o, err, tc.want)
		}
		if err != nil && tc.o.Token != "" && strings.Contains(err.Error(), strings.TrimSpace(tc.o.Token)) {
			t.Errorf("token in %q", err)
		}
	}
}

// TestBaseURIs: the documented hosts, and an explicit base URI (an EU or
// federal instance behind a path prefix here) used for every request,
// links included.
func TestBaseURIs(t *testing.T) {
	if DefaultBaseURI != "https://app.launchdarkly.com" || EUBaseURI != "https://app.eu.launchdarkly.com" || FederalBaseURI != "https://app.launchdarkly.us" {
		t.Fatal("hosts differ from LaunchDarkly's API documentation")
	}
	f := smallProject(t)
	f.prefix = "/eu"
	f.pageMax = 2
	s := f.start()
	res, _, err := load(t, f, s.URL+"/eu/", "staging")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Envs[0].Payload.Flags) != 3 {
		t.Errorf("flags: %v", res.Envs[0].Payload.Keys())
	}
	if !strings.HasPrefix(res.Envs[0].Source, s.URL+"/eu/api/v2/flags/shop") {
		t.Errorf("source %q", res.Envs[0].Source)
	}
	for _, r := range f.requests {
		if !strings.HasPrefix(r, "/eu/api/v2/") {
			t.Errorf("request outside the base URI: %s", r)
		}
	}
}

// TestLinkToAnotherOrigin: a next link to another host is not followed
// (the request would carry the token).
func TestLinkToAnotherOrigin(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the token was sent to another origin")
	}))
	defer other.Close()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"items":[],"_links":{"next":{"href":%q}}}`, other.URL+"/api/v2/flags/shop?offset=1")
	}))
	defer s.Close()
	_, err := Load(context.Background(), Options{Token: testToken, Project: "shop", Environments: []string{"e"}, BaseURI: s.URL})
	if err == nil || !strings.Contains(err.Error(), "not following a link to another origin") {
		t.Fatalf("err = %v", err)
	}
}

func TestNotTheDocumentedShape(t *testing.T) {
	for _, body := range []string{`[]`, `{"flags":{}}`, `{"items":{}}`, `{"items":[{"key":1}]}`, `<html>`} {
		s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, body) }))
		_, err := Load(context.Background(), Options{Token: testToken, Project: "shop", Environments: []string{"e"}, BaseURI: s.URL})
		s.Close()
		var fe *payload.FetchError
		if !errors.As(err, &fe) {
			t.Errorf("%s: err = %v", body, err)
		}
	}
}

func TestOptionsStringHidesToken(t *testing.T) {
	o := Options{Token: testToken, Project: "p"}
	for _, s := range []string{fmt.Sprint(o), fmt.Sprintf("%+v", o), fmt.Sprintf("%#v", o)} {
		if strings.Contains(s, testToken) {
			t.Errorf("token printed: %s", s)
		}
	}
}
