package scanner

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/ldfallback/ldfallback/languages"
)

// fileOut is what extraction of one file produces.
type fileOut struct {
	calls []Call
	// consts is nil when extraction did not need the file's own constants;
	// resolveRefs collects them if another file's reference reaches this one.
	consts map[string]constVal
	// binds are the file's import bindings, collected with consts.
	binds   []binding
	pending []pending
	m       *matcher // the matcher used (a .vue or .svelte file may use TypeScript's)
	// flagObjects are the React flags-object reads and providers (react.go).
	flagObjects *flagObjectOut
	// wrappers are the facts this file exports: its declarations that
	// forward a parameter to an evaluation call's key (infer.go).
	wrappers []*Wrapper
	// clients are the names this file assigns an SDK client to (clients.go).
	clients []clientName
}

// extractor is one worker's state: its own parsers, query cursors and read
// buffer, reused from file to file.
type extractor struct {
	parsers map[string]*sitter.Parser
	// calls runs the calls query; aux runs the imports and constants
	// queries, which the calls loop may need while it is iterating.
	calls, aux *sitter.QueryCursor
	buf        []byte
	// eager runs the imports and constants queries over the whole tree for
	// every file, as extraction did before it was made lazy (benchmarks only).
	eager bool
	// clients are the names of SDK clients built elsewhere in the root, by
	// SDK, that count as receivers of that SDK here (clients.go).
	clients map[string][]string
	// config finds the node-config directory of the file being extracted
	// (nodeconfig.go); nil: none is looked for.
	config func() *configDir
}

func newExtractor() *extractor {
	return &extractor{parsers: map[string]*sitter.Parser{}, calls: sitter.NewQueryCursor(), aux: sitter.NewQueryCursor()}
}

// span is a byte range of a source file: where the pre-filter found one of its strings.
type span struct{ start, end int }

// pointRange is a span as tree-sitter points (row, byte column).
type pointRange struct{ start, end sitter.Point }

// wholeFile is the range that makes a query cursor visit the whole tree.
var wholeFile = []pointRange{{sitter.Point{}, sitter.Point{Row: ^uint32(0), Column: ^uint32(0)}}}

// nearHits merges hits less than this many bytes apart into one query range.
const nearHits = 256

// pointRanges turns sorted pre-filter hits into merged point ranges; nil hits = the whole file.
func pointRanges(src []byte, hits []span) []pointRange {
	if hits == nil {
		return wholeFile
	}
	var out []pointRange
	row, lineStart, at := 0, 0, 0 // newlines counted up to at
	point := func(off int) sitter.Point {
		for {
			i := bytes.IndexByte(src[at:off], '\n')
			if i < 0 {
				break
			}
			row++
			at += i + 1
			lineStart = at
		}
		at = off
		return sitter.Point{Row: uint32(row), Column: uint32(off - lineStart)}
	}
	for i := 0; i < len(hits); {
		start, end := hits[i].start, hits[i].end
		for i++; i < len(hits) && hits[i].start <= end+nearHits; i++ {
			end = max(end, hits[i].end)
		}
		out = append(out, pointRange{point(start), point(end)})
	}
	return out
}

// runQuery runs q over the part of root's tree that intersects r: a query whose
// pattern contains a node intersecting r is matched as over the whole tree,
// and subtrees outside r are not visited.
func runQuery(qc *sitter.QueryCursor, q *sitter.Query, root *sitter.Node, r pointRange) {
	qc.SetPointRange(r.start, r.end)
	qc.Exec(q, root)
}

// parser returns the worker's parser for m's grammar, reset so that it never
// resumes an earlier, cancelled parse.
func (e *extractor) parser(m *matcher) *sitter.Parser {
	p := e.parsers[m.lang.Grammar]
	if p == nil {
		p = sitter.NewParser()
		p.SetLanguage(m.comp.Lang)
		e.parsers[m.lang.Grammar] = p
	}
	p.Reset()
	return p
}

func (e *extractor) drop(m *matcher) {
	if p := e.parsers[m.lang.Grammar]; p != nil {
		p.Close()
		delete(e.parsers, m.lang.Grammar)
	}
}

func (e *extractor) close() {
	for _, p := range e.parsers {
		p.Close()
	}
	e.calls.Close()
	e.aux.Close()
}

func (e *extractor) parse(ctx context.Context, m *matcher, src []byte) (*sitter.Tree, error) {
	if m.lang.SerialParse {
		mu := serialParses(m.lang.Grammar)
		mu.Lock()
		defer mu.Unlock()
	}
	tree, err := e.parser(m).ParseCtx(ctx, nil, src)
	if err != nil {
		// go-tree-sitter's watcher goroutine can set a parser's cancel flag
		// after the parse it watched has finished (it races the end of the
		// parse with the context's end), and the flag is never cleared: that
		// parser then fails every later parse. Drop it, and retry once on a
		// fresh one unless the context really ended.
		e.drop(m)
		if ctx.Err() != nil {
			return nil, err
		}
		if tree, err = e.parser(m).ParseCtx(ctx, nil, src); err != nil {
			e.drop(m)
			return nil, err
		}
	}
	if int(tree.RootNode().EndByte()) > len(src) {
		tree.Close()
		return nil, fmt.Errorf("parser returned a tree larger than the file")
	}
	if afterParseHook != nil {
		afterParseHook(src)
	}
	return tree, nil
}

// extract finds the calls in one file, or with !callsWanted only its
// constants. rel is the file's root-relative path.
func (e *extractor) extract(ctx context.Context, m *matcher, rel string, src []byte, callsWanted bool) (*fileOut, error) {
	if callsWanted {
		return e.extractHits(ctx, m, rel, src, nil)
	}
	tree, err := e.parse(ctx, m, src)
	if err != nil {
		return nil, err
	}
	defer tree.Close()
	if err := ctx.Err(); err != nil {
		return nil, err // the file's budget ran out
	}
	root := tree.RootNode()
	return &fileOut{consts: collectConstants(e.aux, m, root, src, rel), binds: collectBindings(e.aux, m, root, src), m: m}, nil
}

// extractHits finds the calls in one file. hits are the pre-filter's matches
// in src, in order (nil = search the whole tree): every call's method name,
// and every SDK import marker, overlaps one of them, so the calls and imports
// queries only visit the parts of the tree around them. The file's constants
// are collected only when a call names one.
func (e *extractor) extractHits(ctx context.Context, m *matcher, rel string, src []byte, hits []span) (*fileOut, error) {
	tree, err := e.parse(ctx, m, src)
	if err != nil {
		return nil, err
	}
	defer tree.Close()
	root := tree.RootNode()
	out := &fileOut{m: m}
	ranges := pointRanges(src, hits)
	var sdks map[string]bool // imported SDKs, looked up at the first call that needs them
	var cfgNames []string    // names bound to the node config package, read at the first call that needs them
	cfgRead := false
	lit := &m.lang.Literals
	if e.eager {
		sdks = importedSDKs(e.aux, m, root, src, wholeFile)
		out.consts = collectConstants(e.aux, m, root, src, rel)
		out.binds = collectBindings(e.aux, m, root, src)
	}

	qc := e.calls
	seen := map[uint32]bool{}
	for ri := 0; ri < len(ranges); ri++ {
		runQuery(qc, m.comp.Calls, root, ranges[ri])
		for {
			if err := ctx.Err(); err != nil {
				return nil, err // the file's budget ran out
			}
			match, ok := qc.NextMatch()
			if !ok {
				break
			}
			methodN, argsN, callN, pipeN, local := m.callNodes(match)
			if methodN == nil || argsN == nil || callN == nil || seen[callN.StartByte()<<1^argsN.StartByte()] {
				continue
			}
			refs := m.byMethod[methodN.Content(src)]
			if local {
				refs = configWrappers(refs)
				if len(refs) > 0 && notACall(m, callN, methodN, src) {
					continue
				}
			}
			if len(refs) == 0 {
				continue
			}
			seen[callN.StartByte()<<1^argsN.StartByte()] = true
			if sdks == nil {
				sdks = importedSDKs(e.aux, m, root, src, ranges)
			}
			pos, named, runs := splitArgs(m, argsN, src)
			if pipeN != nil {
				pos = append([]*sitter.Node{pipeN}, pos...)
			}
			recvText := src[callN.StartByte():methodN.StartByte()]
			pick, ok := pickRow(m, refs, sdks, clientSDKs(e.clients, receiverSDKs(m, sdks, recvText), recvText), pos, named, src)
			if !ok {
				continue
			}
			ref := pick.ref
			if mockSetup(m, callN, methodN, src) {
				continue
			}
			c := Call{
				File:     rel,
				Line:     int(methodN.StartPoint().Row) + 1,
				Column:   Column(src, int(methodN.StartByte())),
				Language: m.lang.Name,
				Method:   methodN.Content(src),
			}
			var keyRef, fbRef string
			if ref.def != nil {
				c.Type = Type(orDefault(ref.def.Type, "unknown"))
				if ref.def.Name != "" {
					c.Method = ref.def.Name
				}
				keyRef, fbRef = fillCall(&c, lit, src, argAt(pos, named, ref.def.Key), argAt(pos, named, ref.def.Fallback), "", false, runs)
			} else {
				s := ref.shape
				c.Type = Type(orDefault(s.Type, "unknown"))
				c.FromConfig = s.FromConfig && !s.Fallback.IsSet()
				var fb *sitter.Node
				if s.Fallback.IsSet() {
					fb = argAt(pos, named, s.Fallback)
				}
				keyN := argAt(pos, named, s.Key)
				keyRef, fbRef = fillCall(&c, lit, src, keyN, fb, s.Implicit, c.FromConfig, runs)
				fixedValues(&c, s)
				if c.Key == nil && runs == nil && e.config != nil {
					if !cfgRead {
						cfgNames, cfgRead = configNames(src), true
					}
					keyRef = e.configCall(m, cfgNames, &c, callN, keyN, src, keyRef)
				}
				if !isRun(runs, keyN) && !isRun(runs, fb) {
					if w := inferFact(m, rel, src, callN, keyN, fb, &c, s.SDK); w != nil {
						out.wrappers = append(out.wrappers, w)
						// A parameter shadows every outer binding: the
						// wrapper's key (fallback) is its caller's, never a
						// same-named constant found elsewhere.
						if w.KeyParam != nil {
							keyRef = ""
							c.Forwards = &Via{Name: w.Name, File: w.File, Line: w.Line}
						}
						if w.FallbackParam != nil {
							fbRef = ""
						}
					}
				}
				c.keyLookup, c.keyTail = nil, "" // exported with the wrapper, or not one
			}
			if pick.unsure && c.Implicit {
				// Another SDK's row would read an argument here as the fallback: not a known value.
				c.Fallback, c.Implicit, c.Dynamic = nil, false, true
			}
			if keyRef != "" || fbRef != "" {
				keyRef, fbRef = scoped(m, callN, src, &c, keyRef, fbRef)
			}
			c.Ignored, c.IgnoreReason = ignoredAt(src, m.lang.Comments, int(methodN.StartByte()))
			out.calls = append(out.calls, c)
			if keyRef != "" || fbRef != "" {
				out.pending = append(out.pending, pending{idx: len(out.calls) - 1, keyRef: keyRef, fallbackRef: fbRef})
			}
		}
	}
	if len(m.objDefs) > 0 {
		out.calls = append(out.calls, objectDefinitions(m, root, src, rel)...)
	}
	out.flagObjects = extractFlagObjects(m, root, src, rel)
	out.clients = clientNames(m.lang, src)
	if len(out.pending) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err // the file's budget ran out
		}
		if out.consts == nil {
			out.consts = collectConstants(e.aux, m, root, src, rel)
			out.binds = collectBindings(e.aux, m, root, src)
		}
		// Resolve what the file itself declares; the rest waits for resolveRefs.
		out.pending = resolvePending(out.calls, out.pending, rel, inScopes(out.consts))
	}
	return out, nil
}

// isRun reports whether n starts an argument that spans several nodes
// (args.separator): its first node is not the argument, so it is never read
// as a parameter.
func isRun(runs map[*sitter.Node]string, n *sitter.Node) bool {
	_, ok := runs[n]
	return ok && n != nil
}

// fillCall sets key and fallback from their argument nodes and returns the
// names still to resolve (constants) for each. runs holds the source text of
// arguments that span several nodes (args.separator); they are never literal.
func fillCall(c *Call, lit *languages.Literals, src []byte, keyN, fbN *sitter.Node, implicit string, fromConfig bool, runs map[*sitter.Node]string) (keyRef, fbRef string) {
	if text, ok := runs[keyN]; ok && keyN != nil {
		c.KeyExpr = text
		keyRef = refName(text)
		keyN = nil
	}
	if text, ok := runs[fbN]; ok && fbN != nil {
		c.FallbackText = text
		c.Dynamic = true
		fbRef = refName(text)
		fbN = nil
	}
	keyN, fbN = converted(keyN, src, lit), converted(fbN, src, lit)
	if keyN != nil {
		if v, t, ok := literal(keyN, src, lit); ok && t == TypeString {
			var s string
			_ = json.Unmarshal(v, &s)
			c.Key = &s
		} else {
			c.KeyExpr = keyN.Content(src)
			keyRef = refName(c.KeyExpr)
		}
	}
	switch {
	case fbN != nil:
		c.FallbackText = fbN.Content(src)
		if v, t, ok := literal(fbN, src, lit); ok {
			c.Fallback = v
			c.FallbackSpan = Span{int(fbN.StartByte()), int(fbN.EndByte())}
			if c.Type == TypeUnknown && t != "" {
				c.Type = t
			}
		} else {
			c.Dynamic = true
			fbRef = refName(c.FallbackText)
		}
	case fromConfig:
	case implicit != "":
		c.Fallback = json.RawMessage(implicit)
		c.Implicit = true
	}
	return keyRef, fbRef
}

// fixedValues sets what a config row fixes instead of pointing at an
// argument: `key: {value: "x"}`, `fallback: {value: false}`.
func fixedValues(c *Call, s *languages.Shape) {
	if v := s.Key.Value; v != "" {
		var k string
		if json.Unmarshal([]byte(v), &k) == nil {
			c.Key, c.KeyExpr = &k, ""
		}
	}
	if v := s.Fallback.Value; v != "" {
		c.Fallback, c.FallbackText, c.Dynamic, c.Implicit, c.FromConfig = json.RawMessage(v), v, false, false, false
		if _, t, ok := jsonType(c.Fallback); ok && c.Type == TypeUnknown {
			c.Type = t
		}
	}
}

// callNodes picks a calls-query match's captures by their role in the
// language's query: the method name, the argument list, the whole call and,
// for piped calls (Elixir |>), the piped-in value.
func (m *matcher) callNodes(match *sitter.QueryMatch) (methodN, argsN, callN, pipeN *sitter.Node, local bool) {
	return captureNodes(m.callCaps, match)
}

// captureNodes reads a calls-shaped query's match (@method or @local, @args,
// @call, @pipe) given the query's capture names by index.
func captureNodes(caps []string, match *sitter.QueryMatch) (methodN, argsN, callN, pipeN *sitter.Node, local bool) {
	for _, c := range match.Captures {
		switch caps[c.Index] {
		case "pipe":
			pipeN = c.Node
		case "method":
			methodN = c.Node
		case "local":
			methodN, local = c.Node, true
		case "args":
			argsN = c.Node
		case "call":
			callN = c.Node
		}
	}
	return methodN, argsN, callN, pipeN, local
}

// configWrappers keeps the config's wrapper rows of refs: a call captured
// @local (a bare Elixir or Lua call) is the application's own function,
// never the SDK's API.
func configWrappers(refs []shapeRef) []shapeRef {
	var out []shapeRef
	for _, r := range refs {
		if r.wrapper {
			out = append(out, r)
		}
	}
	return out
}

// serialMu holds one lock per grammar whose parses must not overlap
// (languages.Language.SerialParse).
var serialMu sync.Map

func serialParses(grammar string) *sync.Mutex {
	mu, _ := serialMu.LoadOrStore(grammar, &sync.Mutex{})
	return mu.(*sync.Mutex)
}
