package svc

import (
	"context"

	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	ld "github.com/launchdarkly/go-server-sdk/v7"
	"github.com/open-feature/go-sdk/openfeature"
)

const newCheckout = "new-checkout"

func Run(goctx context.Context, client *ld.LDClient, of *openfeature.Client, c ldcontext.Context) {
	a, _ := client.BoolVariation(newCheckout, c, false)            // want key="new-checkout" fallback=false type=bool
	b, _ := client.StringVariationCtx(goctx, "banner", c, `raw\n`) // want key="banner" fallback="raw\\n" type=string
	scoped := ld.NewScopedClient(client, c)
	d, _ := scoped.IntVariation("limit", -7)                                         // want key="limit" fallback=-7 type=number
	e, _ := scoped.Float64VariationCtx(goctx, "ratio", 0.25)                         // want key="ratio" fallback=0.25 type=number
	f, _ := of.BooleanValue(goctx, "of-flag", true, openfeature.EvaluationContext{}) // want key="of-flag" fallback=true type=bool
	g, _ := client.BoolVariation(sharedKey, c, sharedDefault)                        // want key="shared" fallback=true fallbackFile=svc/keys.go
	_, _, _, _, _, _ = a, b, d, e, f, g
}
