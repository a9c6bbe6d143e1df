// Package usesbad is clean but imports a broken package: not handled either.
package usesbad

import (
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	ld "github.com/launchdarkly/go-server-sdk/v7"

	"example.com/typeerror/bad"
)

func eval(c *ld.LDClient) bool {
	v, _ := c.BoolVariation("uses-bad", ldcontext.New("u"), bad.Eval(c))
	return v
}
