// Package fix rewrites stale fallback literals in place (ldfallback check --fix).
//
// In: the stale-fallback findings of check and the scanner's calls (which
// carry each literal's byte span). Plan pairs them into Edits and lists what
// it will not touch (type mismatches, dynamic and implicit fallbacks, values
// in fallback-config.json, literals with no span). Apply rewrites each span
// to the recommended value in the language's own literal syntax (table in
// literal.go), after checking that the span still holds the old value, and
// keeps every other byte. A rewritten file must still parse with the
// language's tree-sitter grammar, and is written atomically (temp file in the
// same directory, then rename, mode kept). With diffOnly, Apply prints a
// unified diff instead of writing.
package fix
