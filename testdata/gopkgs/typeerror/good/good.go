// Package good type-checks: its calls are handled here.
package good

import (
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	ld "github.com/launchdarkly/go-server-sdk/v7"
)

// Key is used by the broken package too.
const Key = "good-flag"

func eval(c *ld.LDClient) {
	c.BoolVariation(Key, ldcontext.New("u"), true) // want `BoolVariation key="good-flag" expr=Key fallback=true type=bool span=true`
}
