package scanner

import (
	"bytes"

	sitter "github.com/smacker/go-tree-sitter"
)

// A test double's setup spells an SDK call without evaluating anything:
// `when(ldClient.boolVariation("k", ctx, false)).thenReturn(true)`,
// `mock.Setup(c => c.BoolVariation("k", ctx, false))`,
// `verify(ldClient).boolVariation("k", ctx, false)`. Reporting it would
// check a literal that no code path falls back to. The names of those
// test-double calls are language data (languages.Language.Mocks).

// mockCallAncestors is how many enclosing calls are looked at: the mock call
// is the nearest one in every known library (a lambda or an argument matcher
// may sit in between, never a further call).
const mockCallAncestors = 3

// mockAncestorHops bounds the walk up the tree for those calls.
const mockAncestorHops = 24

// mockSetup reports whether the call is part of a test double's setup: one of
// its nearest enclosing calls, or a call in its receiver, is named in the
// language's mocks list.
func mockSetup(m *matcher, callN, methodN *sitter.Node, src []byte) bool {
	if len(m.lang.Mocks) == 0 {
		return false
	}
	// verify(c).m(..), m.EXPECT().M(..), c.Received().M(..), doReturn(x).when(c).m(..)
	if receiver := src[callN.StartByte():methodN.StartByte()]; len(receiver) > 0 {
		for _, name := range m.lang.Mocks {
			if callsName(receiver, name) {
				return true
			}
		}
	}
	// when(c.m(..)), mock.Setup(c => c.M(..)), c.M(..).Returns(x), every { c.m(..) }
	calls := 0
	for n, hops := callN.Parent(), 0; n != nil && hops < mockAncestorHops && calls < mockCallAncestors; n, hops = n.Parent(), hops+1 {
		if n.Type() != callN.Type() {
			continue
		}
		calls++
		if name := calleeName(n, src); name != "" && has(m.lang.Mocks, name) {
			return true
		}
	}
	return false
}

// calleeName is the last identifier of a call node's callee: the grammar's
// method, name or function field, else its first named child (Kotlin).
func calleeName(call *sitter.Node, src []byte) string {
	var f *sitter.Node
	for _, field := range []string{"method", "name", "function"} {
		if f = call.ChildByFieldName(field); f != nil {
			break
		}
	}
	if f == nil && call.NamedChildCount() > 0 {
		f = call.NamedChild(0)
	}
	if f == nil {
		return ""
	}
	if f.Type() == call.Type() {
		// Kotlin's trailing lambda: `verify(exactly = 1) { .. }` calls the call `verify(..)`.
		return calleeName(f, src)
	}
	return lastIdent(src[f.StartByte():f.EndByte()])
}

// lastIdent returns the last identifier in text when text ends with it
// (`mock.Setup` → Setup, `every` → every); "" when text ends otherwise
// (`f()`, `a[0]`).
func lastIdent(text []byte) string {
	end := len(text)
	for end > 0 && (text[end-1] == ' ' || text[end-1] == '\t' || text[end-1] == '\n' || text[end-1] == '\r') {
		end--
	}
	start := end
	for start > 0 && (isAlnum(text[start-1]) || text[start-1] == '_') {
		start--
	}
	return string(text[start:end])
}

// callsName reports whether text calls name: name at a word start followed by
// '(' (spaces allowed), as in `verify(c, times(1)).` or `m.EXPECT().`.
func callsName(text []byte, name string) bool {
	for off := 0; off < len(text); {
		i := indexWord(text[off:], name)
		if i < 0 {
			return false
		}
		j := off + i + len(name)
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		if j < len(text) && text[j] == '(' {
			return true
		}
		off += i + 1
	}
	return false
}

// indexWord finds name in text as a whole word (case-sensitive).
func indexWord(text []byte, name string) int {
	for off := 0; ; {
		i := bytes.Index(text[off:], []byte(name))
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(name)
		if (i == 0 || !identByte(text[i-1])) && (end == len(text) || !identByte(text[end])) {
			return i
		}
		off = i + 1
	}
}

func identByte(b byte) bool { return isAlnum(b) || b == '_' || b == '$' }
