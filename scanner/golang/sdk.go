package golang

import (
	"strings"

	"github.com/ldfallback/ldfallback/languages"
)

// sdk names an SDK and the import paths whose declarations identify it.
type sdk struct {
	Name    string
	Imports []string
}

// knowledge returns the Go SDKs and call shapes: the rows of the shared Go
// declaration (languages/defs/go.yaml, also used by tree-sitter), plus
// typedOnlyShapes.
//
// Rows sharing a method name (LDClient.BoolVariation(key, ctx, def) and
// LDScopedClient.BoolVariation(key, def)) are told apart by the callee's
// signature, not by argument counts: a row applies only when the parameter
// at Key is a string and the parameter at Fallback has the row's Type (see
// shapeFits).
func knowledge() ([]sdk, []languages.Shape) {
	l := languages.ByName(Language)
	if l == nil {
		return nil, typedOnlyShapes
	}
	sdks := make([]sdk, 0, len(l.SDKs))
	for _, s := range l.SDKs {
		sdks = append(sdks, sdk{Name: s.Name, Imports: s.Imports})
	}
	shapes := append(append([]languages.Shape(nil), l.Shapes...), typedOnlyShapes...)
	return sdks, shapes
}

// sharedShapes are the rows of the shared Go declaration alone.
func sharedShapes() []languages.Shape {
	if l := languages.ByName(Language); l != nil {
		return l.Shapes
	}
	return nil
}

// importMatches reports whether a package path belongs to an SDK import:
// the import itself, a sub-package, or a major-version suffix
// ("gopkg.in/launchdarkly/go-server-sdk" covers ".../go-server-sdk.v5/interfaces").
func importMatches(path, imp string) bool {
	if !strings.HasPrefix(path, imp) {
		return false
	}
	rest := path[len(imp):]
	return rest == "" || rest[0] == '/' || rest[0] == '.'
}

// SDK names of languages/defs/go.yaml.
const (
	sdkLD          = "ld"
	sdkOpenFeature = "openfeature"
)

// typedOnlyShapes are rows only the type-checked path can use safely, so they
// are not in the shared declaration:
//   - MigrationVariation(key, context, defaultStage) and …Ctx(goctx, key,
//     context, defaultStage), scoped (key, defaultStage) and …Ctx(goctx, key,
//     defaultStage): go-server-sdk v7.14.6 ldclient.go and ldclient_scoped.go;
//     the default is an ldmigration.Stage, a string type.
//   - OpenFeature's short forms Boolean, String, Float, Int, Object(ctx, flag,
//     defaultValue, evalCtx, options...): open-feature/go-sdk v1.20.0
//     openfeature/client.go. By name alone they would match flag.String(name,
//     value, usage) and the like; here the receiver must be the OpenFeature client.
var typedOnlyShapes = []languages.Shape{
	{Methods: []string{"MigrationVariation"}, SDK: sdkLD, Key: languages.Pos(0), Fallback: languages.Pos(2), Type: "string",
		Source: "launchdarkly/go-server-sdk v7.14.6 ldclient.go: func (client *LDClient) MigrationVariation(key string, context ldcontext.Context, defaultStage ldmigration.Stage)"},
	{Methods: []string{"MigrationVariationCtx"}, SDK: sdkLD, Key: languages.Pos(1), Fallback: languages.Pos(3), Type: "string",
		Source: "launchdarkly/go-server-sdk v7.14.6 ldclient.go: func (client *LDClient) MigrationVariationCtx(ctx gocontext.Context, key string, context ldcontext.Context, defaultStage ldmigration.Stage)"},
	{Methods: []string{"MigrationVariation"}, SDK: sdkLD, Key: languages.Pos(0), Fallback: languages.Pos(1), Type: "string",
		Source: "launchdarkly/go-server-sdk v7.14.6 ldclient_scoped.go: func (c *LDScopedClient) MigrationVariation(key string, defaultStage ldmigration.Stage)"},
	{Methods: []string{"MigrationVariationCtx"}, SDK: sdkLD, Key: languages.Pos(1), Fallback: languages.Pos(2), Type: "string",
		Source: "launchdarkly/go-server-sdk v7.14.6 ldclient_scoped.go: func (c *LDScopedClient) MigrationVariationCtx(ctx gocontext.Context, key string, defaultStage ldmigration.Stage)"},
	{Methods: []string{"Boolean"}, SDK: sdkOpenFeature, Key: languages.Pos(1), Fallback: languages.Pos(2), Type: "bool", Source: ofShort},
	{Methods: []string{"String"}, SDK: sdkOpenFeature, Key: languages.Pos(1), Fallback: languages.Pos(2), Type: "string", Source: ofShort},
	{Methods: []string{"Float", "Int"}, SDK: sdkOpenFeature, Key: languages.Pos(1), Fallback: languages.Pos(2), Type: "number", Source: ofShort},
	{Methods: []string{"Object"}, SDK: sdkOpenFeature, Key: languages.Pos(1), Fallback: languages.Pos(2), Type: "json", Source: ofShort},
}

const ofShort = "open-feature/go-sdk v1.20.0 openfeature/client.go: func (c *Client) Boolean(ctx context.Context, flag string, defaultValue bool, evalCtx EvaluationContext, options ...Option) bool"

// sdkTypePackages are path prefixes of packages whose types only an SDK
// client's methods take (contexts, users, values). A method on the user's
// own interface (a mockable client) counts as an SDK call when its signature
// mentions one of them.
var sdkTypePackages = []string{
	"github.com/launchdarkly/",
	"gopkg.in/launchdarkly/",
	"github.com/open-feature/go-sdk/",
}
