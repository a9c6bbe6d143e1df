package languages

import (
	"encoding/json"
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// ArgRef points at one argument of a call: by 0-based position, by keyword
// (named argument, Swift label, Ruby keyword), or both (a keyword that may
// also be passed positionally). The zero value means "absent".
//
// In YAML it is an integer (position), a string (keyword), or a mapping
// {index: 2, name: default}.
type ArgRef struct {
	Index int    `yaml:"index" json:"index"` // -1 when only by name
	Name  string `yaml:"name" json:"name,omitempty"`
	// Value, when set, is a value fixed by the row instead of an argument
	// (`key: {value: "x"}`, `fallback: {value: false}`), as JSON.
	Value string `yaml:"-" json:"value,omitempty"`
	set   bool
}

// Pos returns an ArgRef for a positional argument.
func Pos(i int) ArgRef { return ArgRef{Index: i, set: true} }

// Named returns an ArgRef for a keyword argument that may also be positional at index i (-1 for never).
func Named(name string, i int) ArgRef { return ArgRef{Index: i, Name: name, set: true} }

// IsSet reports whether the reference points anywhere.
func (a ArgRef) IsSet() bool { return a.set }

// UnmarshalYAML accepts an integer, a string, or {index, name}.
func (a *ArgRef) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			*a = ArgRef{}
			return nil
		}
		if i, err := strconv.Atoi(n.Value); err == nil {
			if i < 0 {
				return fmt.Errorf("line %d: argument index %d is negative", n.Line, i)
			}
			*a = Pos(i)
			return nil
		}
		*a = Named(n.Value, -1)
		return nil
	case yaml.MappingNode:
		var m struct {
			Index *int   `yaml:"index"`
			Name  string `yaml:"name"`
			Value any    `yaml:"value"`
		}
		if err := n.Decode(&m); err != nil {
			return err
		}
		if hasKey(n, "value") {
			if m.Index != nil || m.Name != "" {
				return fmt.Errorf("line %d: an argument is a value or an index/name, not both", n.Line)
			}
			v, err := json.Marshal(m.Value)
			if err != nil {
				return fmt.Errorf("line %d: value: %v", n.Line, err)
			}
			*a = ArgRef{Index: -1, Value: string(v), set: true}
			return nil
		}
		idx := -1
		if m.Index != nil {
			if *m.Index < 0 {
				return fmt.Errorf("line %d: argument index %d is negative", n.Line, *m.Index)
			}
			idx = *m.Index
		}
		if idx < 0 && m.Name == "" {
			return fmt.Errorf("line %d: an argument needs an index or a name", n.Line)
		}
		*a = ArgRef{Index: idx, Name: m.Name, set: true}
		return nil
	}
	return fmt.Errorf("line %d: an argument is an index, a name, {index, name} or {value}", n.Line)
}

func hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

// Shape is one row of call-shape knowledge: calls to any of Methods (in a
// file that imports SDK, when set) evaluate the flag at Key with the fallback
// at Fallback, expecting Type. Built-in rows and user wrappers share it.
type Shape struct {
	// Methods are the function or method names, matched on the last name of the callee.
	Methods []string `yaml:"methods" json:"methods"`
	// Languages limits a user wrapper to some languages; empty = all. Unused on built-in rows.
	Languages []string `yaml:"languages,omitempty" json:"languages,omitempty"`
	// SDK names the SDK (declared on the language) whose import must be in the file; "" = none needed.
	SDK string `yaml:"sdk,omitempty" json:"sdk,omitempty"`
	// Key and Fallback locate the arguments. Fallback absent: see Implicit and FromConfig.
	Key      ArgRef `yaml:"key" json:"key"`
	Fallback ArgRef `yaml:"fallback,omitempty" json:"fallback"`
	// Type is bool, string, number, json, or unknown (take it from the literal).
	Type string `yaml:"type,omitempty" json:"type,omitempty"`
	// Implicit is the SDK's default when the fallback argument is omitted, as JSON text (e.g. "null").
	Implicit string `yaml:"implicit,omitempty" json:"implicit,omitempty"`
	// FromConfig marks a wrapper that reads its fallback from fallback-config.json.
	FromConfig bool `yaml:"fromConfig,omitempty" json:"fromConfig,omitempty"`
	// MaxArgs, when > 0, rejects calls with more arguments: it tells apart
	// two SDKs' methods of the same name (Go LDClient.BoolVariation(k, c, d)
	// vs LDScopedClient.BoolVariation(k, d)).
	MaxArgs int `yaml:"maxArgs,omitempty" json:"maxArgs,omitempty"`
	// Source cites the SDK source the row was checked against.
	Source string `yaml:"source,omitempty" json:"source,omitempty"`
}

// Definition is a flag-definition shape: a constructor call or an object
// literal that carries a flag key next to its default, such as
// `object NewCheckout : Flag<Boolean>(key = "new-checkout", default = false)` or
// `{ newCheckout: { flag: 'new-checkout', defaultValue: false } }`.
type Definition struct {
	// Name is reported as the Method of the Call a definition becomes (default: the
	// constructor name, or the key property in braces).
	Name      string   `yaml:"name,omitempty" json:"name,omitempty"`
	Languages []string `yaml:"languages,omitempty" json:"languages,omitempty"`
	// Constructors are callee names of a constructor-style definition; Key and Fallback locate its arguments.
	Constructors []string `yaml:"constructors,omitempty" json:"constructors,omitempty"`
	Key          ArgRef   `yaml:"key,omitempty" json:"key"`
	Fallback     ArgRef   `yaml:"fallback,omitempty" json:"fallback"`
	// KeyProperty and FallbackProperty name the fields of an object-literal definition.
	KeyProperty      string `yaml:"keyProperty,omitempty" json:"keyProperty,omitempty"`
	FallbackProperty string `yaml:"fallbackProperty,omitempty" json:"fallbackProperty,omitempty"`
	Type             string `yaml:"type,omitempty" json:"type,omitempty"`
}
