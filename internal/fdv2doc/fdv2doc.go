// Package fdv2doc builds FDv2 poll documents ({"events":[…]}, what
// /sdk/poll serves) from latest-all payloads, for tests: the differential
// tests resolve the same flags from both shapes, and the loopback servers
// serve the demo payload in both protocols. The event and field names are
// the ones payload/fdv2.go cites from the SDKs' source.
package fdv2doc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
)

// Options shape the document FromLatestAll writes.
type Options struct {
	// Intent is the server-intent's intentCode; "" is "xfer-full".
	Intent string
	// NoTransferred leaves out the payload-transferred event (a transfer cut short).
	NoTransferred bool
	// Deletes lists flag keys sent as delete-object events after the puts.
	Deletes []string
}

// FromLatestAll turns a latest-all document into an FDv2 poll document with
// one put-object event per flag and segment (flags first, each kind in key
// order), between a server-intent and a payload-transferred. Each event's
// version is the object's own "version" (1 when it has none); the objects'
// bytes are copied as they are.
func FromLatestAll(latestAll []byte, o Options) ([]byte, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(latestAll, &top); err != nil {
		return nil, fmt.Errorf("fdv2doc: %w", err)
	}
	intent := o.Intent
	if intent == "" {
		intent = "xfer-full"
	}
	var b bytes.Buffer
	b.WriteString(`{"events":[`)
	event := func(name string, data any) {
		if b.Len() > len(`{"events":[`) {
			b.WriteByte(',')
		}
		d, err := json.Marshal(data)
		if err != nil {
			panic(err)
		}
		fmt.Fprintf(&b, `{"event":%q,"data":%s}`, name, d)
	}
	event("server-intent", map[string]any{"payloads": []any{map[string]any{"id": "fixture", "target": 1, "intentCode": intent, "reason": "payload-missing"}}})
	for _, kind := range []struct{ member, kind string }{{"flags", "flag"}, {"segments", "segment"}} {
		var objs map[string]json.RawMessage
		if raw, ok := top[kind.member]; ok && string(raw) != "null" {
			if err := json.Unmarshal(raw, &objs); err != nil {
				return nil, fmt.Errorf("fdv2doc: %s: %w", kind.member, err)
			}
		}
		keys := make([]string, 0, len(objs))
		for k := range objs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			var v struct {
				Version *int `json:"version"`
			}
			version := 1
			if json.Unmarshal(objs[k], &v) == nil && v.Version != nil {
				version = *v.Version
			}
			event("put-object", map[string]any{"version": version, "kind": kind.kind, "key": k, "object": objs[k]})
		}
	}
	for _, k := range o.Deletes {
		event("delete-object", map[string]any{"version": 1, "kind": "flag", "key": k})
	}
	if !o.NoTransferred {
		event("payload-transferred", map[string]any{"state": "(p:fixture:1)", "version": 1})
	}
	b.WriteString("]}")
	return b.Bytes(), nil
}
