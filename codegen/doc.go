// Package codegen turns a set of flag fallbacks (flag key → JSON value, as in
// fallback-config.json) into source code that applications import instead of
// repeating fallback literals at every call site.
//
// In: the fallbacks and Options (package, class). Out: one formatted source
// file per language holding a typed constant per flag, a map of key →
// fallback, and the guide's variationWithFallback wrapper written against that
// language's LaunchDarkly SDK. Identifiers are derived from flag keys so that
// any key yields a legal, ASCII-only name; two keys that would share a name
// are an error naming both. Output is deterministic: same input, same bytes.
package codegen
