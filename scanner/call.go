package scanner

import "encoding/json"

// Type is the value type a call expects. The strings are part of the
// scan --format json contract.
type Type string

const (
	TypeBool    Type = "bool"
	TypeString  Type = "string"
	TypeNumber  Type = "number"
	TypeJSON    Type = "json"
	TypeUnknown Type = "unknown"
)

// Span is a byte range in a file, [Start, End).
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Call is one flag evaluation found in source.
type Call struct {
	File     string `json:"file"` // relative to the scanned root, with '/'
	Line     int    `json:"line"` // 1-based
	Column   int    `json:"column"`
	Language string `json:"language"`
	Method   string `json:"method"`
	// Key is the flag key, nil when the key expression is not a resolvable constant.
	Key     *string `json:"key"`
	KeyExpr string  `json:"keyExpr,omitempty"` // source text of the key expression
	// Fallback is the fallback literal as a JSON value; nil when dynamic or absent.
	Fallback     json.RawMessage `json:"fallback"`
	FallbackText string          `json:"fallbackText"`
	Type         Type            `json:"type"`
	Dynamic      bool            `json:"dynamic"`
	// Implicit is set when the call passes no fallback and Fallback is the SDK's implicit default.
	Implicit bool `json:"implicit,omitempty"`
	// FromConfig is set for wrapper calls whose fallback is read from fallback-config.json.
	FromConfig bool `json:"fromConfig,omitempty"`
	// FallbackSpan locates the fallback literal's bytes in the file, for --fix.
	// Zero when there is no literal in this call (dynamic, implicit, config, or
	// a definition object whose literal lives elsewhere: see FallbackFile).
	FallbackSpan Span `json:"-"`
	// FallbackFile is the file holding the fallback literal when it is not
	// File (a constant or definition object resolved from another file).
	FallbackFile string `json:"-"`
	// Name is the property a React flags object was read with (`flags.myFlag`,
	// `const { myFlag } = useFlags()`): "myFlag". Names is the SDK's rule from
	// flag keys to such names (internal/flagname) when the key is still to be
	// matched against the environment's keys: Key is then null, or the one key
	// of the provider's bootstrap that gives Name, and check maps Name with the
	// payload. Names is "" when Name is the key, or when the SDK can expose no
	// other key under Name.
	Name  string `json:"name,omitempty"`
	Names string `json:"names,omitempty"`
	// Note says, in words, why Key is null or where the fallback comes from.
	Note string `json:"note,omitempty"`
	// Via names the inferred wrapper this call was found through (a call
	// of the wrapper, not an SDK call); nil for SDK and config-row calls.
	Via *Via `json:"via,omitempty"`
	// Forwards names the inferred wrapper whose body this call is: its key
	// is the wrapper's parameter, so the wrapper's callers are the
	// evaluation sites (reported with Via) and this call has no key of its own.
	Forwards *Via `json:"forwards,omitempty"`
	// Ignored is set when an ldfallback:ignore comment covers the call; IgnoreReason is its text.
	Ignored      bool   `json:"ignored,omitempty"`
	IgnoreReason string `json:"ignoreReason,omitempty"`
	// keyLookup, while set, turns the key the call passes into the key
	// read from node-config files (nodeconfig.go): the call is one of a
	// wrapper whose key is looked up, or keyTail is the computed last part
	// of a lookup in the call's own key expression.
	keyLookup *ConfigLookup
	keyTail   string
}

// Problem is a file the scanner could not read or parse fully. It never stops the scan.
type Problem struct {
	File string `json:"file"`
	Msg  string `json:"message"`
	// Unreadable marks a path the scan could not read at all (a directory it
	// could not list, a file it could not open or read): the scan is
	// incomplete there, unlike a file it read and gave up parsing.
	Unreadable bool `json:"unreadable,omitempty"`
}

// Stats counts what a scan looked at and skipped.
type Stats struct {
	Files      int            `json:"files"`      // files walked
	Candidates int            `json:"candidates"` // files that passed the pre-filter and were parsed
	Bytes      int64          `json:"bytes"`
	Skipped    map[string]int `json:"skipped,omitempty"` // reason -> count (vendored, generated, minified, binary, huge, ignored)
	// Unreadable counts the paths the scan could not read (Problems with
	// Unreadable set): when it is not 0, part of the tree was not scanned.
	Unreadable int `json:"unreadable,omitempty"`
	// WrapperFiles counts the files the wrapper pass parsed (they mention an inferred wrapper's name).
	WrapperFiles int `json:"wrapperFiles,omitempty"`
}

// Result is the output of a scan.
type Result struct {
	Calls    []Call    `json:"calls"`
	Problems []Problem `json:"problems,omitempty"`
	Stats    Stats     `json:"stats"`
	// Wrappers are the inferred wrappers, sorted by file, line.
	Wrappers []Wrapper `json:"wrappers,omitempty"`
}
