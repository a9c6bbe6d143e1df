package main

import (
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	ld "github.com/launchdarkly/go-server-sdk/v7"

	"example.com/shop/internal/flags"
	fl "example.com/shop/internal/flags"
	other "github.com/acme/other/flags"
)

func serve(client *ld.LDClient, ctx ldcontext.Context) {
	_, _ = client.BoolVariation(string(flags.NewCheckout), ctx, false) // want key=null
	_, _ = client.BoolVariation(flags.DarkMode, ctx, true)             // want key="dark-mode" fallback=true
	_, _ = client.IntVariation(fl.DarkMode, ctx, fl.PageSizeDefault)   // want key="dark-mode" fallback=25 fallbackFile=internal/flags/keys.go
	_, _ = client.BoolVariation(flags.Staging, ctx, false)             // want key=null keyExpr=flags.Staging
	_, _ = client.BoolVariation(other.DarkMode, ctx, false)            // want key=null keyExpr=other.DarkMode
}
