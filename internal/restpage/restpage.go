// Package restpage owns how the loopback stand-ins for LaunchDarkly's REST
// API (in tests) answer one page of a paginated collection: the documented
// {"items", "_links", "totalCount"} shape, with a next link that keeps the
// request's query. Shared so the payload/restapi tests and the CLI scripts
// page the same way.
package restpage

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
)

// Write answers r with items[offset:offset+limit] and, when more follow, a
// next link to path with the request's query and the next offset.
func Write(w http.ResponseWriter, r *http.Request, items []map[string]any, offset, limit int, path string) {
	page := []map[string]any{}
	if offset < len(items) {
		page = items[offset:min(offset+limit, len(items))]
	}
	links := map[string]any{"self": map[string]any{"href": r.URL.RequestURI(), "type": "application/json"}}
	if offset+limit < len(items) {
		nq := url.Values{}
		for k, v := range r.URL.Query() {
			nq[k] = v
		}
		nq.Set("limit", strconv.Itoa(limit))
		nq.Set("offset", strconv.Itoa(offset+limit))
		links["next"] = map[string]any{"href": path + "?" + nq.Encode(), "type": "application/json"}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"items": page, "_links": links, "totalCount": len(items)})
}
