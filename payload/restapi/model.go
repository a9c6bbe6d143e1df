package restapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// The REST API's documented shapes, as far as ldfallback reads them (the
// OpenAPI schemas FeatureFlags, FeatureFlag, FeatureFlagConfig, Rule,
// Clause, VariationOrRolloutRep, Rollout, WeightedVariation, Variation,
// UserSegments, UserSegment, UserSegmentRule; launchdarkly/api-client-go,
// api/openapi.yaml). Everything the evaluator reads is kept as raw JSON and
// copied into the SDK's shape unchanged, so the payload parser judges it
// exactly as it judges a latest-all document (a bad index is "malformed"
// there too, not a decoding error here).

// flagPage is one page of GET /api/v2/flags/{projectKey}.
type flagPage struct {
	Items      []restFlag          `json:"items"`
	Links      map[string]restLink `json:"_links"`
	TotalCount *int64              `json:"totalCount"`
}

// segmentPage is one page of GET /api/v2/segments/{projectKey}/{environmentKey}.
type segmentPage struct {
	Items      []restSegment       `json:"items"`
	Links      map[string]restLink `json:"_links"`
	TotalCount *int64              `json:"totalCount"`
}

type restLink struct {
	Href string `json:"href"`
}

type restFlag struct {
	Key                    string                     `json:"key"`
	Name                   string                     `json:"name"`
	Kind                   string                     `json:"kind"`
	Variations             []restVariation            `json:"variations"`
	Temporary              bool                       `json:"temporary"`
	Tags                   []string                   `json:"tags"`
	Maintainer             *restMember                `json:"_maintainer"`
	MaintainerTeam         *restTeam                  `json:"_maintainerTeam"`
	CreationDate           *int64                     `json:"creationDate"`
	Archived               bool                       `json:"archived"`
	ArchivedDate           *int64                     `json:"archivedDate"`
	Deprecated             bool                       `json:"deprecated"`
	DeprecatedDate         *int64                     `json:"deprecatedDate"`
	ClientSideAvailability json.RawMessage            `json:"clientSideAvailability"`
	Environments           map[string]json.RawMessage `json:"environments"`
}

type restMember struct {
	Email     string `json:"email"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
}

type restTeam struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

type restVariation struct {
	Value json.RawMessage `json:"value"`
}

// restEnv is a flag's configuration in one environment (FeatureFlagConfig).
type restEnv struct {
	On                     json.RawMessage `json:"on"`
	Archived               bool            `json:"archived"`
	Salt                   json.RawMessage `json:"salt"`
	Version                json.RawMessage `json:"version"`
	Targets                json.RawMessage `json:"targets"`
	ContextTargets         json.RawMessage `json:"contextTargets"`
	Rules                  []restRule      `json:"rules"`
	Fallthrough            *restVR         `json:"fallthrough"`
	OffVariation           json.RawMessage `json:"offVariation"`
	Prerequisites          json.RawMessage `json:"prerequisites"`
	TrackEvents            json.RawMessage `json:"trackEvents"`
	TrackEventsFallthrough json.RawMessage `json:"trackEventsFallthrough"`
	DebugEventsUntilDate   json.RawMessage `json:"_debugEventsUntilDate"`
}

type restRule struct {
	ID          json.RawMessage `json:"_id"`
	Disabled    bool            `json:"disabled"`
	Variation   json.RawMessage `json:"variation"`
	Rollout     *restRollout    `json:"rollout"`
	Clauses     []restClause    `json:"clauses"`
	TrackEvents json.RawMessage `json:"trackEvents"`
}

type restClause struct {
	ContextKind json.RawMessage `json:"contextKind"`
	Attribute   json.RawMessage `json:"attribute"`
	Op          json.RawMessage `json:"op"`
	Values      json.RawMessage `json:"values"`
	Negate      json.RawMessage `json:"negate"`
}

type restVR struct {
	Variation json.RawMessage `json:"variation"`
	Rollout   *restRollout    `json:"rollout"`
}

type restRollout struct {
	// Kind is not in the documented schema; an SDK-shaped "kind" is kept if
	// a server sends one.
	Kind                 json.RawMessage     `json:"kind"`
	Variations           []restWeightedVaria `json:"variations"`
	ExperimentAllocation json.RawMessage     `json:"experimentAllocation"`
	Seed                 json.RawMessage     `json:"seed"`
	BucketBy             json.RawMessage     `json:"bucketBy"`
	ContextKind          json.RawMessage     `json:"contextKind"`
}

type restWeightedVaria struct {
	Variation json.RawMessage `json:"variation"`
	Weight    json.RawMessage `json:"weight"`
	Untracked json.RawMessage `json:"_untracked"`
}

type restSegment struct {
	Key                  string            `json:"key"`
	Version              json.RawMessage   `json:"version"`
	Included             json.RawMessage   `json:"included"`
	Excluded             json.RawMessage   `json:"excluded"`
	IncludedContexts     json.RawMessage   `json:"includedContexts"`
	ExcludedContexts     json.RawMessage   `json:"excludedContexts"`
	Rules                []restSegmentRule `json:"rules"`
	Deleted              bool              `json:"deleted"`
	Unbounded            bool              `json:"unbounded"`
	UnboundedContextKind json.RawMessage   `json:"unboundedContextKind"`
	Generation           json.RawMessage   `json:"generation"`
}

type restSegmentRule struct {
	ID                 json.RawMessage `json:"_id"`
	Clauses            []restClause    `json:"clauses"`
	Weight             json.RawMessage `json:"weight"`
	RolloutContextKind json.RawMessage `json:"rolloutContextKind"`
	BucketBy           json.RawMessage `json:"bucketBy"`
}

// decodeFlagPage reads one page of the flags list. It refuses what is not
// the documented shape (not an object, no "items" array) with a sentence
// that quotes nothing from the body.
func decodeFlagPage(body []byte) (*flagPage, error) {
	var p flagPage
	if err := decodeObject(body, &p, "items"); err != nil {
		return nil, err
	}
	return &p, nil
}

// decodeSegmentPage reads one page of the segments list.
func decodeSegmentPage(body []byte) (*segmentPage, error) {
	var p segmentPage
	if err := decodeObject(body, &p, "items"); err != nil {
		return nil, err
	}
	return &p, nil
}

// decodeEnv reads one environment's configuration of a flag.
func decodeEnv(raw json.RawMessage) (*restEnv, error) {
	var e restEnv
	if err := decodeObject(raw, &e, ""); err != nil {
		return nil, err
	}
	return &e, nil
}

// decodeObject decodes a JSON object into v; required names a member that
// must be present (an array), "" for none.
func decodeObject(data []byte, v any, required string) error {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	t := bytes.TrimSpace(data)
	if len(t) == 0 || t[0] != '{' {
		return errors.New("not a JSON object")
	}
	if required != "" {
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(t, &probe); err != nil {
			return describe(err)
		}
		m, ok := probe[required]
		if !ok || len(bytes.TrimSpace(m)) == 0 || bytes.TrimSpace(m)[0] != '[' {
			return fmt.Errorf("no %q array", required)
		}
	}
	if err := json.Unmarshal(t, v); err != nil {
		return describe(err)
	}
	return nil
}

// describe words a decoding error without quoting the body: a type error
// names the field and the JSON type found, a syntax error its offset.
func describe(err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "a value"
		}
		return fmt.Errorf("%s is a JSON %s, not the documented type", field, te.Value)
	case errors.As(err, &se):
		return fmt.Errorf("invalid JSON at byte %d", se.Offset)
	}
	return errors.New("invalid JSON")
}
