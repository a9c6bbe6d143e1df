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
	if _, dup := b.p.Flags[key]; dup {
		b.dups = append(b.dups, key)
	}
	b.p.Flags[key] = f
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
