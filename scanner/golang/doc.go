// Package golang is the type-checked Go path of the scanner.
//
// It loads the Go module(s) under a root with golang.org/x/tools/go/packages
// and finds flag evaluations by what the callee really is (its *types.Func
// and the package that declares it), not by its name: a BoolVariation method
// on another vendor's type is not a call, and flag keys and fallbacks given
// as constants fold across the packages of the module.
//
// In: a root directory and the user's config (wrappers, excludes).
// Out: the calls found, the set of files it handled (loaded and type-checked
// cleanly), and per-package problems. Files it did not handle are left to the
// tree-sitter scanner, so a module that does not load, or a package with type
// errors, is still scanned, just less precisely.
//
// Loading never touches the network: GOPROXY=off, -mod=readonly (or vendor),
// GOTOOLCHAIN=local.
package golang
