package restapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/ldfallback/ldfallback/flagmeta"
)

// The SDK's shapes (what /sdk/latest-all serves), written from the REST
// ones. Field names are the SDK's (go-server-sdk-evaluation ldmodel's JSON):
// the REST API's "_id" of a rule is the SDK's "id", a weighted variation's
// "_untracked" is "untracked", "_debugEventsUntilDate" is
// "debugEventsUntilDate", and a variation object's "value" is the bare
// variation.

type sdkFlag struct {
	Key                    string          `json:"key"`
	Version                json.RawMessage `json:"version,omitempty"`
	On                     json.RawMessage `json:"on,omitempty"`
	Prerequisites          json.RawMessage `json:"prerequisites,omitempty"`
	Salt                   json.RawMessage `json:"salt,omitempty"`
	Targets                json.RawMessage `json:"targets,omitempty"`
	ContextTargets         json.RawMessage `json:"contextTargets,omitempty"`
	Rules                  []sdkRule       `json:"rules,omitempty"`
	Fallthrough            *sdkVR          `json:"fallthrough,omitempty"`
	OffVariation           json.RawMessage `json:"offVariation,omitempty"`
	Variations             []rawOrNull     `json:"variations"`
	ClientSideAvailability json.RawMessage `json:"clientSideAvailability,omitempty"`
	TrackEvents            json.RawMessage `json:"trackEvents,omitempty"`
	TrackEventsFallthrough json.RawMessage `json:"trackEventsFallthrough,omitempty"`
	DebugEventsUntilDate   json.RawMessage `json:"debugEventsUntilDate,omitempty"`
}

type sdkRule struct {
	ID          json.RawMessage `json:"id,omitempty"`
	Variation   json.RawMessage `json:"variation,omitempty"`
	Rollout     *sdkRollout     `json:"rollout,omitempty"`
	Clauses     []sdkClause     `json:"clauses"`
	TrackEvents json.RawMessage `json:"trackEvents,omitempty"`
}

type sdkClause struct {
	ContextKind json.RawMessage `json:"contextKind,omitempty"`
	Attribute   json.RawMessage `json:"attribute,omitempty"`
	Op          json.RawMessage `json:"op,omitempty"`
	Values      json.RawMessage `json:"values,omitempty"`
	Negate      json.RawMessage `json:"negate,omitempty"`
}

type sdkVR struct {
	Variation json.RawMessage `json:"variation,omitempty"`
	Rollout   *sdkRollout     `json:"rollout,omitempty"`
}

type sdkRollout struct {
	Kind        json.RawMessage  `json:"kind,omitempty"`
	ContextKind json.RawMessage  `json:"contextKind,omitempty"`
	Variations  []sdkWeightedVar `json:"variations"`
	BucketBy    json.RawMessage  `json:"bucketBy,omitempty"`
	Seed        json.RawMessage  `json:"seed,omitempty"`
}

type sdkWeightedVar struct {
	Variation json.RawMessage `json:"variation,omitempty"`
	Weight    json.RawMessage `json:"weight,omitempty"`
	Untracked json.RawMessage `json:"untracked,omitempty"`
}

type sdkSegment struct {
	Key                  string           `json:"key"`
	Version              json.RawMessage  `json:"version,omitempty"`
	Included             json.RawMessage  `json:"included,omitempty"`
	Excluded             json.RawMessage  `json:"excluded,omitempty"`
	IncludedContexts     json.RawMessage  `json:"includedContexts,omitempty"`
	ExcludedContexts     json.RawMessage  `json:"excludedContexts,omitempty"`
	Rules                []sdkSegmentRule `json:"rules,omitempty"`
	Unbounded            bool             `json:"unbounded,omitempty"`
	UnboundedContextKind json.RawMessage  `json:"unboundedContextKind,omitempty"`
	Generation           json.RawMessage  `json:"generation,omitempty"`
}

type sdkSegmentRule struct {
	ID                 json.RawMessage `json:"id,omitempty"`
	Clauses            []sdkClause     `json:"clauses"`
	Weight             json.RawMessage `json:"weight,omitempty"`
	RolloutContextKind json.RawMessage `json:"rolloutContextKind,omitempty"`
	BucketBy           json.RawMessage `json:"bucketBy,omitempty"`
}

// rawOrNull is a raw JSON value written as null when absent (a variation
// object with no "value").
type rawOrNull json.RawMessage

func (r rawOrNull) MarshalJSON() ([]byte, error) {
	if len(r) == 0 {
		return []byte("null"), nil
	}
	return r, nil
}

// envFlag maps one REST flag's configuration in one environment to the
// SDK's flag.
func envFlag(f *restFlag, e *restEnv) sdkFlag {
	out := sdkFlag{
		Key:                    f.Key,
		Version:                e.Version,
		On:                     e.On,
		Prerequisites:          e.Prerequisites,
		Salt:                   e.Salt,
		Targets:                e.Targets,
		ContextTargets:         e.ContextTargets,
		OffVariation:           e.OffVariation,
		ClientSideAvailability: f.ClientSideAvailability,
		TrackEvents:            e.TrackEvents,
		TrackEventsFallthrough: e.TrackEventsFallthrough,
		DebugEventsUntilDate:   e.DebugEventsUntilDate,
		Variations:             make([]rawOrNull, len(f.Variations)),
	}
	for i, v := range f.Variations {
		out.Variations[i] = rawOrNull(v.Value)
	}
	for _, r := range e.Rules {
		// A rule turned off in the UI ("disabled") is not evaluated; the SDK
		// model has no such field, so it is left out as the SDK payload
		// leaves it out.
		if r.Disabled {
			continue
		}
		out.Rules = append(out.Rules, sdkRule{
			ID:          r.ID,
			Variation:   r.Variation,
			Rollout:     rollout(r.Rollout),
			Clauses:     clauses(r.Clauses),
			TrackEvents: r.TrackEvents,
		})
	}
	if e.Fallthrough != nil {
		out.Fallthrough = &sdkVR{Variation: e.Fallthrough.Variation, Rollout: rollout(e.Fallthrough.Rollout)}
	}
	return out
}

var experimentKind = json.RawMessage(`"experiment"`)

func rollout(r *restRollout) *sdkRollout {
	if r == nil {
		return nil
	}
	out := &sdkRollout{
		Kind:        r.Kind,
		ContextKind: r.ContextKind,
		BucketBy:    r.BucketBy,
		Seed:        r.Seed,
		Variations:  make([]sdkWeightedVar, len(r.Variations)),
	}
	// The REST Rollout has no "kind": a rollout that carries an
	// experimentAllocation is an experiment's.
	if len(out.Kind) == 0 && len(r.ExperimentAllocation) > 0 && !bytes.Equal(bytes.TrimSpace(r.ExperimentAllocation), []byte("null")) {
		out.Kind = experimentKind
	}
	for i, w := range r.Variations {
		out.Variations[i] = sdkWeightedVar(w)
	}
	return out
}

func clauses(cs []restClause) []sdkClause {
	out := make([]sdkClause, len(cs))
	for i, c := range cs {
		out[i] = sdkClause(c)
	}
	return out
}

func segment(s *restSegment) sdkSegment {
	out := sdkSegment{
		Key:                  s.Key,
		Version:              s.Version,
		Included:             s.Included,
		Excluded:             s.Excluded,
		IncludedContexts:     s.IncludedContexts,
		ExcludedContexts:     s.ExcludedContexts,
		Unbounded:            s.Unbounded,
		UnboundedContextKind: s.UnboundedContextKind,
		Generation:           s.Generation,
	}
	for _, r := range s.Rules {
		out.Rules = append(out.Rules, sdkSegmentRule{
			ID: r.ID, Clauses: clauses(r.Clauses), Weight: r.Weight,
			RolloutContextKind: r.RolloutContextKind, BucketBy: r.BucketBy,
		})
	}
	return out
}

// latestAll writes {"flags":{…},"segments":{…}} with keys sorted.
func latestAll(flags map[string]sdkFlag, segments map[string]sdkSegment) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"flags":{`)
	if err := writeMembers(&b, flags); err != nil {
		return nil, err
	}
	b.WriteString(`},"segments":{`)
	if err := writeMembers(&b, segments); err != nil {
		return nil, err
	}
	b.WriteString("}}")
	return b.Bytes(), nil
}

func writeMembers[V any](b *bytes.Buffer, m map[string]V) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		name, _ := json.Marshal(k)
		b.Write(name)
		b.WriteByte(':')
		v, err := json.Marshal(m[k])
		if err != nil {
			return fmt.Errorf("flag or segment %s: %v", name, err)
		}
		b.Write(v)
	}
	return nil
}

// segmentRefs lists the segment keys the rules of a flag's configuration
// test (segmentMatch clauses), in order of first use.
func segmentRefs(e *restEnv, into map[string]bool) {
	for _, r := range e.Rules {
		if r.Disabled {
			continue
		}
		for _, c := range r.Clauses {
			var op string
			if json.Unmarshal(c.Op, &op) != nil || op != "segmentMatch" {
				continue
			}
			var keys []json.RawMessage
			if json.Unmarshal(c.Values, &keys) != nil {
				continue
			}
			for _, k := range keys {
				var s string
				if json.Unmarshal(k, &s) == nil {
					into[s] = true
				}
			}
		}
	}
}

// meta is what the REST API says of a flag beyond its configuration.
func meta(f *restFlag) flagmeta.Meta {
	m := flagmeta.Meta{
		Key:        f.Key,
		Name:       f.Name,
		Kind:       f.Kind,
		Temporary:  f.Temporary,
		Known:      true,
		Archived:   f.Archived,
		Deprecated: f.Deprecated,
	}
	if len(f.Tags) > 0 {
		m.Tags = slices.Clone(f.Tags)
		sort.Strings(m.Tags)
		m.Tags = slices.Compact(m.Tags)
	}
	switch {
	case f.Maintainer != nil && f.Maintainer.Email != "":
		m.Maintainer = f.Maintainer.Email
	case f.Maintainer != nil && strings.TrimSpace(f.Maintainer.FirstName+" "+f.Maintainer.LastName) != "":
		m.Maintainer = strings.TrimSpace(f.Maintainer.FirstName + " " + f.Maintainer.LastName)
	case f.MaintainerTeam != nil && f.MaintainerTeam.Name != "":
		m.Maintainer = f.MaintainerTeam.Name
	case f.MaintainerTeam != nil:
		m.Maintainer = f.MaintainerTeam.Key
	}
	m.Created = millis(f.CreationDate)
	if f.Archived {
		m.ArchivedDate = millis(f.ArchivedDate)
	}
	if f.Deprecated {
		m.DeprecatedDate = millis(f.DeprecatedDate)
	}
	return m
}

// millis is an epoch-milliseconds date in UTC; zero when absent or not positive.
func millis(ms *int64) time.Time {
	if ms == nil || *ms <= 0 {
		return time.Time{}
	}
	return time.UnixMilli(*ms).UTC()
}
