// Package util holds no flag evaluation and is imported by no package that
// does: it is never type-checked, so not handled.
package util

import "context"

// Get reads a context value.
func Get(ctx context.Context) any { return ctx.Value("k") }
