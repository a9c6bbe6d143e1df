// Package flags wraps the LaunchDarkly Go server SDK for the shop.
package flags

import (
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	ld "github.com/launchdarkly/go-server-sdk/v7"
)

// Keys of the shop's flags.
const (
	NewCheckout = "new-checkout"
	MaxItems    = "max-items"
)

// Client evaluates flags for the shop.
type Client struct {
	ld  *ld.LDClient
	ctx ldcontext.Context
}

// Bool evaluates a boolean flag.
func (c *Client) Bool(key string, fallback bool) bool {
	v, _ := c.ld.BoolVariation(key, c.ctx, fallback) // want key=null dynamic
	return v
}

// Int evaluates a number flag with the default fixed here.
func (c *Client) Int(key string) int {
	v, _ := c.ld.IntVariation(key, c.ctx, 25) // want key=null fallback=25
	return v
}
