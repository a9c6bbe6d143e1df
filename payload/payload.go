package payload

import (
	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"
)

// Shape names which of the accepted payload shapes was read.
type Shape string

const (
	// ShapeLatestAll is {"flags":{…},"segments":{…}} (latest-all and the SDK file data source).
	ShapeLatestAll Shape = "latest-all"
	// ShapeFlagMap is a bare {key: flag} map, as served by a Relay Proxy at /sdk/flags.
	ShapeFlagMap Shape = "flag-map"
	// ShapeFDv2 is an FDv2 poll response, {"events":[…]}, as served at
	// /sdk/poll: a full transfer (fdv2.go).
	ShapeFDv2 Shape = "fdv2"
)

// Loader names whose semantics a payload is read with. The Go SDK has two
// readers of this data and they differ on a few points (README, "Payload
// shapes"):
//
//   - LoaderPolling (latest-all, a bare flag map, anything fetched): a flag
//     with "deleted": true is a tombstone, absent to the evaluator; a second
//     "flags" member replaces the first.
//   - LoaderFile (the SDK's file data source format, recognised by a
//     "flagValues" member): encoding/json decodes the file, so a deleted flag
//     stays a live flag and two "flags" members are merged.
type Loader string

const (
	LoaderPolling Loader = "polling"
	LoaderFile    Loader = "file"
)

// Payload is the decoded flag data of one environment.
//
// Flags are keyed by the map key of the payload, which is the flag's key as
// the SDK looks it up; each flag's Key is set to that map key. The "key"
// field written inside a flag is kept in KeyFields when it differs, because
// the evaluator's prerequisite-cycle check compares that field. Deleted flags
// are not in Flags under the polling loader (they are in Deleted).
type Payload struct {
	Shape    Shape
	Loader   Loader
	Flags    map[string]*ldmodel.FeatureFlag
	Segments map[string]*ldmodel.Segment
	// Deleted holds the flags marked "deleted": true that the loader treats
	// as absent: the SDK serves the code's fallback for them.
	Deleted map[string]*ldmodel.FeatureFlag
	// KeyFields maps a flag's map key to its "key" field when the two
	// differ ("" when the field is missing).
	KeyFields map[string]string
	// Warnings are sentences about the document a user should read (repeated
	// keys, key fields that differ, loader differences), already summarised.
	Warnings []string
}

// Keys returns the flag keys in sorted order.
func (p *Payload) Keys() []string {
	keys := make([]string, 0, len(p.Flags))
	for k := range p.Flags {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return keys
}

// KeyField is the "key" field of flag key as the evaluator sees it.
func (p *Payload) KeyField(key string) string {
	if f, ok := p.KeyFields[key]; ok {
		return f
	}
	return key
}
