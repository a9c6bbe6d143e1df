package languages

// Functions says what function and method declarations look like in the
// grammar, for wrapper inference: the scanner finds the declaration that
// encloses an evaluation call, reads its parameters (names, positions,
// defaults) and its class, and decides from that alone, for every language,
// whether the declaration forwards a parameter to the call's key. No
// language is special-cased in the scanner; a language without this block
// has no inferred wrappers.
type Functions struct {
	// Decls are the declaration node types (function, method, arrow function).
	Decls []FuncDecl `yaml:"decls"`
	// Params are the parameter node types a parameter list holds. A child of
	// the list that matches no row is not a parameter (a separator, a comment).
	Params []Param `yaml:"params"`
	// Self are parameter names that stand for the receiver and are not passed
	// in a call (Python self, cls): they take no position.
	Self []string `yaml:"self,omitempty"`
	// Classes are the node types that make a method's class (or module), and
	// the field of their name.
	Classes []Class `yaml:"classes,omitempty"`
	// Locals are local declarations a key may pass through (`k = key`): the
	// node type, its name field and its value field.
	Locals []Local `yaml:"locals,omitempty"`
	// Receivers are the receiver words that mean "this object" in a call
	// (this, self): a call through them reaches the caller's own class.
	Receivers []string `yaml:"receivers,omitempty"`
	// ImplicitThis: a method of the caller's class may be called with no
	// receiver at all (Java, C#, Kotlin, Ruby).
	ImplicitThis bool `yaml:"implicitThis,omitempty"`
	// Specs are the calls whose arguments spell function heads, not calls
	// (Elixir `@spec is_on(String.t()) :: boolean()`, `defdelegate
	// is_on(key), to: Flags`): a call inside one is not a call.
	Specs []string `yaml:"specs,omitempty"`
	// ClassScopeHidden: a class body's names are not visible as bare names
	// anywhere, its methods included (Python: a method's `name` is never the
	// class attribute `name`); they are reached as `Class.name` only.
	ClassScopeHidden bool `yaml:"classScopeHidden,omitempty"`
	// ReceiverModifier marks the receiver parameter of an extension method
	// (C# `this RouteGroupBuilder group`): it takes no position in a call,
	// and the method is reached through a receiver of its type.
	ReceiverModifier string `yaml:"receiverModifier,omitempty"`
	// Constructions say how a class's construction hands a parameter to a
	// field its methods read: with them, `new C(k)` (an attribute `[C(k)]`,
	// `C(k)`) is a call of a wrapper when a method of C passes that field
	// to an evaluation's key.
	Constructions Constructions `yaml:"constructions,omitempty"`
}

// Constructions describe constructors and field writes, for wrappers
// through a field: a field is a constructor parameter's when the class
// writes it exactly once, in a constructor, from that parameter (or the
// parameter is itself the field: a primary constructor's, a parameter
// property). Fields are read as `recv.f` with recv one of Receivers, or as
// a bare `f` where ImplicitThis.
type Constructions struct {
	// Constructors are the declarations that construct their class.
	Constructors []Constructor `yaml:"constructors"`
	// Assignments are the nodes that write a field (`this.f = p`, `_f = p`):
	// node type, target field and value field. Locals with a value that
	// bind the field's name (a field initializer) are writes too.
	Assignments []Local `yaml:"assignments,omitempty"`
	// Query captures @call, @method (the class's name) and @args of a
	// construction that is not a call in the calls query (`new C(k)`, an
	// attribute `[C(k)]`). Without it, a construction is a call (`C(k)`).
	Query string `yaml:"query,omitempty"`
	// Suffix may be left off the class's name at a construction (C#
	// `[RequireFeature(k)]` constructs RequireFeatureAttribute).
	Suffix string `yaml:"suffix,omitempty"`
}

// Constructor is one constructor declaration node type.
type Constructor struct {
	Node string `yaml:"node"`
	// Name is the field of the declaration's name and Is the name it must
	// have, when the node type is also a method's (`constructor`, `__init__`).
	Name string `yaml:"name,omitempty"`
	Is   string `yaml:"is,omitempty"`
	// Params is the field (or "type:T") of the parameter list.
	Params string `yaml:"params"`
	// Primary: the parameters are visible in the whole class body (C#
	// primary constructors, Kotlin `class C(val key: String)`).
	Primary bool `yaml:"primary,omitempty"`
	// Properties are the child node types that make a parameter a field
	// (TypeScript `constructor(private readonly key: string)`).
	Properties []string `yaml:"properties,omitempty"`
}

// FuncDecl is one declaration node type and the fields that hold its parts.
// Every field name here (and in Param, Class and Local) is a path: steps
// separated by "/", each a field name or
//   - "type:T": the first named child of node type T (grammars without
//     fields: Kotlin);
//   - "last:T": the last named child of node type T (Lua `function M.is_on`);
//   - "desc:T": the node itself or its first descendant of type T, a few
//     levels deep (a C declarator: `*key`, `&key`, `Flags::IsOn(…)`);
//   - ".": the node itself (Swift parameters are children of the declaration);
//
// and alternatives separated by "|" are tried in order (`name/name|name`).
type FuncDecl struct {
	Node string `yaml:"node"`
	// Keyword and Keywords: the node is a declaration only when the text at
	// path Keyword is one of Keywords (Elixir's `def f(x) do … end` is a
	// call whose target is `def`).
	Keyword  string   `yaml:"keyword,omitempty"`
	Keywords []string `yaml:"keywords,omitempty"`
	// Name is the field of the declaration's name; when empty, ParentName is
	// the field of the parent node that names it (`const f = () => …`).
	Name       string `yaml:"name,omitempty"`
	ParentName string `yaml:"parentName,omitempty"`
	// Params is the field of the parameter list (or of a single parameter).
	Params string `yaml:"params"`
	// Module is the path to the table a module function is declared on
	// (Lua `function M.is_on`: M): in its own file the function is called
	// through that name; elsewhere through the module's file name or the
	// name its require/import binds, like any module function.
	Module string `yaml:"module,omitempty"`
	// Receiver is the field of a Go-style method receiver, whose type is the
	// method's class, or of the class that qualifies a method defined outside
	// it (C++ `bool Flags::IsOn(…)`).
	Receiver string `yaml:"receiver,omitempty"`
}

// Param is one parameter node type.
type Param struct {
	Node string `yaml:"node"`
	// Name is the field holding the parameter's name (every child in that
	// field is one parameter: Go `a, b string`), or a path (see FuncDecl) to
	// its one name (C `declarator/desc:identifier` for `const char *key`;
	// Swift `name/.`: the first child of field name, the second is the type);
	// NameNode instead names the type of the first named child that is the
	// name; neither: the node is the name.
	Name     string `yaml:"name,omitempty"`
	NameNode string `yaml:"nameNode,omitempty"`
	// Default is the field holding the default value; when empty, the named
	// child after an `=` token is the default (C# `bool d = false`);
	// "sibling": the named sibling after the `=` that follows the parameter
	// in its list (Kotlin `key: String, default: Boolean = false`).
	Default string `yaml:"default,omitempty"`
	// Keyword: the parameter is passed by name only (Ruby `key:`, Python after `*`).
	Keyword bool `yaml:"keyword,omitempty"`
	// Label is the field of the label a call passes the argument by when it
	// differs from the name the body uses (Swift `forKey key: String`: the
	// caller writes `forKey:`). A parameter with a label is passed by it,
	// the label `_` meaning by position (Swift `_ key: String`).
	Label string `yaml:"label,omitempty"`
}

// Class is a node type that encloses methods, with the field of its name.
type Class struct {
	Node string `yaml:"node"`
	Name string `yaml:"name"`
	// Keyword and Keywords: as in FuncDecl (Elixir `defmodule M do … end`).
	Keyword  string   `yaml:"keyword,omitempty"`
	Keywords []string `yaml:"keywords,omitempty"`
	// Bases are the fields, or the node types of the children, that list
	// the types the class extends or implements: a receiver declared with
	// one of them (`IFeatureService featureService`) reaches the class's
	// methods.
	Bases []string `yaml:"bases,omitempty"`
}

// Local is a local declaration node type: name and value fields.
type Local struct {
	Node  string `yaml:"node"`
	Name  string `yaml:"name"`
	Value string `yaml:"value"`
	// NoValue: the node binds the name to a value the source does not spell
	// (a loop variable, `with … as x`): a local of unknown value.
	NoValue bool `yaml:"noValue,omitempty"`
}
