package golang

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
	"strconv"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/ldfallback/ldfallback/scanner"
)

// maxHops bounds how far a constant is followed to the literal it was declared with.
const maxHops = 8

// fallback is what a fallback argument evaluates to.
type fallback struct {
	json json.RawMessage // nil when dynamic
	file string          // absolute name of the file holding the literal, "" when there is none
	span scanner.Span    // the literal's bytes in file
}

// evalFallback turns a fallback argument into JSON: constants of any kind,
// nil, ldvalue constructors and builders, and composite literals of maps and
// slices whose parts are themselves such values. Anything else is dynamic.
func (a *analyzer) evalFallback(info *types.Info, e ast.Expr) fallback {
	v, ok := a.evalJSON(info, e, 0)
	if !ok {
		return fallback{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keep "<b>" readable; it is the same JSON value
	if err := enc.Encode(v); err != nil {
		return fallback{}
	}
	fb := fallback{json: bytes.TrimSuffix(buf.Bytes(), []byte("\n"))}
	fb.file, fb.span = a.literalOf(info, e, 0)
	return fb
}

func (a *analyzer) evalJSON(info *types.Info, e ast.Expr, depth int) (any, bool) {
	if depth > 64 {
		return nil, false
	}
	e = ast.Unparen(e)
	tv, ok := info.Types[e]
	if !ok {
		return nil, false
	}
	if tv.Value != nil {
		return constJSON(tv.Value)
	}
	if tv.IsNil() {
		return nil, true
	}
	switch x := e.(type) {
	case *ast.CallExpr:
		if ft, ok := info.Types[x.Fun]; ok && ft.IsType() {
			if len(x.Args) == 1 { // any(…), MyMap(…)
				return a.evalJSON(info, x.Args[0], depth+1)
			}
			return nil, false
		}
		fn, ok := typeutil.Callee(info, x).(*types.Func)
		if !ok || fn.Pkg() == nil || !isLDValuePkg(fn.Pkg().Path()) {
			return nil, false
		}
		if fn.Type().(*types.Signature).Recv() != nil {
			if fn.Name() != "Build" {
				return nil, false
			}
			b, ok := a.evalBuilder(info, x, depth+1)
			if !ok {
				return nil, false
			}
			if b.isArr {
				return b.arr, true
			}
			return b.obj, true
		}
		switch fn.Name() {
		case "Null":
			return nil, len(x.Args) == 0
		case "Bool", "String", "Int", "Float64", "CopyArbitraryValue", "FromJSONMarshal", "CopyObject":
			if len(x.Args) == 1 {
				return a.evalJSON(info, x.Args[0], depth+1)
			}
		case "ArrayOf":
			if x.Ellipsis.IsValid() {
				return nil, false
			}
			arr := make([]any, 0, len(x.Args))
			for _, arg := range x.Args {
				v, ok := a.evalJSON(info, arg, depth+1)
				if !ok {
					return nil, false
				}
				arr = append(arr, v)
			}
			return arr, true
		case "Parse", "Raw":
			if len(x.Args) == 1 {
				return rawJSON(info, x.Args[0])
			}
		}
		return nil, false
	case *ast.CompositeLit:
		return a.evalComposite(info, x, tv.Type, depth)
	}
	return nil, false
}

func (a *analyzer) evalComposite(info *types.Info, x *ast.CompositeLit, t types.Type, depth int) (any, bool) {
	switch u := t.Underlying().(type) {
	case *types.Map:
		if !isBasic(u.Key(), types.IsString) {
			return nil, false
		}
		obj := make(map[string]any, len(x.Elts))
		for _, el := range x.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				return nil, false
			}
			ktv := info.Types[kv.Key]
			if ktv.Value == nil || ktv.Value.Kind() != constant.String {
				return nil, false
			}
			v, ok := a.evalJSON(info, kv.Value, depth+1)
			if !ok {
				return nil, false
			}
			obj[constant.StringVal(ktv.Value)] = v
		}
		return obj, true
	case *types.Slice, *types.Array:
		arr := make([]any, 0, len(x.Elts))
		for _, el := range x.Elts {
			if _, ok := el.(*ast.KeyValueExpr); ok {
				return nil, false // indexed elements: leave it dynamic
			}
			v, ok := a.evalJSON(info, el, depth+1)
			if !ok {
				return nil, false
			}
			arr = append(arr, v)
		}
		return arr, true
	case *types.Struct:
		if isLDValue(t) && len(x.Elts) == 0 {
			return nil, true // ldvalue.Value{} is null
		}
	}
	return nil, false
}

// builder is an ldvalue.ObjectBuilder or ArrayBuilder chain being followed.
type builder struct {
	isArr bool
	obj   map[string]any
	arr   []any
}

// evalBuilder follows ldvalue.ObjectBuild().Set(…)….Build() and the array
// builder back to its start.
func (a *analyzer) evalBuilder(info *types.Info, e ast.Expr, depth int) (builder, bool) {
	if depth > 256 {
		return builder{}, false
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return builder{}, false
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || !isLDValuePkg(fn.Pkg().Path()) {
		return builder{}, false
	}
	if fn.Type().(*types.Signature).Recv() == nil {
		switch fn.Name() {
		case "ObjectBuild", "ObjectBuildWithCapacity":
			return builder{obj: map[string]any{}}, true
		case "ArrayBuild", "ArrayBuildWithCapacity":
			return builder{isArr: true, arr: []any{}}, true
		}
		return builder{}, false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return builder{}, false
	}
	b, ok := a.evalBuilder(info, sel.X, depth+1)
	if !ok {
		return builder{}, false
	}
	switch fn.Name() {
	case "Build":
		return b, true
	case "Set", "SetBool", "SetInt", "SetFloat64", "SetString":
		if b.isArr || len(call.Args) != 2 {
			return builder{}, false
		}
		k := info.Types[call.Args[0]]
		if k.Value == nil || k.Value.Kind() != constant.String {
			return builder{}, false
		}
		v, ok := a.evalJSON(info, call.Args[1], depth+1)
		if !ok {
			return builder{}, false
		}
		b.obj[constant.StringVal(k.Value)] = v
		return b, true
	case "Remove":
		k := info.Types[call.Args[0]]
		if b.isArr || len(call.Args) != 1 || k.Value == nil || k.Value.Kind() != constant.String {
			return builder{}, false
		}
		delete(b.obj, constant.StringVal(k.Value))
		return b, true
	case "Add":
		if !b.isArr || len(call.Args) != 1 {
			return builder{}, false
		}
		v, ok := a.evalJSON(info, call.Args[0], depth+1)
		if !ok {
			return builder{}, false
		}
		b.arr = append(b.arr, v)
		return b, true
	}
	return builder{}, false
}

// rawJSON reads the argument of ldvalue.Parse / ldvalue.Raw: a constant
// string, possibly converted to []byte or json.RawMessage.
func rawJSON(info *types.Info, e ast.Expr) (any, bool) {
	e = ast.Unparen(e)
	if c, ok := e.(*ast.CallExpr); ok && len(c.Args) == 1 {
		if ft, ok := info.Types[c.Fun]; ok && ft.IsType() {
			e = c.Args[0]
		}
	}
	tv := info.Types[e]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return nil, false
	}
	s := constant.StringVal(tv.Value)
	if !json.Valid([]byte(s)) {
		return nil, false // ldvalue.Parse would give null; do not guess
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(s)); err != nil {
		return nil, false
	}
	return json.RawMessage(buf.Bytes()), true
}

func constJSON(v constant.Value) (any, bool) {
	switch v.Kind() {
	case constant.Bool:
		return constant.BoolVal(v), true
	case constant.String:
		return constant.StringVal(v), true
	case constant.Int:
		return json.Number(v.ExactString()), true
	case constant.Float:
		f, _ := constant.Float64Val(v)
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, false
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), true
	}
	return nil, false
}

// literalOf finds the literal a fallback was written as: in the call itself,
// inside ldvalue.Bool(…) and friends, or in the declaration of the constant
// it names (followed through constants defined as other constants).
func (a *analyzer) literalOf(info *types.Info, e ast.Expr, hops int) (string, scanner.Span) {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.BasicLit:
		return a.span(x)
	case *ast.UnaryExpr:
		if _, ok := ast.Unparen(x.X).(*ast.BasicLit); ok && (x.Op == token.SUB || x.Op == token.ADD) {
			return a.span(x)
		}
	case *ast.Ident, *ast.SelectorExpr:
		id, ok := x.(*ast.Ident)
		if !ok {
			id = x.(*ast.SelectorExpr).Sel
		}
		obj := info.Uses[id]
		switch o := obj.(type) {
		case *types.Const:
			if o.Pkg() == nil { // true, false
				return a.span(id)
			}
			d, ok := a.consts[a.key(o.Pos())]
			if !ok || d.value == nil || hops >= maxHops {
				return "", scanner.Span{}
			}
			return a.literalOf(d.info, d.value, hops+1)
		case *types.Nil:
			return a.span(id)
		}
	case *ast.CallExpr:
		fn, ok := typeutil.Callee(info, x).(*types.Func)
		if ok && fn.Pkg() != nil && isLDValuePkg(fn.Pkg().Path()) && len(x.Args) == 1 {
			switch fn.Name() {
			case "Bool", "String", "Int", "Float64":
				return a.literalOf(info, x.Args[0], hops)
			}
		}
	}
	return "", scanner.Span{}
}

func (a *analyzer) span(n ast.Node) (string, scanner.Span) {
	s, e := a.fset.PositionFor(n.Pos(), false), a.fset.PositionFor(n.End(), false)
	return s.Filename, scanner.Span{Start: s.Offset, End: e.Offset}
}

func isLDValuePkg(path string) bool {
	return strings.HasSuffix(path, "/ldvalue") &&
		(strings.HasPrefix(path, "github.com/launchdarkly/") || strings.HasPrefix(path, "gopkg.in/launchdarkly/"))
}

// isLDValue reports whether t is ldvalue.Value.
func isLDValue(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == "Value" && n.Obj().Pkg() != nil && isLDValuePkg(n.Obj().Pkg().Path())
}
