package report

import (
	"strings"
	"time"

	"github.com/ldfallback/ldfallback/flagmeta"
)

// MetaJSON is a flag's metadata in explain --format json (the "meta"
// member), present only when a source reports it (the REST API). Dates are
// RFC 3339 in UTC; absent when unknown.
type MetaJSON struct {
	Temporary      bool     `json:"temporary"`
	Kind           string   `json:"kind,omitempty"`
	Tags           []string `json:"tags"`
	Maintainer     string   `json:"maintainer,omitempty"`
	Created        string   `json:"created,omitempty"`
	Archived       bool     `json:"archived,omitempty"`
	ArchivedDate   string   `json:"archivedDate,omitempty"`
	Deprecated     bool     `json:"deprecated,omitempty"`
	DeprecatedDate string   `json:"deprecatedDate,omitempty"`
}

// NewMetaJSON is m for JSON output; nil when nothing is known.
func NewMetaJSON(m flagmeta.Meta) *MetaJSON {
	if !m.Known {
		return nil
	}
	j := &MetaJSON{Temporary: m.Temporary, Kind: m.Kind, Tags: m.Tags, Maintainer: m.Maintainer,
		Created: rfc3339(m.Created), Archived: m.Archived, ArchivedDate: rfc3339(m.ArchivedDate),
		Deprecated: m.Deprecated, DeprecatedDate: rfc3339(m.DeprecatedDate)}
	if j.Tags == nil {
		j.Tags = []string{}
	}
	return j
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

// MetaText is a flag's metadata as one line for explain's text output:
// "temporary · tags: beta, checkout · maintainer: ana@example.com · created
// 2023-11-14 · deprecated on 2024-03-09". It is not escaped: the caller
// writes it through its sink's escaper.
func MetaText(m flagmeta.Meta) string {
	if !m.Known {
		return ""
	}
	parts := []string{"permanent"}
	if m.Temporary {
		parts[0] = "temporary"
	}
	if len(m.Tags) > 0 {
		parts = append(parts, "tags: "+strings.Join(m.Tags, ", "))
	}
	if m.Maintainer != "" {
		parts = append(parts, "maintainer: "+m.Maintainer)
	}
	if !m.Created.IsZero() {
		parts = append(parts, "created "+day(m.Created))
	}
	switch {
	case m.Archived && !m.ArchivedDate.IsZero():
		parts = append(parts, "archived on "+day(m.ArchivedDate))
	case m.Archived:
		parts = append(parts, "archived")
	}
	switch {
	case m.Deprecated && !m.DeprecatedDate.IsZero():
		parts = append(parts, "deprecated on "+day(m.DeprecatedDate))
	case m.Deprecated:
		parts = append(parts, "deprecated")
	}
	return strings.Join(parts, " · ")
}

// ArchivedDetail is explain's sentence for an archived flag, which the SDK
// payload no longer has.
func ArchivedDetail(m flagmeta.Meta) string {
	when := "archived"
	if !m.ArchivedDate.IsZero() {
		when = "archived on " + day(m.ArchivedDate)
	}
	return m.Key + " was " + when + ": every context gets the code's fallback"
}
