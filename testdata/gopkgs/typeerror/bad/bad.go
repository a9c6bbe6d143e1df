// Package bad has a type error: its files are left to tree-sitter.
package bad

import (
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	ld "github.com/launchdarkly/go-server-sdk/v7"
)

var broken int = "not an int"

// Eval is not reported by the type-checked path.
func Eval(c *ld.LDClient) bool {
	v, _ := c.BoolVariation("bad-flag", ldcontext.New("u"), false)
	return v
}
