package scanner

import (
	"bytes"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/ldfallback/ldfallback/languages"
)

// Two SDKs of one language often share method names with different
// argument lists: the .NET server SDK's BoolVariation(key, context, default
// = false) and the client SDK's BoolVariation(key, default = false), Java's
// server boolVariation(key, context, default) and Android's (key, default).
// The file's imports decide, and the rows' order among imported SDKs (a
// Xamarin file imports both the old server and the client namespaces; its
// two-argument calls are the client's). When an SDK is only guessed from the
// receiver's name (`_ldClient.`), no order can be trusted: the arguments
// decide, and the context is never read as the fallback.

// rowPick is the chosen row, and whether its fallback is in doubt.
type rowPick struct {
	ref shapeRef
	// unsure: the call could be another SDK's whose fallback is the argument
	// this row reads as its context; the row's implicit default is not
	// reported as the call's fallback.
	unsure bool
}

// pickRow chooses the row for a call. imported are the SDKs the file
// imports; withReceiver adds those its receiver's name suggests.
func pickRow(m *matcher, refs []shapeRef, imported, withReceiver map[string]bool, pos []*sitter.Node, named map[string]*sitter.Node, src []byte) (rowPick, bool) {
	first, ok := pickShape(refs, withReceiver, pos, named)
	if !ok || first.def != nil || first.shape.SDK == "" || imported[first.shape.SDK] {
		return rowPick{ref: first}, ok
	}
	// The first row fits only through the receiver's name: weigh it
	// against every other SDK's row that fits.
	best, bestScore := first, rowScore(m, first.shape, pos, named, src)
	rivals := []shapeRef{first}
	for _, r := range refs {
		if r.def != nil || r.shape == first.shape || r.shape.SDK == "" || r.shape.SDK == first.shape.SDK || !fitsRow(r.shape, withReceiver, pos, named) {
			continue
		}
		rivals = append(rivals, r)
		if s := rowScore(m, r.shape, pos, named, src); s > bestScore {
			best, bestScore = r, s
		}
	}
	pick := rowPick{ref: best}
	// The winner omits its fallback (implicit default) while a rival reads an
	// argument there that is neither a literal nor named like a context: it
	// may be that SDK's dynamic fallback.
	if bestScore == scoreOmitted && best.shape.Implicit != "" {
		for _, r := range rivals {
			if r.shape == best.shape {
				continue
			}
			if n := argAt(pos, named, r.shape.Fallback); n != nil && r.shape.Fallback.IsSet() && !looksLikeContext(n.Content(src)) {
				pick.unsure = true
			}
		}
	}
	return pick, true
}

// Row scores: how well a call's fallback argument fits a row.
const (
	scoreWrongType = -1 // a literal of another type where the row wants its fallback
	scoreDynamic   = 0  // a non-literal where the row wants its fallback (maybe a context)
	scoreOmitted   = 1  // the row's fallback is omitted (implicit) or the row has none
	scoreLiteral   = 2  // a literal of the row's type
)

func rowScore(m *matcher, s *languages.Shape, pos []*sitter.Node, named map[string]*sitter.Node, src []byte) int {
	if !s.Fallback.IsSet() {
		return scoreOmitted
	}
	n := argAt(pos, named, s.Fallback)
	if n == nil {
		return scoreOmitted
	}
	lit := &m.lang.Literals
	_, t, ok := literal(converted(n, src, lit), src, lit)
	switch {
	case !ok:
		return scoreDynamic
	case s.Type == "" || s.Type == string(TypeUnknown) || s.Type == string(TypeJSON) || Type(s.Type) == t:
		return scoreLiteral
	}
	return scoreWrongType
}

// fitsRow is pickShape's test for one row.
func fitsRow(s *languages.Shape, sdks map[string]bool, pos []*sitter.Node, named map[string]*sitter.Node) bool {
	_, ok := pickShape([]shapeRef{{shape: s}}, sdks, pos, named)
	return ok
}

// contextWords are what an evaluation context's expression is usually called
// (ctx, context, ldContext, user, currentUser, LDContext.create(..)).
var contextWords = [][]byte{[]byte("context"), []byte("ctx"), []byte("user")}

func looksLikeContext(expr string) bool {
	lower := bytes.ToLower([]byte(expr))
	for _, w := range contextWords {
		if bytes.Contains(lower, w) {
			return true
		}
	}
	return false
}
