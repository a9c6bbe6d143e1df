package restapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ldfallback/ldfallback/internal/restpage"
)

// fakeLD is a loopback LaunchDarkly REST API speaking the documented shapes
// (launchdarkly/api-client-go api/openapi.yaml: FeatureFlags, FeatureFlag,
// FeatureFlagConfig, UserSegments): GET /api/v2/flags/{projectKey} with env,
// summary, limit, offset and filter=state:archived, paged with _links.next;
// GET /api/v2/segments/{projectKey}/{environmentKey}, paged. It checks the
// token and the API version header, and can answer 429 first.
type fakeLD struct {
	t        *testing.T
	token    string
	project  string
	prefix   string           // a path prefix the API is served under ("" for none)
	flags    []map[string]any // live flags, REST shape, every environment
	archived []map[string]any
	segments map[string][]map[string]any // by environment
	pageMax  int                         // the server's own page limit

	mu        sync.Mutex
	requests  []string // paths with queries, in order
	tooMany   int      // answer 429 to this many requests first
	header429 http.Header
	status    int // answer this status to every request (401, 403, 404…)
}

func (f *fakeLD) start() *httptest.Server {
	s := httptest.NewServer(f)
	f.t.Cleanup(s.Close)
	return s
}

func (f *fakeLD) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.requests = append(f.requests, r.URL.RequestURI())
	tooMany := f.tooMany > 0
	if tooMany {
		f.tooMany--
	}
	f.mu.Unlock()
	if r.Header.Get("LD-API-Version") != APIVersion {
		http.Error(w, "no LD-API-Version", http.StatusBadRequest)
		return
	}
	if r.Header.Get("Authorization") != f.token || f.status == http.StatusUnauthorized {
		// The real API's error body; this one also echoes the token, which
		// the client must never repeat.
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"code":"unauthorized","message":"Invalid access token %s"}`, r.Header.Get("Authorization"))
		return
	}
	if f.status != 0 {
		w.WriteHeader(f.status)
		fmt.Fprintf(w, `{"code":"x","message":"token %s"}`, f.token)
		return
	}
	if tooMany {
		for k, v := range f.header429 {
			w.Header()[k] = v
		}
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	path := strings.TrimPrefix(r.URL.Path, f.prefix)
	q := r.URL.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	if limit <= 0 {
		limit = 20
	}
	if f.pageMax > 0 && limit > f.pageMax {
		limit = f.pageMax
	}
	offset, _ := strconv.Atoi(q.Get("offset"))
	var items []map[string]any
	switch {
	case path == "/api/v2/flags/"+f.project:
		if q.Get("filter") == "state:archived" {
			items = f.archived
		} else {
			if q.Get("summary") != "0" {
				http.Error(w, "summary=0 expected", http.StatusBadRequest)
				return
			}
			items = filterEnvs(f.flags, q["env"])
		}
	case strings.HasPrefix(path, "/api/v2/segments/"+f.project+"/"):
		env := strings.TrimPrefix(path, "/api/v2/segments/"+f.project+"/")
		segs, ok := f.segments[env]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"code":"not_found","message":"Unknown environment"}`)
			return
		}
		items = segs
	default:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"code":"not_found","message":"Unknown project"}`)
		return
	}
	restpage.Write(w, r, items, offset, limit, f.prefix+path)
}

// filterEnvs keeps only the environments asked for in each flag, as env=
// does.
func filterEnvs(flags []map[string]any, envs []string) []map[string]any {
	out := make([]map[string]any, len(flags))
	for i, f := range flags {
		c := map[string]any{}
		for k, v := range f {
			c[k] = v
		}
		all, _ := f["environments"].(map[string]any)
		keep := map[string]any{}
		for _, e := range envs {
			if v, ok := all[e]; ok {
				keep[e] = v
			}
		}
		c["environments"] = keep
		out[i] = c
	}
	return out
}

// toREST writes latest-all flags (SDK shape) as REST flags with one
// configuration per environment: envs[name] is that environment's
// latest-all document. Every environment must hold the same flags with the
// same variations (variations are project-wide in LaunchDarkly). Deleted
// flags are left out: the REST API does not list them.
func toREST(t *testing.T, envs map[string][]byte) (flags []map[string]any, segments map[string][]map[string]any) {
	t.Helper()
	byKey := map[string]map[string]any{}
	segments = map[string][]map[string]any{}
	names := make([]string, 0, len(envs))
	for n := range envs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, env := range names {
		var doc struct {
			Flags    map[string]map[string]any `json:"flags"`
			Segments map[string]map[string]any `json:"segments"`
		}
		d := json.NewDecoder(bytes.NewReader(envs[env]))
		d.UseNumber()
		if err := d.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		for key, sf := range doc.Flags {
			if sf["deleted"] == true {
				continue
			}
			rf, ok := byKey[key]
			if !ok {
				vars := []any{}
				vs, _ := sf["variations"].([]any)
				for i, v := range vs {
					vars = append(vars, map[string]any{"_id": fmt.Sprintf("v%d", i), "value": v, "name": fmt.Sprintf("variation %d", i)})
				}
				rf = map[string]any{
					"key": key, "name": "Flag " + key, "kind": "multivariate", "variations": vars,
					"_version": 3, "creationDate": 1700000000000, "temporary": true, "tags": []any{},
					"archived": false, "deprecated": false, "environments": map[string]any{},
					"_links":           map[string]any{"self": map[string]any{"href": "/api/v2/flags/p/" + key}},
					"experiments":      map[string]any{"baselineIdx": 0, "items": []any{}},
					"customProperties": map[string]any{},
				}
				if csa, ok := sf["clientSideAvailability"]; ok {
					rf["clientSideAvailability"] = csa
				}
				byKey[key] = rf
			}
			rf["environments"].(map[string]any)[env] = restEnvOf(sf, env)
		}
		for key, sg := range doc.Segments {
			rs := map[string]any{"key": key, "name": key, "tags": []any{}, "creationDate": 1, "lastModifiedDate": 1,
				"_links": map[string]any{}, "rules": []any{}, "deleted": false, "generation": 1}
			for _, k := range []string{"included", "excluded", "includedContexts", "excludedContexts", "version", "unbounded", "unboundedContextKind", "generation"} {
				if v, ok := sg[k]; ok {
					rs[k] = v
				}
			}
			if rules, ok := sg["rules"].([]any); ok {
				var out []any
				for _, r := range rules {
					rm := r.(map[string]any)
					nr := map[string]any{"clauses": restClauses(rm["clauses"])}
					rename(rm, nr, "id", "_id")
					for _, k := range []string{"weight", "rolloutContextKind", "bucketBy"} {
						if v, ok := rm[k]; ok {
							nr[k] = v
						}
					}
					out = append(out, nr)
				}
				rs["rules"] = out
			}
			segments[env] = append(segments[env], rs)
		}
		sort.Slice(segments[env], func(i, j int) bool { return segments[env][i]["key"].(string) < segments[env][j]["key"].(string) })
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		flags = append(flags, byKey[k])
	}
	return flags, segments
}

// restEnvOf is a FeatureFlagConfig written from an SDK flag.
func restEnvOf(sf map[string]any, env string) map[string]any {
	e := map[string]any{
		"archived": false, "sel": "0123456789abcdef", "lastModified": 1700000000000,
		"_site":            map[string]any{"href": "/p/" + env + "/features/x", "type": "text/html"},
		"_environmentName": "Env " + env,
		"_summary":         map[string]any{"variations": map[string]any{}, "prerequisites": 0},
	}
	for _, k := range []string{"on", "salt", "version", "targets", "contextTargets", "offVariation", "prerequisites", "trackEvents", "trackEventsFallthrough"} {
		if v, ok := sf[k]; ok {
			e[k] = v
		}
	}
	rename(sf, e, "debugEventsUntilDate", "_debugEventsUntilDate")
	if ft, ok := sf["fallthrough"].(map[string]any); ok {
		e["fallthrough"] = restVROf(ft)
	} else if v, ok := sf["fallthrough"]; ok {
		e["fallthrough"] = v
	}
	if rules, ok := sf["rules"].([]any); ok {
		out := []any{}
		for _, r := range rules {
			rm, ok := r.(map[string]any)
			if !ok {
				out = append(out, r)
				continue
			}
			nr := restVROf(rm)
			nr["clauses"] = restClauses(rm["clauses"])
			rename(rm, nr, "id", "_id")
			if v, ok := rm["trackEvents"]; ok {
				nr["trackEvents"] = v
			}
			nr["disabled"] = false
			out = append(out, nr)
		}
		e["rules"] = out
	}
	return e
}

func restVROf(m map[string]any) map[string]any {
	out := map[string]any{}
	if v, ok := m["variation"]; ok {
		out["variation"] = v
	}
	ro, ok := m["rollout"].(map[string]any)
	if !ok {
		if v, ok := m["rollout"]; ok {
			out["rollout"] = v
		}
		return out
	}
	nr := map[string]any{}
	for _, k := range []string{"bucketBy", "contextKind", "seed"} {
		if v, ok := ro[k]; ok {
			nr[k] = v
		}
	}
	if ro["kind"] == "experiment" {
		nr["experimentAllocation"] = map[string]any{"defaultVariation": 0, "canReshuffle": false}
	}
	var wvs []any
	if vs, ok := ro["variations"].([]any); ok {
		for _, w := range vs {
			wm := w.(map[string]any)
			nw := map[string]any{}
			for _, k := range []string{"variation", "weight"} {
				if v, ok := wm[k]; ok {
					nw[k] = v
				}
			}
			rename(wm, nw, "untracked", "_untracked")
			wvs = append(wvs, nw)
		}
	}
	if wvs != nil {
		nr["variations"] = wvs
	} else if v, ok := ro["variations"]; ok {
		nr["variations"] = v
	}
	out["rollout"] = nr
	return out
}

func restClauses(v any) any {
	cs, ok := v.([]any)
	if !ok {
		return v
	}
	out := []any{}
	for i, c := range cs {
		cm, ok := c.(map[string]any)
		if !ok {
			out = append(out, c)
			continue
		}
		nc := map[string]any{"_id": fmt.Sprintf("c%d", i)}
		for k, v := range cm {
			nc[k] = v
		}
		out = append(out, nc)
	}
	return out
}

func rename(from, to map[string]any, old, new string) {
	if v, ok := from[old]; ok {
		to[new] = v
	}
}
