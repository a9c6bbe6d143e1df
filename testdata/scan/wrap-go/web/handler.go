package web

import (
	"example.com/shop/flags"
)

// newCheckout is the checkout flag's key, as this package names it.
const newCheckout = "new-checkout"

// Handler serves the checkout.
type Handler struct {
	flags *flags.Client
	cache *Cache
}

func (h *Handler) Serve() bool {
	on := h.flags.Bool(newCheckout, false) // want key="new-checkout" fallback=false type=bool
	n := h.flags.Int("max-items")          // want key="max-items" fallback=25
	// A cache's Bool: not the wrapper.
	c := h.cache.Bool("new-checkout", true)
	return on && n > 0 && c
}

// Cache is an unrelated type with a Bool method.
type Cache struct{ m map[string]bool }

// Bool looks a cached value up.
func (c *Cache) Bool(name string, fallback bool) bool {
	if v, ok := c.m[name]; ok {
		return v
	}
	return fallback
}
