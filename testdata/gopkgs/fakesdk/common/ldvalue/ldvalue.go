// Package ldvalue is a test stand-in for the real ldvalue.
package ldvalue

import "encoding/json"

// Value is any JSON value.
type Value struct{ v any }

func Null() Value                         { return Value{} }
func Bool(b bool) Value                   { return Value{b} }
func Int(i int) Value                     { return Value{i} }
func Float64(f float64) Value             { return Value{f} }
func String(s string) Value               { return Value{s} }
func ArrayOf(items ...Value) Value        { return Value{items} }
func Parse(data []byte) Value             { return Value{data} }
func Raw(data json.RawMessage) Value      { return Value{data} }
func CopyArbitraryValue(v any) Value      { return Value{v} }
func CopyObject(m map[string]Value) Value { return Value{m} }

// ObjectBuilder builds an object value.
type ObjectBuilder struct{ m map[string]Value }

func ObjectBuild() *ObjectBuilder                                { return &ObjectBuilder{m: map[string]Value{}} }
func (b *ObjectBuilder) Set(k string, v Value) *ObjectBuilder    { b.m[k] = v; return b }
func (b *ObjectBuilder) SetBool(k string, v bool) *ObjectBuilder { return b.Set(k, Bool(v)) }
func (b *ObjectBuilder) SetInt(k string, v int) *ObjectBuilder   { return b.Set(k, Int(v)) }
func (b *ObjectBuilder) SetString(k, v string) *ObjectBuilder    { return b.Set(k, String(v)) }
func (b *ObjectBuilder) Remove(k string) *ObjectBuilder          { delete(b.m, k); return b }
func (b *ObjectBuilder) Build() Value                            { return Value{b.m} }

// ArrayBuilder builds an array value.
type ArrayBuilder struct{ a []Value }

func ArrayBuild() *ArrayBuilder                   { return &ArrayBuilder{} }
func (b *ArrayBuilder) Add(v Value) *ArrayBuilder { b.a = append(b.a, v); return b }
func (b *ArrayBuilder) Build() Value              { return Value{b.a} }
