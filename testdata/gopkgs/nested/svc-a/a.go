// Package a is one module of a repository with several.
package a

import (
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	ld "github.com/launchdarkly/go-server-sdk/v7"
)

func eval(c *ld.LDClient) {
	c.StringVariation("svc-a", ldcontext.New("u"), "a") // want `StringVariation key="svc-a" fallback="a" type=string span="a"`
}
