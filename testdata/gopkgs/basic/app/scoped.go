package app

import (
	gocontext "context"

	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
	ld "github.com/launchdarkly/go-server-sdk/v7"
)

func scoped(client *ld.LDClient, goctx gocontext.Context) {
	sc := ld.NewScopedClient(client, ldcontext.New("u"))
	sc.BoolVariation("scoped-bool", true)                                                // want `BoolVariation key="scoped-bool" fallback=true type=bool span=true`
	sc.IntVariationCtx(goctx, "scoped-ctx", 7)                                           // want `IntVariationCtx key="scoped-ctx" fallback=7 type=number span=7`
	sc.JSONVariation("scoped-json", ldvalue.String("z"))                                 // want `JSONVariation key="scoped-json" fallback="z" type=json span="z"`
	ld.NewScopedClient(client, ldcontext.New("v")).StringVariationDetail("chained", "d") // want `StringVariationDetail key="chained" fallback="d" type=string span="d"`
}
