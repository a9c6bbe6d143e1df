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
)

// Payload is the decoded flag data of one environment.
//
// Flags are keyed by the map key of the payload, which is the flag's key as
// the SDK looks it up (the "key" field inside the flag is not trusted). Deleted
// flags are not present.
type Payload struct {
	Shape    Shape
	Flags    map[string]*ldmodel.FeatureFlag
	Segments map[string]*ldmodel.Segment
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
