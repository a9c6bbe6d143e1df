// Package flagmeta owns what is known of a flag beyond its SDK configuration:
// the project-level facts the LaunchDarkly REST API reports (temporary or
// permanent, tags, maintainer, creation date, archived and deprecated state)
// and that the SDK payload leaves out. Sources fill it in (the REST API);
// policy rules select flags by it; explain and check show it.
//
// An SDK payload carries none of this: a flag with no Meta is simply unknown
// on these points, never "permanent" or "untagged".
package flagmeta

import "time"

// Meta is one flag's metadata. The zero value means "not known".
type Meta struct {
	// Key is the flag key.
	Key string `json:"key"`
	// Name is the flag's display name.
	Name string `json:"name,omitempty"`
	// Kind is "boolean" or "multivariate" as the REST API says ("" when unknown).
	Kind string `json:"kind,omitempty"`
	// Temporary is set when Known: true for a temporary flag, false for a permanent one.
	Temporary bool `json:"temporary"`
	// Known says the metadata came from a source that reports it (the REST
	// API); without it Temporary, Tags and the rest mean nothing.
	Known bool `json:"-"`
	// Tags are the flag's tags, sorted.
	Tags []string `json:"tags,omitempty"`
	// Maintainer is the maintainer's email or name ("" when none).
	Maintainer string `json:"maintainer,omitempty"`
	// Created is the flag's creation time (zero when unknown).
	Created time.Time `json:"created,omitempty"`
	// Archived is set for an archived flag: the SDK payload leaves it out,
	// so every context gets the code's fallback.
	Archived bool `json:"archived,omitempty"`
	// ArchivedDate is when it was archived (zero when unknown).
	ArchivedDate time.Time `json:"archivedDate,omitempty"`
	// Deprecated is set for a deprecated flag.
	Deprecated bool `json:"deprecated,omitempty"`
	// DeprecatedDate is when it was deprecated (zero when unknown).
	DeprecatedDate time.Time `json:"deprecatedDate,omitempty"`
}

// Set is the metadata of a project's flags, by key. A nil Set knows nothing.
type Set map[string]Meta

// Of returns the metadata of key and whether any is known.
func (s Set) Of(key string) (Meta, bool) {
	m, ok := s[key]
	return m, ok && m.Known
}
