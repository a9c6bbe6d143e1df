package d

import ld "github.com/launchdarkly/go-server-sdk/v7"

func F(c *ld.LDClient, x bool) bool {
	d := false
	if x {
		d = true
	}
	v, _ := c.BoolVariation("go-flag", ctx, d) // want key="go-flag" dynamic
	return v
}

func G(c *ld.LDClient) bool {
	e := true
	v, _ := c.BoolVariation("go-flag2", ctx, e) // want key="go-flag2" fallback=true
	return v
}

func H(c *ld.LDClient) int {
	limit := 10
	limit++
	v, _ := c.IntVariation("go-limit", ctx, limit) // want key="go-limit" dynamic
	return v
}
