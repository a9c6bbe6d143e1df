// Package inner is in a second module.
package inner

import (
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	ld "github.com/launchdarkly/go-server-sdk/v7"
)

func eval(c *ld.LDClient) {
	c.IntVariation("svc-b", ldcontext.New("u"), 2) // want `IntVariation key="svc-b" fallback=2 type=number span=2`
}
