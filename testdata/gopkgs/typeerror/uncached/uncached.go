// Package uncached imports a module that go.mod requires but the module
// cache does not hold (a CI job that never ran go mod download): offline
// loading cannot type-check it.
package uncached

import "example.com/notcached/ld"

func eval() bool {
	return ld.Client().BoolVariation("uncached", nil, true)
}
