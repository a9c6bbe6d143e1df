package restapi

import (
	"encoding/json"
	"testing"

	"github.com/ldfallback/ldfallback/payload"
)

// FuzzFlagPage: any body a server sends is either refused with an error or
// mapped to a latest-all document that is valid JSON and that the payload
// parser reads (or refuses) without panicking; metadata never panics.
func FuzzFlagPage(f *testing.F) {
	f.Add([]byte(`{"items":[{"key":"a","variations":[{"value":true},{"value":false}],"tags":["b","a"],"creationDate":1,"environments":{"production":{"on":true,"fallthrough":{"rollout":{"variations":[{"variation":0,"weight":50000,"_untracked":true},{"variation":1,"weight":50000}],"experimentAllocation":{"defaultVariation":0},"bucketBy":"key","contextKind":"user","seed":3}},"offVariation":1,"rules":[{"_id":"r","disabled":false,"clauses":[{"_id":"c","attribute":"segmentMatch","op":"segmentMatch","values":["s"],"negate":false}],"variation":0}],"prerequisites":[{"key":"b","variation":0}],"targets":[{"values":["u"],"variation":0}],"contextTargets":[{"contextKind":"org","values":["o"],"variation":1}],"_debugEventsUntilDate":5}}}],"_links":{"next":{"href":"/api/v2/flags/p?offset=1"}},"totalCount":2}`))
	f.Add([]byte(`{"items":[{"key":"x","environments":{"production":{"rules":[{"disabled":true}],"fallthrough":null}}}]}`))
	f.Add([]byte(`{"items":[{"key":"x","archived":true,"archivedDate":-1,"_maintainerTeam":{"key":"t"},"environments":{"production":{"offVariation":1e300,"version":"x"}}}]}`))
	f.Add([]byte(`{"items":[]}`))
	f.Add([]byte(`{"items":[{"key":"x","variations":[{}],"environments":{"production":[]}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := decodeFlagPage(data)
		if err != nil {
			return
		}
		for i := range p.Items {
			meta(&p.Items[i])
		}
		flags, _, _, err := envFlags(p.Items, "production", "p")
		if err != nil {
			return
		}
		doc, err := latestAll(flags, nil)
		if err != nil {
			return
		}
		if !json.Valid(doc) {
			t.Fatalf("invalid JSON written: %s", doc)
		}
		payload.ParseLean(doc, "fuzz")
	})
}

// FuzzSegmentPage: segments likewise.
func FuzzSegmentPage(f *testing.F) {
	f.Add([]byte(`{"items":[{"key":"s","included":["a"],"excludedContexts":[{"contextKind":"org","values":["o"]}],"rules":[{"_id":"r","clauses":[{"attribute":"email","op":"endsWith","values":["@x"]}],"weight":5000,"bucketBy":"key","rolloutContextKind":"user"}],"unbounded":true,"generation":2,"version":1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := decodeSegmentPage(data)
		if err != nil {
			return
		}
		segs := map[string]sdkSegment{}
		for i := range p.Items {
			segs[p.Items[i].Key] = segment(&p.Items[i])
		}
		doc, err := latestAll(nil, segs)
		if err != nil {
			return
		}
		if !json.Valid(doc) {
			t.Fatalf("invalid JSON written: %s", doc)
		}
		payload.Parse(doc, "fuzz")
	})
}
