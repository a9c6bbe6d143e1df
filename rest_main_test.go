package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/ldfallback/ldfallback/internal/restpage"
)

// testAPIToken is what the loopback REST API accepts; scripts check it never shows.
const testAPIToken = "api-aaaabbbb-cccc-dddd-eeee-ffff00001111"

// restServer is a loopback LaunchDarkly REST API (v2) serving the project
// "shop" of testdata/rest/shop.json in the documented shapes:
// GET /api/v2/flags/shop?env=…&summary=0 (only the environments asked for),
// filter=state:archived, pages of 2 linked by _links.next. A wrong token is
// a 401 whose body echoes it (the CLI must not repeat it); an unknown
// project a 404; the first request under /flaky/ a 429 with X-Ratelimit-Reset.
func restServer(fixture []byte) http.Handler {
	var shop struct {
		Flags    []map[string]any `json:"flags"`
		Archived []map[string]any `json:"archived"`
	}
	if err := json.Unmarshal(fixture, &shop); err != nil {
		panic(err)
	}
	var flaked atomic.Bool
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.Path
		if p, ok := strings.CutPrefix(path, "/flaky"); ok {
			path = p
			if !flaked.Swap(true) {
				w.Header().Set("X-Ratelimit-Reset", "0")
				w.WriteHeader(http.StatusTooManyRequests)
				return
			}
		}
		if r.Header.Get("Authorization") != testAPIToken {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprintf(w, `{"code":"unauthorized","message":"Invalid access token %s"}`, r.Header.Get("Authorization"))
			return
		}
		if path != "/api/v2/flags/shop" {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"code":"not_found","message":"Unknown project"}`)
			return
		}
		q := r.URL.Query()
		items := shop.Archived
		if q.Get("filter") != "state:archived" {
			items = nil
			for _, f := range shop.Flags {
				c := map[string]any{}
				for k, v := range f {
					c[k] = v
				}
				envs := map[string]any{}
				for _, e := range q["env"] {
					if v, ok := f["environments"].(map[string]any)[e]; ok {
						envs[e] = v
					}
				}
				c["environments"] = envs
				items = append(items, c)
			}
		}
		offset, _ := strconv.Atoi(q.Get("offset"))
		const limit = 2
		restpage.Write(w, r, items, offset, limit, r.URL.Path)
	})
}
