package languages

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	sitter "github.com/smacker/go-tree-sitter"
	"gopkg.in/yaml.v3"
)

// Language is one language declaration, read from defs/<name>.yaml.
type Language struct {
	Name string `yaml:"name"`
	// Inherit names a language whose SDKs, queries, literals, args, shapes and
	// definitions this one reuses when it leaves them empty (typescript → javascript).
	Inherit    string   `yaml:"inherit,omitempty"`
	Extensions []string `yaml:"extensions"`
	// Declarations are the name suffixes of files that hold declarations
	// only (TypeScript's .d.ts): no statement runs in them, so they hold no
	// evaluation call and a scan does not parse them for calls; the
	// constants they declare are still read when another file names one.
	Declarations []string `yaml:"declarations,omitempty"`
	// Grammar is the tree-sitter grammar name, a key of Grammars.
	Grammar string `yaml:"grammar"`
	// SerialParse: the grammar's external scanner keeps global state, so two
	// parses at once (two workers) corrupt each other's trees; the scanner
	// parses files of this grammar one at a time.
	SerialParse bool `yaml:"serialParse,omitempty"`
	// Comments are the line-comment and block-comment openers, used to recognise
	// `ldfallback:ignore` comments.
	Comments []string `yaml:"comments"`
	SDKs     []SDK    `yaml:"sdks"`
	Queries  Queries  `yaml:"queries"`
	Args     Args     `yaml:"args"`
	Literals Literals `yaml:"literals"`
	Shapes   []Shape  `yaml:"shapes"`
	// Definitions are built-in flag-definition shapes (rare; users add theirs in the config).
	Definitions []Definition `yaml:"definitions,omitempty"`
	// Modules says how a file reaches constants declared in other directories.
	Modules Modules `yaml:"modules,omitempty"`
	// Mocks are the names of test-double calls (Mockito `when`, Moq `Setup`,
	// gomock `EXPECT`) that make an SDK call inside or after them a mock
	// setup, not an evaluation: a call is dropped when one of its three
	// nearest enclosing calls is named so (`when(c.boolVariation(..))`,
	// `c.BoolVariation(..).Returns(true)`), or when its receiver calls one
	// (`verify(c).boolVariation(..)`, `m.EXPECT().BoolVariation(..)`).
	Mocks []string `yaml:"mocks,omitempty"`
	// FlagObjects are SDKs whose flags are read as properties of one object (flagobject.go).
	FlagObjects []FlagObject `yaml:"flagObjects,omitempty"`
	// Functions describes declarations, for wrapper inference (functions.go).
	Functions Functions `yaml:"functions,omitempty"`
	// ExactIntegers says the language's SDKs read the payload's JSON integers
	// exactly (Python, Ruby, PHP, Rust's serde_json within 64 bits, Elixir);
	// the others read every number as a double, so a literal
	// 9007199254740992 in their code is the value 9007199254740993 in the
	// payload, as their SDK serves it.
	ExactIntegers bool `yaml:"exactIntegers,omitempty"`

	once     sync.Once
	compiled *Compiled
	cerr     error
}

// SDK is one SDK a language's shapes can require, identified by the strings
// that appear in the import/require/using statements of a file that uses it.
type SDK struct {
	Name    string   `yaml:"name"`
	Imports []string `yaml:"imports"`
	// Receivers are lower-case substrings of a call's receiver text (what
	// precedes the method name, as in `current_app.ldclient.` or `ldClient?.`)
	// that identify this SDK's client in a file that does not import the SDK:
	// real applications often get the client from a module of their own.
	Receivers []string `yaml:"receivers,omitempty"`
	// Clients are the callees that build or return this SDK's client
	// (`LaunchDarkly::LDClient.new`, `useLDClient`): a name assigned their
	// result anywhere in the scanned root (`config.launch_darkly_client =
	// LaunchDarkly::LDClient.new(…)`, `const client = useLDClient()`) is a
	// receiver of this SDK in every file of the language, which then need
	// not import the SDK.
	Clients []string `yaml:"clients,omitempty"`
}

// Queries are tree-sitter queries in the grammar's syntax.
type Queries struct {
	// Calls captures @call (the whole call), @method (the callee's last name)
	// and @args (the argument list node), and optionally @pipe: a node passed
	// as the first positional argument (Elixir `x |> f(a)` is f(x, a)).
	// @local instead of @method marks a call shape the SDK's API never takes
	// (Elixir `f(x)`, Lua `M.f(x)`): only the calls of wrappers (inferred or
	// the config's) are read from it.
	Calls string `yaml:"calls"`
	// Imports captures @import: nodes whose text is matched against SDK.Imports.
	Imports string `yaml:"imports"`
	// Constants captures @name and @value of constant-like declarations, and
	// optionally @scope (enclosing class/enum/object name, giving Scope.name too).
	Constants string `yaml:"constants,omitempty"`
	// Modules captures a file's import bindings (see Modules): @source (the
	// module named: a string literal or a dotted name) and, per match, one of
	// @name (an exported name; the local name is @alias when captured),
	// @namespace (a local name bound to the whole module), @default (a local
	// name bound to the module's default export) or @star (the module's names
	// become this file's: `export * from`, `from m import *`). Re-exports
	// (`export { a as b } from 'm'`) are bindings too: a module's bindings
	// are searched when a name is looked up in it.
	Modules string `yaml:"modules,omitempty"`
}

// Modules are the rules that map a reference to a constant in another
// directory onto the files that may declare it.
type Modules struct {
	// Path is how @source names a file: "relative" ('./a', '../b/c' from the
	// importing file's directory; other sources are packages and are not
	// followed), "dotted" (Python: 'a.b' from the root or any ancestor
	// directory of the importing file, the nearest first; '.a', '..a' relative),
	// "qualified" (Java, Kotlin: 'com.acme.flags.Flags' is the tree's file whose
	// path ends in com/acme/flags/Flags.<ext>, else the type rule finds Flags;
	// a static import 'com.acme.Flags.KEY' is Flags.KEY), "gomod" (Go: an
	// import path inside the module of the nearest go.mod is that directory's
	// package; `flags.X` is X in any of its files).
	Path string `yaml:"path,omitempty"`
	// Extensions are tried, in order, after the module path (and after its
	// own extension is removed, so './flags.js' finds flags.ts).
	Extensions []string `yaml:"extensions,omitempty"`
	// Index are the base names of a directory's own module (index, __init__).
	Index []string `yaml:"index,omitempty"`
	// Exports are prefixes under which a module may declare what it exports
	// (CommonJS module.exports.X, exports.X).
	Exports []string `yaml:"exports,omitempty"`
	// Submodules: an imported name may be a module of the imported package
	// (Python `from . import flags`).
	Submodules bool `yaml:"submodules,omitempty"`
	// TypeFiles enables the type rule: a reference Type.member (Type
	// capitalised) is looked up in the files named after Type ("same":
	// Type.<ext>, "snake": type_name.<ext>) among the tree's files of the
	// language family, then, when those do not declare it, in every file of
	// the family that contains the word Type. "" = no type rule.
	TypeFiles string `yaml:"typeFiles,omitempty"`
	// Aliases names the compiler's path aliases a non-relative source may
	// be: "tsconfig" (tsconfig.json/jsconfig.json baseUrl and paths, through
	// extends). "" = none.
	Aliases string `yaml:"aliases,omitempty"`
}

// Args says how the grammar spells arguments.
type Args struct {
	// Wrapper is the node type wrapping every argument (C# argument, Kotlin value_argument); "" = none.
	Wrapper string `yaml:"wrapper,omitempty"`
	// Named is the node type of a keyword argument (Python keyword_argument); "" = use Wrapper.
	Named string `yaml:"named,omitempty"`
	// NameField/ValueField are the fields of a named argument; when empty,
	// the name is the first named child of type NameNode and the value the last named child.
	NameField  string `yaml:"nameField,omitempty"`
	ValueField string `yaml:"valueField,omitempty"`
	NameNode   string `yaml:"nameNode,omitempty"`
	// Skip are node types inside an argument list that are not arguments (comments).
	Skip []string `yaml:"skip,omitempty"`
	// Separator, when set, splits the argument list at these anonymous tokens
	// instead of taking each named child as one argument: for grammars that
	// inline a dotted name into the list (Lua `f(a, T.k)` has three named children).
	Separator string `yaml:"separator,omitempty"`
	// Shorthand: a named argument written without a value passes the local
	// variable or parameter of that name (Ruby 3.1 `f(default:)` is
	// `f(default: default)`).
	Shorthand bool `yaml:"shorthand,omitempty"`
}

// Literals maps the grammar's literal node types to JSON kinds.
type Literals struct {
	String []string `yaml:"string"`
	// RawString are string nodes whose text is taken verbatim between the quotes.
	RawString []string `yaml:"rawString,omitempty"`
	Number    []string `yaml:"number"`
	True      []string `yaml:"true"`
	False     []string `yaml:"false"`
	Null      []string `yaml:"null"`
	// Interpolation are node types inside a string that make it non-literal.
	Interpolation []string `yaml:"interpolation,omitempty"`
	// Object is a map literal: node type, the pair node type and the pair's key/value fields.
	Object []ObjectSyntax `yaml:"object,omitempty"`
	// Array are list literal node types whose named children are the elements.
	Array []string `yaml:"array,omitempty"`
	// Wrappers are node types that wrap one literal (parenthesized_expression, a Kotlin
	// value_argument); the literal is their only named child.
	Wrappers []string `yaml:"wrappers,omitempty"`
	// Negation are unary-expression node types; a '-' before a number literal makes it negative.
	Negation []string `yaml:"negation,omitempty"`
	// Conversions are methods that, applied to a literal, keep its value
	// (Ruby "x".freeze, Rust "x".to_string()): `lit.m` and `lit.m()` count as lit.
	Conversions []string `yaml:"conversions,omitempty"`
	// Constructors are callees whose one literal argument is the value
	// (Rust String::from("x"), C++ std::string("x")): `C(lit)` counts as lit.
	Constructors []string `yaml:"constructors,omitempty"`
	// Composite are typed collection literals whose type says whether the
	// body is a list or a map (Go `[]any{1, "a"}`, `map[string]any{"a": 1}`).
	Composite []CompositeSyntax `yaml:"composite,omitempty"`
}

// CompositeSyntax describes a typed collection literal: the node, the fields
// of its type and body, the type node types that make the body a list or a
// map, the node wrapping each element (unwrapped to its only named child) and
// the node of a key-value element (its first and last named children). Map
// keys must be string literals; any other type (a struct) is not a literal.
type CompositeSyntax struct {
	Node    string   `yaml:"node"`
	Type    string   `yaml:"type"`
	Body    string   `yaml:"body"`
	Lists   []string `yaml:"lists"`
	Maps    []string `yaml:"maps"`
	Element string   `yaml:"element,omitempty"`
	Pair    string   `yaml:"pair"`
}

// ObjectSyntax describes a map literal.
type ObjectSyntax struct {
	Node  string `yaml:"node"`
	Pair  string `yaml:"pair"`
	Key   string `yaml:"key"`
	Value string `yaml:"value"`
}

// Compiled holds a language's grammar and compiled queries. Queries are
// immutable once compiled and shared by all workers.
type Compiled struct {
	Lang    *sitter.Language
	Calls   *sitter.Query
	Imports *sitter.Query

	// The constants and modules queries are compiled on first use (a scan
	// needs them only where a call names a constant; compiling costs 2-25 ms each).
	lazy                   [3]lazyQuery
	constants, mods, ctors string
}

type lazyQuery struct {
	once sync.Once
	q    *sitter.Query
	err  error
}

func (c *Compiled) lazyQuery(i int, name, src string) (*sitter.Query, error) {
	lq := &c.lazy[i]
	lq.once.Do(func() {
		if src == "" {
			return
		}
		if lq.q, lq.err = sitter.NewQuery([]byte(src), c.Lang); lq.err != nil {
			lq.err = fmt.Errorf("%s query: %w", name, lq.err)
		}
	})
	return lq.q, lq.err
}

// Constants returns the compiled constants query; nil when the language declares none.
func (c *Compiled) Constants() (*sitter.Query, error) {
	return c.lazyQuery(0, "constants", c.constants)
}

// Modules returns the compiled modules query; nil when the language declares none.
func (c *Compiled) Modules() (*sitter.Query, error) {
	return c.lazyQuery(1, "modules", c.mods)
}

// Constructions returns the compiled constructions query
// (Functions.Constructions.Query); nil when the language declares none.
func (c *Compiled) Constructions() (*sitter.Query, error) {
	return c.lazyQuery(2, "constructions", c.ctors)
}

// Compile returns the grammar and compiled queries, compiling them once.
func (l *Language) Compile() (*Compiled, error) {
	l.once.Do(func() {
		g := Grammars[l.Grammar]
		if g == nil {
			l.cerr = fmt.Errorf("language %s: unknown grammar %q", l.Name, l.Grammar)
			return
		}
		c := &Compiled{Lang: g()}
		var err error
		if c.Calls, err = sitter.NewQuery([]byte(l.Queries.Calls), c.Lang); err != nil {
			l.cerr = fmt.Errorf("language %s: calls query: %w", l.Name, err)
			return
		}
		if l.Queries.Imports != "" {
			if c.Imports, err = sitter.NewQuery([]byte(l.Queries.Imports), c.Lang); err != nil {
				l.cerr = fmt.Errorf("language %s: imports query: %w", l.Name, err)
				return
			}
		}
		c.constants, c.mods, c.ctors = l.Queries.Constants, l.Queries.Modules, l.Functions.Constructions.Query
		l.compiled = c
	})
	return l.compiled, l.cerr
}

// SDKByName returns the named SDK declaration, or nil.
func (l *Language) SDKByName(name string) *SDK {
	for i := range l.SDKs {
		if l.SDKs[i].Name == name {
			return &l.SDKs[i]
		}
	}
	return nil
}

//go:embed defs/*.yaml
var defsFS embed.FS

var (
	loadOnce sync.Once
	all      []*Language
	loadErr  error
)

// All returns every built-in language, sorted by name. Built-in declarations
// are tested, so a broken one panics rather than letting a scan miss calls silently.
func All() []*Language {
	loadOnce.Do(func() { all, loadErr = load(defsFS) })
	if loadErr != nil {
		panic(loadErr)
	}
	return all
}

// ByName returns the built-in language with that name, or nil.
func ByName(name string) *Language {
	for _, l := range All() {
		if l.Name == name {
			return l
		}
	}
	return nil
}

// ByExtension returns the language for a file name's extension, or nil.
func ByExtension(name string) *Language {
	ext := strings.ToLower(path.Ext(name))
	if ext == "" {
		return nil
	}
	for _, l := range All() {
		for _, e := range l.Extensions {
			if e == ext {
				return l
			}
		}
	}
	return nil
}

// Parse decodes one language declaration; unknown fields are errors.
func Parse(data []byte) (*Language, error) {
	l := &Language{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(l); err != nil {
		return nil, err
	}
	if l.Name == "" {
		return nil, fmt.Errorf("language without a name")
	}
	return l, nil
}

func load(fsys fs.FS) ([]*Language, error) {
	names, err := fs.Glob(fsys, "defs/*.yaml")
	if err != nil {
		return nil, err
	}
	// The declarations are parsed in parallel: decoding the YAML of sixteen
	// languages was a third of a scan's start-up, on one core.
	parsed := make([]*Language, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data, err := fs.ReadFile(fsys, n)
			if err != nil {
				errs[i] = err
				return
			}
			if parsed[i], err = Parse(data); err != nil {
				errs[i] = fmt.Errorf("languages/%s: %w", n, err)
			}
		}()
	}
	wg.Wait()
	byName := map[string]*Language{}
	var out []*Language
	for i, n := range names {
		if errs[i] != nil {
			return nil, errs[i] // the first file's error, as when they were parsed in turn
		}
		l := parsed[i]
		if byName[l.Name] != nil {
			return nil, fmt.Errorf("languages/%s: language %s declared twice", n, l.Name)
		}
		byName[l.Name] = l
		out = append(out, l)
	}
	for _, l := range out {
		if l.Inherit == "" {
			continue
		}
		p := byName[l.Inherit]
		if p == nil || p.Inherit != "" {
			return nil, fmt.Errorf("language %s inherits unknown or inheriting language %q", l.Name, l.Inherit)
		}
		if len(l.SDKs) == 0 {
			l.SDKs = p.SDKs
		}
		if l.Queries.Calls == "" {
			l.Queries.Calls = p.Queries.Calls
		}
		if l.Queries.Imports == "" {
			l.Queries.Imports = p.Queries.Imports
		}
		if l.Queries.Constants == "" {
			l.Queries.Constants = p.Queries.Constants
		}
		if l.Args.Wrapper == "" && l.Args.Named == "" && len(l.Args.Skip) == 0 {
			l.Args = p.Args
		}
		if l.Queries.Modules == "" {
			l.Queries.Modules = p.Queries.Modules
		}
		if l.Modules.Path == "" && l.Modules.TypeFiles == "" {
			l.Modules = p.Modules
		}
		if len(l.Literals.String) == 0 {
			l.Literals = p.Literals
		}
		if len(l.Comments) == 0 {
			l.Comments = p.Comments
		}
		if len(l.Mocks) == 0 {
			l.Mocks = p.Mocks
		}
		if len(l.Functions.Decls) == 0 {
			l.Functions = p.Functions
		}
		l.Shapes = append(append([]Shape(nil), p.Shapes...), l.Shapes...)
		l.Definitions = append(append([]Definition(nil), p.Definitions...), l.Definitions...)
		if len(l.FlagObjects) == 0 {
			l.FlagObjects = p.FlagObjects
		}
	}
	for _, l := range out {
		switch {
		case l.Modules.Path != "" && l.Modules.Path != "relative" && l.Modules.Path != "dotted" && l.Modules.Path != "qualified" && l.Modules.Path != "gomod":
			return nil, fmt.Errorf("language %s: modules.path %q is not relative, dotted, qualified or gomod", l.Name, l.Modules.Path)
		case l.Modules.TypeFiles != "" && l.Modules.TypeFiles != "same" && l.Modules.TypeFiles != "snake":
			return nil, fmt.Errorf("language %s: modules.typeFiles %q is not same or snake", l.Name, l.Modules.TypeFiles)
		case l.Modules.Aliases != "" && l.Modules.Aliases != "tsconfig":
			return nil, fmt.Errorf("language %s: modules.aliases %q is not tsconfig", l.Name, l.Modules.Aliases)
		case l.Modules.Path != "" && l.Queries.Modules == "":
			return nil, fmt.Errorf("language %s: modules.path without a modules query", l.Name)
		}
		for i, f := range l.FlagObjects {
			if err := f.validate(l.Name, i); err != nil {
				return nil, err
			}
		}
		for i, s := range l.Shapes {
			if len(s.Methods) == 0 || !s.Key.IsSet() {
				return nil, fmt.Errorf("language %s: shape %d has no methods or no key", l.Name, i)
			}
			if s.SDK != "" && l.SDKByName(s.SDK) == nil {
				return nil, fmt.Errorf("language %s: shape %v names unknown SDK %q", l.Name, s.Methods, s.SDK)
			}
			if s.Source == "" {
				return nil, fmt.Errorf("language %s: shape %v cites no source", l.Name, s.Methods)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
