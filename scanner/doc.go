// Package scanner owns finding flag evaluation calls in a source tree: it
// walks the tree in parallel (honouring .gitignore and excludes), pre-filters
// files with a byte search, parses candidates with tree-sitter (Go with
// go/packages when the module loads) and extracts, for every call shape
// declared in package languages or in the user's config, the flag key, the
// fallback literal and the expected type. Keys and fallbacks held in
// constants are resolved in the file, its imports (languages.Modules), its
// directory and, for Type.member, the type's file (resolve.go).
//
// In: root paths, languages, config. Out: []Call sorted by file, line, column,
// plus per-file problems and skip counts.
package scanner
