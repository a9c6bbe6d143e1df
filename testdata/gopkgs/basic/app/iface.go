package app

import (
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	"github.com/launchdarkly/go-server-sdk/v7/interfaces"
)

// FlagClient is the application's own mockable client: its signature takes an
// ldcontext.Context, so calls through it are LaunchDarkly evaluations.
type FlagClient interface {
	BoolVariation(key string, context ldcontext.Context, defaultVal bool) (bool, error)
}

func viaInterfaces(c interfaces.LDClientInterface, fc FlagClient, user ldcontext.Context) {
	c.BoolVariation("iface-flag", user, true)  // want `BoolVariation key="iface-flag" fallback=true type=bool span=true`
	c.IntVariationDetail("iface-int", user, 2) // want `IntVariationDetail key="iface-int" fallback=2 type=number span=2`
	fc.BoolVariation("own-iface", user, false) // want `BoolVariation key="own-iface" fallback=false type=bool span=false`
}
