package golang

import "github.com/ldfallback/ldfallback/languages"

// sdk names an SDK and the import paths (module paths; sub-packages match
// too) whose declarations identify it.
type sdk struct {
	Name    string
	Imports []string
}

// SDK names used by the rows below.
const (
	sdkLDServer    = "launchdarkly-go-server"
	sdkOpenFeature = "openfeature-go"
)

// knowledge returns the Go SDKs and their call shapes.
//
// TODO(languages): switch to languages.ByName("go") once the tree-sitter
// scanner's language table builds, so the Go SDK knowledge lives in one place.
//
// Rows sharing a method name (LDClient.BoolVariation(key, ctx, def) and
// LDScopedClient.BoolVariation(key, def)) are told apart by the callee's
// signature: a row applies only when the parameter at Key is a string and the
// parameter at Fallback has the row's Type (see shapeFits).
func knowledge() ([]sdk, []languages.Shape) {
	return goSDKs, goShapes
}

var goSDKs = []sdk{
	{Name: sdkLDServer, Imports: []string{
		"github.com/launchdarkly/go-server-sdk/v7",
		"github.com/launchdarkly/go-server-sdk/v6",
		"gopkg.in/launchdarkly/go-server-sdk.v5",
	}},
	{Name: sdkOpenFeature, Imports: []string{"github.com/open-feature/go-sdk/openfeature"}},
}

// Checked against the SDK sources from the Go module proxy:
//   - go-server-sdk/v7@v7.14.6 ldclient.go (LDClient.BoolVariation … JSONVariationDetailCtx,
//     MigrationVariation), interfaces/client_interface.go (LDClientEvaluations, same
//     (key, context, defaultVal) order), ldclient_scoped.go (LDScopedClient, made by
//     NewScopedClient(client, context): BoolVariation(key, defaultVal), …Ctx(ctx, key, defaultVal)).
//     There is no ForContext in v7; the scoped client is the root package's LDScopedClient.
//   - go-server-sdk/v6@v6.2.1 ldclient.go and gopkg.in/launchdarkly/go-server-sdk.v5@v5.10.1
//     ldclient.go: same (key, context|user, defaultVal) order, no …Ctx methods.
//   - open-feature/go-sdk@v1.20.0 openfeature/client.go and interfaces.go (IClient):
//     BooleanValue(ctx, flag, defaultValue, evalCtx, options...) and the …ValueDetails and
//     short (Boolean, String, …) forms, same positions.
var goShapes = ldShapes()

func ldShapes() []languages.Shape {
	const src7 = "go-server-sdk/v7@v7.14.6 ldclient.go, ldclient_scoped.go; v6.2.1, v5.10.1 ldclient.go"
	typed := []struct {
		prefix, typ string
	}{
		{"Bool", "bool"}, {"Int", "number"}, {"Float64", "number"}, {"String", "string"}, {"JSON", "json"},
		// MigrationVariation's default is an ldmigration.Stage, a string type.
		{"Migration", "string"},
	}
	var rows []languages.Shape
	for _, t := range typed {
		plain := []string{t.prefix + "Variation", t.prefix + "VariationDetail"}
		ctx := []string{t.prefix + "VariationCtx", t.prefix + "VariationDetailCtx"}
		if t.prefix == "Migration" {
			plain, ctx = plain[:1], ctx[:1]
		}
		rows = append(rows,
			// LDClient / LDClientInterface: (key, context, defaultVal)
			languages.Shape{Methods: plain, SDK: sdkLDServer, Key: languages.Pos(0), Fallback: languages.Pos(2), Type: t.typ, Source: src7},
			// LDClient (v7): (goctx, key, context, defaultVal)
			languages.Shape{Methods: ctx, SDK: sdkLDServer, Key: languages.Pos(1), Fallback: languages.Pos(3), Type: t.typ, Source: src7},
			// LDScopedClient (v7): (key, defaultVal)
			languages.Shape{Methods: plain, SDK: sdkLDServer, Key: languages.Pos(0), Fallback: languages.Pos(1), Type: t.typ, Source: src7},
			// LDScopedClient (v7): (goctx, key, defaultVal)
			languages.Shape{Methods: ctx, SDK: sdkLDServer, Key: languages.Pos(1), Fallback: languages.Pos(2), Type: t.typ, Source: src7},
		)
	}
	const srcOF = "open-feature/go-sdk@v1.20.0 openfeature/client.go, interfaces.go"
	for _, t := range []struct{ name, typ string }{
		{"Boolean", "bool"}, {"String", "string"}, {"Float", "number"}, {"Int", "number"}, {"Object", "json"},
	} {
		rows = append(rows, languages.Shape{
			Methods: []string{t.name + "Value", t.name + "ValueDetails", t.name},
			SDK:     sdkOpenFeature, Key: languages.Pos(1), Fallback: languages.Pos(2), Type: t.typ, Source: srcOF,
		})
	}
	return rows
}

// sdkTypePackages are path prefixes of packages whose types only an SDK
// client's methods take (contexts, users, values). A method on the user's
// own interface (a mockable client) counts as an SDK call when its signature
// mentions one of them.
var sdkTypePackages = []string{
	"github.com/launchdarkly/",
	"gopkg.in/launchdarkly/",
	"github.com/open-feature/go-sdk/",
}
