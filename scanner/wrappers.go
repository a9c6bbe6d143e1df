package scanner

import (
	"bytes"
	"context"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
	sitter "github.com/smacker/go-tree-sitter"

	"github.com/ldfallback/ldfallback/languages"
)

// The wrapper stage, the import half of wrapper inference (infer.go is the
// export half). It gathers the facts extraction exported, then runs a second,
// cheap pass: every walked file of a wrapper's language family is searched
// for the wrapper names (one automaton, like the first pre-filter), and only
// the files that mention one are parsed, around the mentions. Each call of a
// wrapper whose receiver can reach it becomes a Call with Via set; a call
// whose key is itself a parameter of its enclosing declaration exports a new
// fact (a wrapper of a wrapper), and the pass repeats for the new names
// only. Facts are identified by file and declaration, so a cycle of
// wrappers ends. Calls found here name keys like any call: their constants
// are resolved by the next stage (resolve.go).

// maxWrapperRounds bounds the chain of wrappers of wrappers.
const maxWrapperRounds = 8

// inferWrappers runs the wrapper stage over every root and returns the
// wrappers it found, by root (root-relative files).
func (s *scanner) inferWrappers(ctx context.Context, all []result, res *Result) map[string][]*Wrapper {
	byRootFound := map[string][]*Wrapper{}
	byRoot := map[string][]int{}
	var roots []string
	for i := range all {
		r := &all[i]
		if r.job.lang == nil {
			continue
		}
		if _, ok := byRoot[r.job.root]; !ok {
			roots = append(roots, r.job.root)
		}
		byRoot[r.job.root] = append(byRoot[r.job.root], i)
	}
	for _, root := range roots {
		files := byRoot[root]
		known := map[string]bool{}
		var facts []*Wrapper
		for _, i := range files {
			if out := all[i].out; out != nil {
				facts = append(facts, out.wrappers...)
			}
		}
		facts = s.disabled(newFacts(known, facts))
		var found []*Wrapper
		idx := newIdentIndex(len(all))
		for round := 0; len(facts) > 0 && round < maxWrapperRounds && ctx.Err() == nil; round++ {
			found = append(found, facts...)
			facts = s.disabled(newFacts(known, s.wrapperPass(ctx, all, files, facts, idx, &res.Stats)))
		}
		byRootFound[root] = found
		prefix := s.displayPrefix(root)
		for _, w := range found {
			c := *w
			c.File = path.Join(prefix, c.File)
			res.Wrappers = append(res.Wrappers, c)
		}
	}
	sort.SliceStable(res.Wrappers, func(i, j int) bool {
		a, b := res.Wrappers[i], res.Wrappers[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return byRootFound
}

// newFacts drops the facts already known (one per declaration and name).
func newFacts(known map[string]bool, facts []*Wrapper) []*Wrapper {
	var out []*Wrapper
	for _, w := range facts {
		k := w.File + "\x00" + w.Name + "\x00" + string(rune(w.decl))
		if known[k] {
			continue
		}
		known[k] = true
		out = append(out, w)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}

// disabled drops the wrappers the config disables or declares itself (a
// config row for the same name wins over inference).
func (s *scanner) disabled(facts []*Wrapper) []*Wrapper {
	out := facts[:0]
	for _, w := range facts {
		if s.cfg.DisablesWrapper(w.Name, w.Language) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// wrapperPass finds the calls of facts in the root's files, adds them to the
// files' results and returns the facts those calls export.
func (s *scanner) wrapperPass(ctx context.Context, all []result, files []int, facts []*Wrapper, idx *identIndex, st *Stats) []*Wrapper {
	byFam := map[string]map[string][]*Wrapper{}
	for _, w := range facts {
		if byFam[w.fam] == nil {
			byFam[w.fam] = map[string][]*Wrapper{}
		}
		byFam[w.fam][w.Name] = append(byFam[w.fam][w.Name], w)
		if w.Alias != "" {
			byFam[w.fam][w.Alias] = append(byFam[w.fam][w.Alias], w)
		}
	}
	filters := map[string]*famFilter{}
	for fam, names := range byFam {
		filters[fam] = newFamFilter(names)
	}
	var todo []int
	for _, i := range files {
		r := &all[i]
		f := filters[family(r.job.lang)]
		if r.skip != "" || r.problem != "" || f == nil || declarationsOnly(r.job.lang, r.job.rel) || idx.known(i) && !idx.mayContain(i, f.names) {
			continue
		}
		todo = append(todo, i)
	}
	var mu sync.Mutex
	var out []*Wrapper
	s.eachFile(ctx, todo, func(e *extractor, i int) {
		r := &all[i]
		fam := family(r.job.lang)
		f := filters[fam]
		src, err := e.read(r.job.abs, s.maxSize)
		if err != nil {
			return
		}
		if !idx.known(i) {
			idx.build(i, src) // this worker alone writes file i's entry
			if !idx.mayContain(i, f.names) {
				return
			}
		}
		if !f.mayCall(src) {
			return // no call here can reach one of the wrappers: not parsed
		}
		hits := f.filter.IterByte(src)
		var spans []span
		for h := hits.Next(); h != nil; h = hits.Next() {
			spans = append(spans, span{h.Start(), h.End()})
		}
		if allFound(src, spans, r.out) {
			return // every mention is a call the first pass found: nothing to parse for
		}
		e.keep()
		lang := r.job.lang
		if isMarkup(r.job.rel) {
			lang, src = s.codeSource(r.job.rel, lang, src)
			spans = nil
		}
		m, err := s.matcher(lang)
		if err != nil {
			return
		}
		pctx, cancel := s.withBudget(ctx)
		e.config = s.configFor(r.job)
		calls, pend, facts, err := e.wrapperCalls(pctx, m, r.job.rel, src, spans, byFam[fam], r.out)
		e.config = nil
		cancel()
		mu.Lock()
		st.WrapperFiles++
		if err == nil {
			s.addWrapperCalls(r, m, calls, pend)
			out = append(out, facts...)
		}
		mu.Unlock()
	})
	return out
}

// famFilter decides which files of a language family a round of the
// wrapper stage parses: those that mention a wrapper's name and could call
// it. A method wrapper is only taken for a call whose file names its class
// (or a base, or a receiver named like the class): receiverFits needs one of
// them in the file on every path, so a file that mentions `IsEnabled` but
// no FeatureService is not parsed (a logger's IsEnabled).
type famFilter struct {
	names  []string
	filter ahocorasick.AhoCorasick
	// classless finds the names of free-function wrappers: any mention may call one.
	classless *anyMatcher
	// owners finds the classes and bases of the method wrappers, as norm
	// compares a receiver with a class (case and '_' aside).
	owners *anyMatcher
}

func newFamFilter(byName map[string][]*Wrapper) *famFilter {
	f := &famFilter{}
	var free, owners []string
	for n, ws := range byName {
		f.names = append(f.names, n)
		for _, w := range ws {
			if w.Class == "" {
				free = append(free, n)
				continue
			}
			// Class, "I"+Class and Class less "Impl" all contain the last.
			owners = append(owners, strings.TrimSuffix(w.Class, "Impl"))
			owners = append(owners, w.bases...)
		}
	}
	sort.Strings(f.names)
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.StandardMatch})
	f.filter = b.Build(f.names)
	if len(free) > 0 {
		f.classless = newAnyMatcher(free)
	}
	if len(owners) > 0 {
		f.owners = newNameMatcher(owners)
	}
	return f
}

// mayCall reports whether src may hold a call that reaches one of the wrappers.
func (f *famFilter) mayCall(src []byte) bool {
	return f.classless != nil && f.classless.match(src) || f.owners != nil && f.owners.match(src)
}

// addWrapperCalls appends a file's wrapper calls to its result, with their
// pending names renumbered after the calls already there.
func (s *scanner) addWrapperCalls(r *result, m *matcher, calls []Call, pend []pending) {
	if len(calls) == 0 {
		return
	}
	if r.out == nil {
		r.out = &fileOut{m: m}
	}
	base := len(r.out.calls)
	r.out.calls = append(r.out.calls, calls...)
	for _, p := range pend {
		p.idx += base
		r.out.pending = append(r.out.pending, p)
	}
	if r.out.m == nil {
		r.out.m = m
	}
}

// wrapperCalls parses one file and returns the calls of the wrappers in
// names (a call the first pass already found at the same place is skipped),
// their names still to resolve, and the facts they export.
func (e *extractor) wrapperCalls(ctx context.Context, m *matcher, rel string, src []byte, hits []span, names map[string][]*Wrapper, prev *fileOut) ([]Call, []pending, []*Wrapper, error) {
	tree, err := e.parse(ctx, m, src)
	if err != nil {
		return nil, nil, nil, err
	}
	defer tree.Close()
	root := tree.RootNode()
	had := map[[2]int]bool{}
	if prev != nil {
		for _, c := range prev.calls {
			had[[2]int{c.Line, c.Column}] = true
		}
	}
	fns := &m.lang.Functions
	lit := &m.lang.Literals
	var calls []Call
	var pend []pending
	var facts []*Wrapper
	var consts map[string]constVal
	var cfgNames []string // names bound to the node config package, read at the first call that needs them
	cfgRead := false
	seen := map[uint32]bool{}
	qc := e.calls
	// The calls query, and the constructions query where constructions
	// are not calls (`new C(k)`, `[C(k)]`): a class's construction is
	// called only there, a function only in the calls query.
	type pass struct {
		q     *sitter.Query
		caps  []string
		ctors bool
	}
	type step struct {
		rg pointRange
		ps pass
	}
	passes := []pass{{q: m.comp.Calls, caps: m.callCaps, ctors: false}}
	ctorQ, _ := m.comp.Constructions()
	if ctorQ != nil && hasConstructs(names) {
		caps := make([]string, ctorQ.CaptureCount())
		for i := range caps {
			caps[i] = ctorQ.CaptureNameForId(uint32(i))
		}
		passes = append(passes, pass{q: ctorQ, caps: caps, ctors: true})
	}
	var steps []step
	for _, rg := range pointRanges(src, hits) {
		for _, ps := range passes {
			steps = append(steps, step{rg, ps})
		}
	}
	for _, st := range steps {
		ps := st.ps
		runQuery(qc, ps.q, root, st.rg)
		for {
			match, ok := qc.NextMatch()
			if !ok {
				break
			}
			methodN, argsN, callN, pipeN, _ := captureNodes(ps.caps, match)
			if methodN == nil || argsN == nil || callN == nil || seen[callN.StartByte()] {
				continue
			}
			cands := names[methodN.Content(src)]
			if ctorQ != nil {
				cands = constructs(cands, ps.ctors)
			}
			if len(cands) == 0 {
				continue
			}
			seen[callN.StartByte()] = true
			c := Call{
				File:     rel,
				Line:     int(methodN.StartPoint().Row) + 1,
				Column:   Column(src, int(methodN.StartByte())),
				Language: m.lang.Name,
				Method:   methodN.Content(src),
			}
			if had[[2]int{c.Line, c.Column}] {
				continue
			}
			if notACall(m, callN, methodN, src) {
				continue // a declaration's head written as a call (Elixir `def f(x)`, `@spec f(t)`)
			}
			if mockSetup(m, callN, methodN, src) {
				continue // a test double's setup of the wrapper, not an evaluation
			}
			pos, named, runs := splitArgs(m, argsN, src)
			if pipeN != nil {
				continue // pipes are not inferred
			}
			recv := receiverText(src, callN, methodN)
			if ps.ctors {
				recv = "" // `new C(…)`, `[C(…)]`: the class by its name
			}
			callerClass := enclosingClass(fns, callN, src)
			w := pickWrapper(fns, cands, recv, callerClass, rel, src, pos, named, func(n *sitter.Node) bool {
				_, obj := objectProp(lit, n, "", src)
				return obj
			})
			if w == nil {
				continue
			}
			keyN, fbN := w.fill(&c, pos, named)
			if w.Constructs && (setsMember(fns, keyN) || setsMember(fns, fbN)) {
				continue // `[C(Key = …)]` sets a property after the construction: not followed
			}
			if kp := w.KeyParam; kp != nil && (kp.Prop != "" || kp.Member != "") {
				// An object literal passed for an object of parameters: the
				// key is the value it gives the property.
				if v, obj := objectProp(lit, keyN, kp.Prop+kp.Member, src); obj {
					keyN = v
				}
			}
			keyRef, fbRef := fillCall(&c, lit, src, keyN, fbN, "", false, runs)
			if c.keyLookup != nil && c.Key != nil {
				c.keyLookup.apply(&c)
			}
			if c.Key == nil && c.keyLookup == nil && w.KeyParam != nil && e.config != nil && runs == nil {
				// The caller passes a lookup in node-config files as the key.
				if !cfgRead {
					cfgNames, cfgRead = configNames(src), true
				}
				keyRef = e.configCall(m, cfgNames, &c, callN, keyN, src, keyRef)
			}
			var f *Wrapper
			if !isRun(runs, keyN) && !isRun(runs, fbN) {
				// An argument of several nodes (Lua `keys.PRICING`) is no parameter.
				f = inferFact(m, rel, src, callN, keyN, fbN, &c, "")
			}
			if c.keyTail != "" {
				// A computed lookup: the wrapper exported here carries it; the call keeps none.
				c.keyLookup, c.keyTail = nil, ""
			}
			if f != nil {
				facts = append(facts, f)
				if f.KeyParam != nil {
					continue // the wrapper's own forwarding: its callers are the sites
				}
			}

			if keyRef != "" || fbRef != "" {
				keyRef, fbRef = scoped(m, callN, src, &c, keyRef, fbRef)
				if c.keyLookup != nil && c.Key != nil {
					c.keyLookup.apply(&c) // a local's literal, looked up
				}
			}
			c.Ignored, c.IgnoreReason = ignoredAt(src, m.lang.Comments, int(methodN.StartByte()))
			calls = append(calls, c)
			if keyRef != "" || fbRef != "" {
				pend = append(pend, pending{idx: len(calls) - 1, keyRef: keyRef, fallbackRef: fbRef})
			}
		}
	}
	if len(pend) > 0 {
		consts = collectConstants(e.aux, m, root, src, rel)
		pend = resolvePending(calls, pend, rel, inScopes(consts))
	}
	return calls, pend, facts, nil
}

// hasConstructs reports whether some wrapper is a class's construction.
func hasConstructs(names map[string][]*Wrapper) bool {
	for _, ws := range names {
		for _, w := range ws {
			if w.Constructs {
				return true
			}
		}
	}
	return false
}

// constructs keeps the wrappers that are constructions (ctors) or those
// that are not.
func constructs(ws []*Wrapper, ctors bool) []*Wrapper {
	var out []*Wrapper
	for _, w := range ws {
		if w.Constructs == ctors {
			out = append(out, w)
		}
	}
	return out
}

// setsMember reports whether an argument is an assignment (C# attribute
// `Name = value`), not a value passed to the constructor.
func setsMember(fns *languages.Functions, n *sitter.Node) bool {
	if n == nil {
		return false
	}
	if n.NamedChildCount() == 1 {
		n = n.NamedChild(0) // the argument's wrapper (C# attribute_argument)
	}
	for _, a := range fns.Constructions.Assignments {
		if n.Type() == a.Node {
			return true
		}
	}
	return false
}

// pickWrapper chooses the wrapper a call reaches among those of its name:
// the receiver must fit and the positional arguments must not outnumber the
// parameters. Several that fit and disagree on where key and fallback come
// from make the call ambiguous: it is not taken (a guessed key is worse than none).
func pickWrapper(fns *languages.Functions, cands []*Wrapper, recv, callerClass, rel string, src []byte, pos []*sitter.Node, named map[string]*sitter.Node, isObject func(*sitter.Node) bool) *Wrapper {
	var fit, exact []*Wrapper
	for _, w := range cands {
		if len(pos) > w.Positional || !receiverFits(fns, w, recv, callerClass, rel, src) {
			continue
		}
		if w.KeyParam != nil && argAt(pos, named, w.KeyParam.ref()) == nil {
			continue
		}
		if w.KeyParam != nil && w.KeyParam.Prop != "" && !isObject(argAt(pos, named, w.KeyParam.ref())) {
			// The key is a property of an object of parameters: a call
			// passing anything but an object literal gives no key to read.
			continue
		}
		fit = append(fit, w)
		if len(pos)+len(named) >= w.Required {
			exact = append(exact, w)
		}
	}
	if len(exact) > 0 {
		fit = exact // overloads: the ones the call passes every required argument of
	}
	for _, w := range fit[min(1, len(fit)):] {
		if w.shape() != fit[0].shape() {
			return nil
		}
	}
	if len(fit) == 0 {
		return nil
	}
	return fit[0]
}

// shape is what a call of w takes from where, for the ambiguity test.
func (w *Wrapper) shape() string {
	var b strings.Builder
	if w.KeyParam != nil {
		b.WriteString("k" + w.KeyParam.Name + "@" + strconv.Itoa(w.KeyParam.Index) + "." + w.KeyParam.Member + "." + w.KeyParam.Prop)
		if w.KeyLookup != nil {
			b.WriteString("<" + w.KeyLookup.Dir + ":" + w.KeyLookup.Path)
		}
	} else if w.Key != nil {
		b.WriteString("K" + *w.Key)
	}
	if w.FallbackParam != nil {
		b.WriteString("|f" + w.FallbackParam.Name + "@" + strconv.Itoa(w.FallbackParam.Index) + "=" + w.FallbackParam.DefaultText)
	} else {
		b.WriteString("|F" + string(w.Fallback) + w.FallbackText)
	}
	if w.FromConfig {
		b.WriteString("|c")
	}
	return b.String() + "|" + string(w.Type)
}

// fill sets what a call of w takes from the wrapper itself (a fixed key, a
// fixed or declared-default fallback) and returns the argument nodes that
// carry the rest: the key and the fallback the caller passed.
func (w *Wrapper) fill(c *Call, pos []*sitter.Node, named map[string]*sitter.Node) (keyN, fbN *sitter.Node) {
	c.Via = &Via{Name: w.Name, File: w.File, Line: w.Line}
	c.Type = orType(w.Type)
	if w.KeyParam != nil {
		keyN = argAt(pos, named, w.KeyParam.ref())
		c.keyLookup = w.KeyLookup
	} else if w.Key != nil {
		k := *w.Key
		c.Key = &k
	}
	switch {
	case w.FallbackParam != nil:
		if fbN = argAt(pos, named, w.FallbackParam.ref()); fbN == nil {
			// Omitted: the parameter's declared default, or nothing known.
			c.FallbackText = w.FallbackParam.DefaultText
			if w.FallbackParam.Default != nil {
				c.Fallback = w.FallbackParam.Default
			} else {
				c.Dynamic = true
			}
		}
	case w.Fallback != nil:
		c.Fallback, c.FallbackText, c.Implicit = w.Fallback, w.FallbackText, w.Implicit
	case w.FromConfig:
		c.FromConfig = true
	default:
		c.FallbackText, c.Dynamic = w.FallbackText, true
	}
	if c.Fallback != nil && c.Type == TypeUnknown {
		if _, t, ok := jsonType(c.Fallback); ok {
			c.Type = t
		}
	}
	return keyN, fbN
}

func orType(t Type) Type {
	if t == "" {
		return TypeUnknown
	}
	return t
}

// allFound reports whether every span starts a call the first pass already
// found in the file (a wrapper named like an SDK method, in the SDK's own
// code): parsing the file again would find nothing new.
func allFound(src []byte, spans []span, prev *fileOut) bool {
	if prev == nil || len(prev.calls) == 0 || len(spans) == 0 {
		return false
	}
	had := map[[2]int]bool{}
	for _, c := range prev.calls {
		had[[2]int{c.Line, c.Column}] = true
	}
	line, at := 1, 0
	for _, sp := range spans {
		line += bytes.Count(src[at:sp.start], []byte("\n"))
		at = sp.start
		if !had[[2]int{line, Column(src, sp.start)}] {
			return false
		}
	}
	return true
}

// objectProp returns, when n is an object literal (lit.Object rows), the
// value it gives property prop (a pair, or the shorthand `{ prop }`), nil
// when it gives none; obj is false when n is not an object literal.
func objectProp(lit *languages.Literals, n *sitter.Node, prop string, src []byte) (v *sitter.Node, obj bool) {
	for d := 0; n != nil && d < 8 && has(lit.Wrappers, n.Type()) && n.NamedChildCount() > 0; d++ {
		n = n.NamedChild(0)
	}
	if n == nil {
		return nil, false
	}
	for _, o := range lit.Object {
		if o.Node != n.Type() {
			continue
		}
		for i := 0; i < int(n.NamedChildCount()); i++ {
			p := n.NamedChild(i)
			if p.Type() != o.Pair {
				if p.NamedChildCount() == 0 && p.Content(src) == prop {
					return p, true // shorthand: `{ prop }`
				}
				continue
			}
			kn, vn := p.ChildByFieldName(o.Key), p.ChildByFieldName(o.Value)
			if kn == nil || vn == nil {
				continue
			}
			if name, ok := propertyName(kn, src, lit); ok && name == prop {
				return vn, true
			}
		}
		return nil, true
	}
	return nil, false
}

// notACall reports whether a call node only spells a function head: the
// head of a declaration, or a call inside a spec (languages.Functions.Specs).
func notACall(m *matcher, callN, methodN *sitter.Node, src []byte) bool {
	fns := &m.lang.Functions
	if declHead(fns, callN, methodN, src) {
		return true
	}
	if len(fns.Specs) == 0 {
		return false
	}
	for n, hops := callN.Parent(), 0; n != nil && hops < mockAncestorHops; n, hops = n.Parent(), hops+1 {
		if n.Type() == callN.Type() && has(fns.Specs, calleeName(n, src)) {
			return true
		}
	}
	return false
}

// declHead reports whether the call node is the head of a declaration
// whose grammar shape is a call (Elixir `def is_on(key) do … end`): its
// method node is the declaration's name.
func declHead(fns *languages.Functions, callN, methodN *sitter.Node, src []byte) bool {
	for n, depth := callN.Parent(), 0; n != nil && depth < 3; n, depth = n.Parent(), depth+1 {
		if row := declRow(fns, n, src); row != nil {
			nn := child(n, row.Name)
			return nn != nil && nn.StartByte() == methodN.StartByte() && nn.EndByte() == methodN.EndByte()
		}
	}
	return false
}

// eachFile runs fn for each index of todo on the scan's workers, each
// worker with an extractor of its own; once ctx ends the rest are skipped.
func (s *scanner) eachFile(ctx context.Context, todo []int, fn func(e *extractor, i int)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for k := 0; k < s.workers(); k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := newExtractor()
			defer e.close()
			for i := range jobs {
				if ctx.Err() == nil {
					fn(e, i)
				}
			}
		}()
	}
	for _, i := range todo {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}
