package scanner

import (
	"bytes"
	"path"
	"strings"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/languages"
	sitter "github.com/smacker/go-tree-sitter"
)

// matcher is everything one language needs at extraction time, built once per scan.
type matcher struct {
	lang *languages.Language
	comp *languages.Compiled
	// callCaps are the calls query's capture names by index (a cgo call each otherwise).
	callCaps []string
	// byMethod lists the shapes (built-in first, then wrappers) for each method name.
	byMethod map[string][]shapeRef
	// objDefs are object-literal definitions; their key properties.
	objDefs []*languages.Definition
	// fallbackConfig is the base name of the fallback-config.json that
	// wrappers read: a wrapper whose file names it and whose fallback is
	// looked up by the key reads its fallback from there.
	fallbackConfig string
}

type shapeRef struct {
	shape   *languages.Shape
	def     *languages.Definition // constructor-style definition instead of a shape
	wrapper bool
}

func newMatcher(l *languages.Language, cfg *config.Config) (*matcher, error) {
	comp, err := l.Compile()
	if err != nil {
		return nil, err
	}
	m := &matcher{lang: l, comp: comp, byMethod: map[string][]shapeRef{}}
	for i := uint32(0); i < comp.Calls.CaptureCount(); i++ {
		m.callCaps = append(m.callCaps, comp.Calls.CaptureNameForId(i))
	}
	for i := range l.Shapes {
		s := &l.Shapes[i]
		for _, name := range s.Methods {
			m.byMethod[name] = append(m.byMethod[name], shapeRef{shape: s})
		}
	}
	defs := append([]languages.Definition(nil), l.Definitions...)
	if cfg != nil {
		m.fallbackConfig = path.Base(cfg.FallbackConfig)
		for i := range cfg.Wrappers {
			w := &cfg.Wrappers[i]
			if !forLanguage(w.Languages, l) {
				continue
			}
			for _, name := range w.Methods {
				m.byMethod[name] = append(m.byMethod[name], shapeRef{shape: w, wrapper: true})
			}
		}
		for _, d := range cfg.Definitions {
			if forLanguage(d.Languages, l) {
				defs = append(defs, d)
			}
		}
	}
	for i := range defs {
		d := &defs[i]
		for _, c := range d.Constructors {
			m.byMethod[c] = append(m.byMethod[c], shapeRef{def: d})
		}
		if d.KeyProperty != "" {
			m.objDefs = append(m.objDefs, d)
		}
	}
	return m, nil
}

func forLanguage(names []string, l *languages.Language) bool {
	if len(names) == 0 {
		return true
	}
	for _, n := range names {
		if n == l.Name || n == l.Inherit {
			return true
		}
	}
	return false
}

// pickShape chooses the first shape that fits the call: its SDK is imported,
// its key is present, its fallback is present (or implicit, or from config),
// and the call has no more arguments than MaxArgs.
func pickShape(refs []shapeRef, sdks map[string]bool, pos []*sitter.Node, named map[string]*sitter.Node) (shapeRef, bool) {
	n := len(pos) + len(named)
	for _, r := range refs {
		if r.def != nil {
			if present(pos, named, r.def.Key) {
				return r, true
			}
			continue
		}
		s := r.shape
		if s.SDK != "" && !sdks[s.SDK] {
			continue
		}
		if s.MaxArgs > 0 && n > s.MaxArgs {
			continue
		}
		if !present(pos, named, s.Key) {
			continue
		}
		if s.Fallback.IsSet() && !present(pos, named, s.Fallback) && s.Implicit == "" && !s.FromConfig {
			continue
		}
		return r, true
	}
	return shapeRef{}, false
}

// receiverSDKs adds to the file's imported SDKs those whose receiver markers
// appear in the call's receiver text; it returns sdks itself when none does.
func receiverSDKs(m *matcher, sdks map[string]bool, receiver []byte) map[string]bool {
	if len(receiver) == 0 {
		return sdks
	}
	var out map[string]bool
	lower := bytes.ToLower(receiver)
	for _, sdk := range m.lang.SDKs {
		if sdks[sdk.Name] {
			continue
		}
		for _, marker := range sdk.Receivers {
			if claimed(m, sdks, marker) {
				// `_ldClient.` in a file that imports the server SDK is the server's client.
				continue
			}
			if containsWordStart(lower, []byte(strings.ToLower(marker))) {
				if out == nil {
					out = make(map[string]bool, len(sdks)+1)
					for k, v := range sdks {
						out[k] = v
					}
				}
				out[sdk.Name] = true
				break
			}
		}
	}
	if out == nil {
		return sdks
	}
	return out
}

// claimed reports whether an SDK the file imports has the receiver marker too.
func claimed(m *matcher, sdks map[string]bool, marker string) bool {
	for _, sdk := range m.lang.SDKs {
		if sdks[sdk.Name] && has(sdk.Receivers, marker) {
			return true
		}
	}
	return false
}

// containsWordStart reports whether marker occurs in s at the start of a word
// (not preceded by a letter or digit), so "ldclient" matches `ld.ldClient.`
// and `self._ldclient.` but not `oldClient.`.
func containsWordStart(s, marker []byte) bool {
	for off := 0; ; {
		i := bytes.Index(s[off:], marker)
		if i < 0 {
			return false
		}
		i += off
		if i == 0 || !isAlnum(s[i-1]) {
			return true
		}
		off = i + 1
	}
}

func isAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// importedSDKs returns the names of the SDKs whose import markers appear in the file's imports.
// An import node contains its marker, so only the ranges around pre-filter hits are searched.
func importedSDKs(qc *sitter.QueryCursor, m *matcher, root *sitter.Node, src []byte, ranges []pointRange) map[string]bool {
	out := map[string]bool{}
	if m.comp.Imports == nil {
		return out
	}
	for _, r := range ranges {
		runQuery(qc, m.comp.Imports, root, r)
		for {
			match, ok := qc.NextMatch()
			if !ok {
				break
			}
			match = qc.FilterPredicates(match, src)
			for _, c := range match.Captures {
				if m.comp.Imports.CaptureNameForId(c.Index) != "import" {
					continue
				}
				text := c.Node.Content(src)
				for _, sdk := range m.lang.SDKs {
					for _, marker := range sdk.Imports {
						if strings.Contains(text, marker) {
							out[sdk.Name] = true
						}
					}
				}
			}
		}
	}
	return out
}
