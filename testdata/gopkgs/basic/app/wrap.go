package app

import (
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	ld "github.com/launchdarkly/go-server-sdk/v7"

	"example.com/basic/flags"
)

// Wrappers declared in the test's config.

var fallbacks = map[string]bool{}

func variationWithFallback(c *ld.LDClient, key string, user ldcontext.Context) bool {
	v, _ := c.BoolVariation(key, user, fallbacks[key]) // want `BoolVariation key=nil expr=key fallback=dynamic(fallbacks[key]) type=bool`
	return v
}

type flagger struct{ c *ld.LDClient }

func (f flagger) flagOr(key string, def bool) bool {
	v, _ := f.c.BoolVariation(key, ldcontext.New("x"), def) // want `BoolVariation key=nil expr=key fallback=dynamic(def) type=bool`
	return v
}

func useWrappers(c *ld.LDClient, user ldcontext.Context) {
	variationWithFallback(c, "wrapped", user)         // want `variationWithFallback key="wrapped" fallback=config type=bool`
	variationWithFallback(c, flags.NewCheckout, user) // want `variationWithFallback key="new-checkout" expr=flags.NewCheckout fallback=config type=bool`
	flagger{c}.flagOr("wrapped-or", true)             // want `flagOr key="wrapped-or" fallback=true type=bool span=true`
	g := flagger{c}.flagOr
	g("method-value", true) // a method value: not matched by name
}
