package scanner

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/languages"
)

// anyMatcher answers one question fast: does a file contain any of the
// pre-filter's strings? It is an Aho-Corasick automaton compiled to a dense
// DFA over byte classes, with the match flag folded into the transition, so
// the inner loop is one table load and one test per byte. Most files are not
// candidates and only this loop reads them; spans then finds where the
// strings are in the few that are. The same automaton, ASCII case-folded,
// finds the receiver markers (newFoldMatcher).
type anyMatcher struct {
	classes [256]uint16 // byte → class; class 0: bytes in no pattern
	k       uint32      // number of classes
	// table[s+c] is the state after state s (premultiplied by k) reads a byte
	// of class c, with matchBit set when a pattern ends there.
	table []uint32
	// longest[s/k] is the length of the longest pattern ending in state s
	// (0: none), the span spans reports there.
	longest []int32
	maxLen  int  // longest pattern
	empty   bool // an empty pattern matches everything
	// skips: a byte is skipped (newNameMatcher), so a match may be longer
	// than maxLen and the text is not cut in parts.
	skips bool
}

const matchBit = 1 << 31

func newAnyMatcher(patterns []string) *anyMatcher {
	return buildMatcher(patterns, 0)
}

// buildMatcher builds the automaton; a non-zero skip byte (in no pattern) is
// read as if absent: it leaves the state as it is.
func buildMatcher(patterns []string, skip byte) *anyMatcher {
	a := &anyMatcher{skips: skip != 0}
	if skip != 0 {
		a.classes[skip] = 1
	}
	for _, p := range patterns {
		if p == "" {
			a.empty = true
		}
		a.maxLen = max(a.maxLen, len(p))
		for i := 0; i < len(p); i++ {
			a.classes[p[i]] = 1
		}
	}
	a.k = 1
	for b := range a.classes {
		if a.classes[b] != 0 {
			a.classes[b] = uint16(a.k)
			a.k++
		}
	}
	k := int(a.k)
	skipClass := -1
	if skip != 0 {
		skipClass = int(a.classes[skip])
	}
	// The trie: goto[s*k+c] = child+1 (0: none); the length of the pattern
	// each state ends (0: none).
	var next []int32
	var term []int32
	newState := func() int {
		next = append(next, make([]int32, k)...)
		term = append(term, 0)
		return len(term) - 1
	}
	newState() // root
	for _, p := range patterns {
		s := 0
		for i := 0; i < len(p); i++ {
			c := int(a.classes[p[i]])
			if next[s*k+c] == 0 {
				child := newState()
				next[s*k+c] = int32(child) + 1
			}
			s = int(next[s*k+c]) - 1
		}
		term[s] = int32(len(p))
	}
	n := len(term)
	// Breadth-first: failure links, and the DFA's missing transitions
	// borrowed from the failure state (already complete, being shallower).
	// A state that ends no pattern of its own ends its failure state's
	// longest: every pattern ending there is a suffix of the state's string.
	delta := make([]int32, n*k)
	fail := make([]int32, n)
	queue := make([]int32, 0, n)
	for c := 0; c < k; c++ {
		if ch := next[c]; ch != 0 {
			delta[c] = ch - 1
			queue = append(queue, ch-1)
		}
	}
	// (The root's skip transition is 0: itself.)
	for len(queue) > 0 {
		u := int(queue[0])
		queue = queue[1:]
		if term[u] == 0 {
			term[u] = term[fail[u]]
		}
		for c := 0; c < k; c++ {
			if c == skipClass {
				delta[u*k+c] = int32(u)
				continue
			}
			if ch := next[u*k+c]; ch != 0 {
				v := ch - 1
				fail[v] = delta[int(fail[u])*k+c]
				delta[u*k+c] = v
				queue = append(queue, v)
			} else {
				delta[u*k+c] = delta[int(fail[u])*k+c]
			}
		}
	}
	a.table = make([]uint32, n*k)
	for i, t := range delta {
		v := uint32(t) * a.k
		if term[t] != 0 {
			v |= matchBit
		}
		a.table[i] = v
	}
	a.longest = term
	return a
}

// newFoldMatcher is newAnyMatcher ignoring ASCII case: the patterns are
// lower-cased, and each upper-case letter reads as its lower-case class.
func newFoldMatcher(patterns []string) *anyMatcher {
	lower := make([]string, len(patterns))
	for i, p := range patterns {
		lower[i] = asciiLower(p)
	}
	a := newAnyMatcher(lower)
	for b := 'A'; b <= 'Z'; b++ {
		a.classes[b] = a.classes[b+'a'-'A']
	}
	return a
}

// newNameMatcher finds identifiers as norm compares them: ASCII case and
// '_' ignored (`_feature_service` is a mention of FeatureService). A pattern
// with a byte outside ASCII letters and digits cannot be folded like that:
// it makes the matcher match everything.
func newNameMatcher(names []string) *anyMatcher {
	var pats []string
	for _, n := range names {
		n = strings.ReplaceAll(n, "_", "")
		for i := 0; i < len(n); i++ {
			if !isAlnum(n[i]) {
				n = ""
				break
			}
		}
		pats = append(pats, asciiLower(n))
	}
	a := buildMatcher(pats, '_')
	for b := 'A'; b <= 'Z'; b++ {
		a.classes[b] = a.classes[b+'a'-'A']
	}
	return a
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// spans returns where the patterns occur in src, as the Aho-Corasick
// library's standard match kind reported them when the scan used it: the
// first match to end (the longest pattern ending there), then the search
// starts afresh one byte after that match's start, so a later match may
// overlap it.
func (a *anyMatcher) spans(src []byte) []span {
	var out []span
	t, cls := a.table, &a.classes
	var s uint32
	for i := 0; i < len(src); {
		s = t[s+uint32(cls[src[i]])]
		i++
		if s&matchBit != 0 {
			start := i - int(a.longest[(s&^matchBit)/a.k])
			out = append(out, span{start, i})
			s, i = 0, start+1
		}
	}
	return out
}

// match reports whether src contains one of the patterns.
//
// Each byte's step waits for the previous one's table load, so one automaton
// runs at the memory latency, not the throughput. Large inputs are cut in four
// parts, overlapping by the longest pattern less one byte (so a match across
// a cut lies whole in the later part), run in lockstep.
func (a *anyMatcher) match(src []byte) bool {
	if a.empty {
		return true
	}
	ov := a.maxLen - 1
	q := len(src) / 4
	if q < 64+ov || a.skips {
		_, m := a.run(0, src)
		return m
	}
	p0, p1, p2, p3 := src[:q], src[q-ov:2*q], src[2*q-ov:3*q], src[3*q-ov:]
	n := len(p0)
	p1, p2, p3x := p1[:n], p2[:n], p3[:n]
	t, cls := a.table, &a.classes
	var s0, s1, s2, s3 uint32
	for i, b := range p0 {
		s0 = t[s0+uint32(cls[b])]
		s1 = t[s1+uint32(cls[p1[i]])]
		s2 = t[s2+uint32(cls[p2[i]])]
		s3 = t[s3+uint32(cls[p3x[i]])]
		if (s0|s1|s2|s3)&matchBit != 0 {
			return true
		}
	}
	// The parts after the first are longer by the overlap; the last also by the remainder.
	for _, r := range []struct {
		s    uint32
		rest []byte
	}{{s1, src[q-ov+n : 2*q]}, {s2, src[2*q-ov+n : 3*q]}, {s3, p3[n:]}} {
		if _, m := a.run(r.s, r.rest); m {
			return true
		}
	}
	return false
}

// run steps the automaton from state s over src.
func (a *anyMatcher) run(s uint32, src []byte) (uint32, bool) {
	t, cls := a.table, &a.classes
	for _, b := range src {
		s = t[s+uint32(cls[b])]
		if s&matchBit != 0 {
			return s, true
		}
	}
	return s, false
}

// FilterPatterns returns the pre-filter's byte strings, sorted: SDK import
// markers, method names, wrapper and definition names, and the extra keys. A
// file containing none of them is not parsed. (bench/ hands the same list to
// ripgrep and grep.) nil langs = languages.All(), nil cfg = config.Default().
func FilterPatterns(langs []*languages.Language, cfg *config.Config, extra []string) []string {
	if langs == nil {
		langs = languages.All()
	}
	if cfg == nil {
		cfg = config.Default()
	}
	set := map[string]bool{}
	for _, l := range langs {
		for _, s := range l.SDKs {
			for _, imp := range s.Imports {
				set[imp] = true
			}
		}
		for _, sh := range l.Shapes {
			for _, m := range sh.Methods {
				set[m] = true
			}
		}
		for _, d := range l.Definitions {
			addDef(set, d)
		}
	}
	for _, w := range cfg.Wrappers {
		for _, m := range w.Methods {
			set[m] = true
		}
	}
	for _, d := range cfg.Definitions {
		addDef(set, d)
	}
	for _, k := range extra {
		if k != "" {
			set[k] = true
		}
	}
	pats := make([]string, 0, len(set))
	for p := range set {
		pats = append(pats, p)
	}
	sort.Strings(pats)
	return pats
}

func addDef(set map[string]bool, d languages.Definition) {
	for _, c := range d.Constructors {
		set[c] = true
	}
	if d.KeyProperty != "" {
		set[d.KeyProperty] = true
	}
}

// markers are the strings a file must contain, beside a pre-filter hit, to be
// worth parsing: every built-in row needs its SDK in the file, by import or by
// receiver name, so a method name alone cannot yield a call. Wrapper and
// definition names, extra keys and the methods of rows that need no SDK count
// as they are. Each kind is one automaton pass (not a bytes.Contains per
// string, nor a lower-cased copy of the file): nil when there is none.
type markers struct {
	exact *anyMatcher // case-sensitive: imports, wrappers, definitions (a few dozen)
	// keys finds the extra flag keys in one pass, however many there are;
	// shared by every language, nil without extra keys.
	keys *anyMatcher
	// receivers ignore ASCII case (the SDKs' receiver markers are ASCII).
	receivers *anyMatcher
}

func (m markers) in(src []byte) bool {
	return m.exact != nil && m.exact.match(src) ||
		m.keys != nil && m.keys.match(src) ||
		m.receivers != nil && m.receivers.match(src)
}

// lazyMarkers builds a language's markers when a file of it first passes
// the pre-filter: building the automata of all sixteen languages was a
// fifth of a scan's start-up, and most trees hold few languages.
type lazyMarkers struct {
	once  sync.Once
	build func() markers
	m     markers
	built bool // for tests
}

func (lm *lazyMarkers) get() markers {
	lm.once.Do(func() { lm.m, lm.built = lm.build(), true })
	return lm.m
}

func fileMarkers(langs []*languages.Language, cfg *config.Config, extra []string) map[*languages.Language]*lazyMarkers {
	var keys *anyMatcher
	if nonEmpty := slices.DeleteFunc(slices.Clone(extra), func(k string) bool { return k == "" }); len(nonEmpty) > 0 {
		keys = newAnyMatcher(nonEmpty)
	}
	out := make(map[*languages.Language]*lazyMarkers, len(langs))
	for _, l := range langs {
		out[l] = &lazyMarkers{build: func() markers { return languageMarkers(l, cfg, keys) }}
	}
	return out
}

// languageMarkers builds l's markers; keys is the extra keys' automaton, shared.
func languageMarkers(l *languages.Language, cfg *config.Config, keys *anyMatcher) markers {
	var exact, receivers []string
	add := func(x string) {
		if x != "" {
			exact = append(exact, x)
		}
	}
	for _, sdk := range l.SDKs {
		for _, imp := range sdk.Imports {
			add(imp)
		}
		receivers = append(receivers, sdk.Receivers...)
	}
	for _, sh := range l.Shapes {
		if sh.SDK == "" {
			for _, meth := range sh.Methods {
				add(meth)
			}
		}
	}
	var defs []languages.Definition
	defs = append(defs, l.Definitions...)
	for _, w := range cfg.Wrappers {
		if len(w.Languages) == 0 || slices.Contains(w.Languages, l.Name) || slices.Contains(w.Languages, l.Inherit) {
			for _, meth := range w.Methods {
				add(meth)
			}
		}
	}
	defs = append(defs, cfg.Definitions...)
	for _, d := range defs {
		set := map[string]bool{}
		addDef(set, d)
		for x := range set {
			add(x)
		}
	}
	m := markers{keys: keys}
	if len(exact) > 0 {
		m.exact = newAnyMatcher(exact)
	}
	if len(receivers) > 0 {
		m.receivers = newFoldMatcher(receivers)
	}
	return m
}
