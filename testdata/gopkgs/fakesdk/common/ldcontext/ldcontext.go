// Package ldcontext is a test stand-in for the real ldcontext.
package ldcontext

// Context is an evaluation context.
type Context struct{ key string }

// New makes a context with a key.
func New(key string) Context { return Context{key: key} }
