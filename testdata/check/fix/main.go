package main

import (
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	ld "github.com/launchdarkly/go-server-sdk/v7"
)

func handler(client *ld.LDClient, ctx ldcontext.Context) {
	enabled, _ := client.BoolVariation("checkout-api", ctx, true)
	banner, _ := client.StringVariation("banner-text", ctx, "Hello")
	limit, _ := client.IntVariation("max-cart-items", ctx, 10)
	_, _, _ = enabled, banner, limit
}
