package golang

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/ldfallback/ldfallback/languages"
	"github.com/ldfallback/ldfallback/scanner"
)

// ignoreMarker silences a call on its own lines or the line above.
const ignoreMarker = "ldfallback:ignore"

// scanFile appends the calls of one type-checked file.
func (a *analyzer) scanFile(p *packages.Package, f *ast.File, name, rel string) {
	info := p.TypesInfo
	var ignores map[int]string
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		row, id, ok := a.match(info, call)
		if !ok {
			return true
		}
		lp := a.fset.PositionFor(call.Lparen, false)
		cid := callID{file: lp.Filename, offset: lp.Offset}
		if a.seen[cid] {
			return true // the same file in a test variant of its package
		}
		a.seen[cid] = true
		if ignores == nil {
			ignores = ignoreLines(a.fset, f)
		}
		a.calls = append(a.calls, a.makeCall(info, call, id, row, name, rel, ignores))
		return true
	})
}

// match decides whether call is a flag evaluation: a method of an SDK's
// client whose signature fits a shape row, or a user wrapper by name.
func (a *analyzer) match(info *types.Info, call *ast.CallExpr) (languages.Shape, *ast.Ident, bool) {
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	var id *ast.Ident
	switch f := fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	default:
		return languages.Shape{}, nil, false
	}
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		return languages.Shape{}, nil, false // a conversion
	}
	if fn, ok := typeutil.Callee(info, call).(*types.Func); ok {
		if rows := a.byMethod[fn.Name()]; len(rows) > 0 {
			if sdkName, ok := a.sdkOf(fn); ok {
				sig := fn.Type().(*types.Signature)
				for _, r := range rows {
					if (sdkName == "" || r.SDK == sdkName) && shapeFits(r, sig) && argsCover(r, call) {
						return r, id, true
					}
				}
			}
		}
	}
	for _, r := range a.wrappers[id.Name] {
		if argsCover(r, call) {
			return r, id, true
		}
	}
	return languages.Shape{}, nil, false
}

// sdkOf returns the SDK that declares method fn. A method of the user's own
// interface counts, with any SDK (""), when its signature takes an SDK type
// such as ldcontext.Context: that is a mockable client, not another vendor.
func (a *analyzer) sdkOf(fn *types.Func) (string, bool) {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || fn.Pkg() == nil {
		return "", false
	}
	path := fn.Pkg().Path()
	for _, s := range a.sdks {
		for _, imp := range s.Imports {
			if importMatches(path, imp) {
				return s.Name, true
			}
		}
	}
	if !types.IsInterface(sig.Recv().Type()) {
		return "", false
	}
	for v := range sig.Params().Variables() {
		if named, ok := types.Unalias(derefType(v.Type())).(*types.Named); ok && named.Obj().Pkg() != nil {
			for _, pre := range sdkTypePackages {
				if strings.HasPrefix(named.Obj().Pkg().Path()+"/", pre) {
					return "", true
				}
			}
		}
	}
	return "", false
}

func derefType(t types.Type) types.Type {
	if p, ok := t.(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// shapeFits checks a row against the callee's signature: the key parameter
// is a string and the fallback parameter has the row's type.
func shapeFits(r languages.Shape, sig *types.Signature) bool {
	params := sig.Params()
	n := params.Len()
	if sig.Variadic() {
		n--
	}
	k := r.Key.Index
	if k < 0 || k >= n || !isBasic(params.At(k).Type(), types.IsString) {
		return false
	}
	if r.Fallback.IsSet() {
		fb := r.Fallback.Index
		if fb < 0 || fb >= n || !typeFits(params.At(fb).Type(), r.Type) {
			return false
		}
	}
	return true
}

func typeFits(t types.Type, typ string) bool {
	switch scanner.Type(typ) {
	case scanner.TypeBool:
		return isBasic(t, types.IsBoolean)
	case scanner.TypeString:
		return isBasic(t, types.IsString)
	case scanner.TypeNumber:
		return isBasic(t, types.IsNumeric)
	case scanner.TypeJSON:
		return types.IsInterface(t) || isLDValue(t)
	}
	return true
}

func isBasic(t types.Type, info types.BasicInfo) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&info != 0
}

// argsCover reports whether the call passes the key (and the fallback, unless
// the row has an implicit one) as ordinary arguments.
func argsCover(r languages.Shape, call *ast.CallExpr) bool {
	n := len(call.Args)
	if call.Ellipsis.IsValid() {
		n-- // f(a, rest...): positions past a are unknown
	}
	if r.Key.Index < 0 || r.Key.Index >= n {
		return false
	}
	if r.Fallback.IsSet() && r.Implicit == "" && (r.Fallback.Index < 0 || r.Fallback.Index >= n) {
		return false
	}
	return true
}

func (a *analyzer) makeCall(info *types.Info, call *ast.CallExpr, id *ast.Ident, r languages.Shape, name, rel string, ignores map[int]string) scanner.Call {
	pos := a.fset.PositionFor(id.Pos(), false)
	c := scanner.Call{
		File:     rel,
		Line:     pos.Line,
		Language: Language,
		Method:   id.Name,
		Type:     scanner.TypeUnknown,
	}
	if t := scanner.Type(r.Type); t != "" {
		c.Type = t
	}
	src := a.source(name)
	c.Column = scanner.Column(src, pos.Offset)

	keyArg := call.Args[r.Key.Index]
	if tv, ok := info.Types[keyArg]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		k := constant.StringVal(tv.Value)
		c.Key = &k
	}
	if lit, ok := ast.Unparen(keyArg).(*ast.BasicLit); !ok || lit.Kind != token.STRING || c.Key == nil {
		c.KeyExpr = a.text(src, keyArg)
	}

	switch {
	case r.Fallback.IsSet() && r.Fallback.Index < len(call.Args) && !(call.Ellipsis.IsValid() && r.Fallback.Index >= len(call.Args)-1):
		arg := call.Args[r.Fallback.Index]
		c.FallbackText = a.text(src, arg)
		fb := a.evalFallback(info, arg)
		if fb.json == nil {
			c.Dynamic = true
		} else {
			c.Fallback = fb.json
			if fb.file != "" {
				c.FallbackSpan = fb.span
				if fb.file != name {
					if r, ok := a.rel(fb.file); ok {
						c.FallbackFile = r
					} else {
						c.FallbackSpan = scanner.Span{}
					}
				}
			}
		}
	case r.FromConfig:
		c.FromConfig = true
	case r.Implicit != "":
		c.Implicit = true
		c.Fallback = []byte(r.Implicit)
	default:
		c.Dynamic = true
	}
	if c.Type == scanner.TypeUnknown && c.Fallback != nil {
		c.Type = jsonType(c.Fallback)
	}

	start := a.fset.PositionFor(call.Pos(), false).Line
	end := a.fset.PositionFor(call.End(), false).Line
	for l := start - 1; l <= end; l++ {
		if reason, ok := ignores[l]; ok {
			c.Ignored, c.IgnoreReason = true, reason
			break
		}
	}
	return c
}

// ignoreLines maps the last line of every ldfallback:ignore comment to its reason.
func ignoreLines(fset *token.FileSet, f *ast.File) map[int]string {
	m := map[int]string{}
	for _, g := range f.Comments {
		for _, c := range g.List {
			i := strings.Index(c.Text, ignoreMarker)
			if i < 0 {
				continue
			}
			reason := c.Text[i+len(ignoreMarker):]
			reason = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(reason), "*/"))
			m[fset.PositionFor(c.End(), false).Line] = reason
		}
	}
	return m
}

// text is the source of n, from the file's bytes.
func (a *analyzer) text(src []byte, n ast.Node) string {
	s, e := a.fset.PositionFor(n.Pos(), false).Offset, a.fset.PositionFor(n.End(), false).Offset
	if s < 0 || e > len(src) || s > e {
		return ""
	}
	return string(src[s:e])
}

func jsonType(raw []byte) scanner.Type {
	if len(raw) == 0 {
		return scanner.TypeUnknown
	}
	switch raw[0] {
	case 't', 'f':
		return scanner.TypeBool
	case '"':
		return scanner.TypeString
	case '{', '[', 'n':
		return scanner.TypeJSON
	}
	return scanner.TypeNumber
}
