package jobs

import (
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	ld "github.com/launchdarkly/go-server-sdk/v7"
)

func run(client *ld.LDClient, ctx ldcontext.Context, keys []string) {
	check := func(key string) bool {
		v, _ := client.BoolVariation(key, ctx, false) // want key=null keyExpr=key fallback=false
		return v
	}
	for _, k := range keys {
		check(k)
	}
	v, _ := client.BoolVariation(key, ctx, true) // want key="package-level-key" fallback=true
	_ = v
	local := func() bool {
		key := "inner-key"
		v, _ := client.BoolVariation(key, ctx, false) // want key="inner-key" fallback=false
		return v
	}
	_ = local
}
