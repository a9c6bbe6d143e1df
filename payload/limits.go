package payload

import (
	"fmt"
	"sort"
	"strings"

	"github.com/launchdarkly/go-server-sdk-evaluation/v3/ldmodel"
)

// MaxDepth is the deepest nesting of arrays and objects a payload may have.
// The SDK's own readers recurse, so a document nested millions of levels
// deep overflows the stack; and JSON written by ldfallback (explain, check,
// fallback-config.json read back by encoding/json and jq) must stay under the
// 10,000 levels encoding/json accepts, with room for the report around a
// value. A deeper payload is refused with one line (exit 2, or 3 when fetched).
var MaxDepth = 9000

// utf8BOM is the byte-order mark some editors put at the start of a file.
const utf8BOM = "\xef\xbb\xbf"

// stripBOM drops a leading UTF-8 byte-order mark: an editor's artefact,
// not part of the JSON.
func stripBOM(data []byte) []byte {
	if len(data) >= 3 && string(data[:3]) == utf8BOM {
		return data[3:]
	}
	return data
}

// checkDepth reports the first byte at which data nests deeper than MaxDepth,
// skipping strings; it does not validate anything else. It is one pass with
// no recursion, run before any recursive reader sees the bytes.
func checkDepth(data []byte, source string) error {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			depth++
			if depth > MaxDepth {
				return depthError(source, i)
			}
		case '}', ']':
			depth--
		}
	}
	return nil
}

func depthError(source string, offset int) error {
	return &InputError{Source: source, Msg: fmt.Sprintf("nested deeper than %d levels at byte %d: refused (ldfallback's limit: README, \"Payload shapes, loaders and limits\")", MaxDepth, offset)}
}

// builder collects flags as a loader would, so every reader (jreader, the
// streaming scanner) applies the same rules and words the same warnings.
type builder struct {
	p *Payload
	// dups are flag keys seen twice, mismatch keys whose "key" field differs.
	dups     []string
	mismatch []string
	// flagsMembers counts the top-level "flags" members; others the
	// members of a latest-all document that are none of the three.
	flagsMembers, others int
	flagValues           bool
	// Under the file loader: the keys read from "flags" and from
	// "flagValues" (the SDK's file data source refuses a file holding a
	// key in both), and the top-level names read case-insensitively.
	fromFlags, fromValues map[string]bool
	caseVariants          []string
}

func newBuilder(shape Shape) *builder {
	return &builder{p: &Payload{
		Shape:    shape,
		Loader:   LoaderPolling,
		Flags:    make(map[string]*ldmodel.FeatureFlag),
		Segments: make(map[string]*ldmodel.Segment),
		Deleted:  map[string]*ldmodel.FeatureFlag{},
	}}
}

// startFlags is called at each top-level "flags" member. Under the polling
// loader a second member replaces what the first held.
func (b *builder) startFlags() {
	b.flagsMembers++
	if b.flagsMembers > 1 && b.p.Loader == LoaderPolling {
		clear(b.p.Flags)
		clear(b.p.Deleted)
	}
}

// add records the flag decoded from map key key. field is the flag's own
// "key" field as written.
func (b *builder) add(key string, f *ldmodel.FeatureFlag) {
	field := f.Key
	_, dup := b.p.Flags[key]
	if !dup {
		_, dup = b.p.Deleted[key]
	}
	if dup {
		b.dups = append(b.dups, key)
	}
	if field != key {
		if b.p.KeyFields == nil {
			b.p.KeyFields = map[string]string{}
		}
		b.p.KeyFields[key] = field
		b.mismatch = append(b.mismatch, key)
	} else {
		delete(b.p.KeyFields, key)
	}
	f.Key = key
	if b.p.Loader == LoaderFile {
		if b.fromFlags == nil {
			b.fromFlags = map[string]bool{}
		}
		b.fromFlags[key] = true
	}
	if f.Deleted {
		delete(b.p.Flags, key)
		b.p.Deleted[key] = f
		return
	}
	delete(b.p.Deleted, key)
	b.p.Flags[key] = f
}

// addValue records a flag built from a flagValues entry.
func (b *builder) addValue(key string, f *ldmodel.FeatureFlag) {
	b.flagValues = true
	if b.fromValues == nil {
		b.fromValues = map[string]bool{}
	}
	if b.fromValues[key] {
		b.dups = append(b.dups, key)
	}
	b.fromValues[key] = true
	b.p.Flags[key] = f
}

// nullMember applies a top-level member that is null. encoding/json sets
// the file data source's map to nil, dropping what earlier members of
// that name held; the polling loader reads null as an empty map (and a
// repeated "flags" member replaces the earlier one anyway).
func (b *builder) nullMember(member string) {
	if b.p.Loader != LoaderFile {
		return
	}
	switch member {
	case "flags":
		for k := range b.fromFlags {
			if !b.fromValues[k] {
				delete(b.p.Flags, k)
			}
			delete(b.p.Deleted, k)
		}
		clear(b.fromFlags)
	case "flagValues":
		for k := range b.fromValues {
			if !b.fromFlags[k] {
				delete(b.p.Flags, k)
			}
		}
		clear(b.fromValues)
	case "segments":
		clear(b.p.Segments)
	}
}

// refusal is the reason the SDK's file data source would not load the
// document, "" when it would: a flag key in both "flags" and "flagValues"
// (its mergeFileData fails with DuplicateKeysFail, the default).
func (b *builder) refusal() string {
	var both []string
	for k := range b.fromValues {
		if b.fromFlags[k] {
			both = append(both, k)
		}
	}
	if len(both) == 0 {
		return ""
	}
	sort.Strings(both)
	return fmt.Sprintf("%s in both \"flags\" and \"flagValues\" (%s): the SDK's file data source refuses such a file (\"flag '%s' is specified by multiple files\"), and until a file loads the SDK serves every flag's code fallback; keep each flag in one of the two (with DuplicateKeysHandling ignore, \"flags\" wins)",
		count(len(both), "flag key is", "flag keys are"), someKeys(both), both[0])
}

// finish applies the loader's treatment of deleted flags and words the warnings.
func (b *builder) finish() *Payload {
	p := b.p
	if p.Loader == LoaderFile && len(p.Deleted) > 0 {
		keys := sortedKeys(p.Deleted)
		for _, k := range keys {
			p.Flags[k] = p.Deleted[k]
		}
		clear(p.Deleted)
		p.Warnings = append(p.Warnings, fmt.Sprintf(
			"%s marked \"deleted\": true (%s): this is the SDK's file data source format (it has \"flagValues\"), whose loader keeps deleted flags live, so they are evaluated as written; the polling loader would treat them as missing",
			count(len(keys), "flag is", "flags are"), someKeys(keys)))
	}
	if p.Shape == ShapeLatestAll && b.flagsMembers == 0 && !b.flagValues && b.others > 0 {
		p.Warnings = append(p.Warnings, "the payload has no \"flags\" member: no flag was read")
	}
	if b.flagsMembers > 1 {
		if p.Loader == LoaderFile {
			p.Warnings = append(p.Warnings, fmt.Sprintf("the payload has %d \"flags\" members: the SDK's file data source (this format) merges them, as read here; its polling loader would keep only the last", b.flagsMembers))
		} else {
			p.Warnings = append(p.Warnings, fmt.Sprintf("the payload has %d \"flags\" members: only the last is read, as the SDK's polling loader does (its file data source would merge them)", b.flagsMembers))
		}
	}
	if len(b.caseVariants) > 0 {
		v := dedupe(b.caseVariants)
		p.Warnings = append(p.Warnings, fmt.Sprintf("top-level member%s %s read as %q: this is the SDK's file data source format, whose loader (encoding/json) matches member names case-insensitively; its polling loader would ignore %s",
			plural(len(v), "", "s"), someKeys(v), topMember(v[0], LoaderFile), plural(len(v), "it", "them")))
	}
	if len(b.dups) > 0 {
		d := dedupe(b.dups)
		p.Warnings = append(p.Warnings, fmt.Sprintf("%s appear%s more than once in the payload (%s): the last one is used, as the SDK does",
			count(len(d), "flag key", "flag keys"), plural(len(d), "s", ""), someKeys(d)))
	}
	if len(b.mismatch) > 0 {
		var m []string
		for _, k := range dedupe(b.mismatch) {
			if _, still := p.KeyFields[k]; still {
				m = append(m, k)
			}
		}
		if len(m) > 0 {
			ex := m[0]
			p.Warnings = append(p.Warnings, fmt.Sprintf("%s a \"key\" field different from %s map key (%s; e.g. %q has key %q): the SDK looks a flag up by its map key but checks prerequisite cycles (and hashes rollouts) by the field",
				count(len(m), "flag has", "flags have"), plural(len(m), "its", "their"), someKeys(m), ex, p.KeyFields[ex]))
		}
	}
	if len(p.KeyFields) == 0 {
		p.KeyFields = nil
	}
	return p
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func dedupe(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, k := range s {
		if i == 0 || k != s[i-1] {
			out = append(out, k)
		}
	}
	return out
}

// someKeys names at most five keys, quoted, and how many more there are.
func someKeys(keys []string) string {
	var parts []string
	for i, k := range keys {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("and %d more", len(keys)-i))
			break
		}
		parts = append(parts, fmt.Sprintf("%q", k))
	}
	return strings.Join(parts, ", ")
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
