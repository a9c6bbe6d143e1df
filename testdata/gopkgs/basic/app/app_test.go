package app

import (
	"testing"

	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	ld "github.com/launchdarkly/go-server-sdk/v7"
)

func TestFlag(t *testing.T) {
	var c *ld.LDClient
	if false {
		c.BoolVariation("in-test", ldcontext.New("t"), true) // want `BoolVariation key="in-test" fallback=true type=bool span=true`
	}
}
