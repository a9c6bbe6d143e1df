// Package missing imports a module that is neither required nor cached.
package missing

import (
	"example.com/nowhere/ldwrap"
)

func eval() bool {
	return ldwrap.Client().BoolVariation("missing-dep", nil, true)
}
