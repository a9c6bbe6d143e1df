// Package scanner owns finding flag evaluation calls in a source tree: it
// walks the tree in parallel (honouring .gitignore and excludes), pre-filters
// files with a byte search, parses candidates with tree-sitter (Go with
// go/packages when the module loads) and extracts, for every call shape
// declared in package languages or in the user's config, the flag key, the
// fallback literal and the expected type. Keys and fallbacks held in
// constants are resolved in the file, its imports (languages.Modules), its
// directory and, for Type.member, the type's file (resolve.go).
//
// Stages, one file (or group) each; scan.go only orchestrates them:
//
//	walk.go                  files of the roots (.gitignore, excludes) → job
//	prefilter.go, file.go    read, skip, byte pre-filter → candidate source
//	extract.go, matcher.go,  parse and extract per language, from languages/
//	args.go, constants.go,   data → fileOut (calls, pending names, constants)
//	definitions.go, ignore.go
//	resolve.go, modules.go   symbols across files: pending names → values
//	goanalysis.go            typed Go analysis (scanner/golang) for Go files
//	collect.go               → Result: calls sorted, paths as shown
//
// In: root paths, languages, config. Out: []Call sorted by file, line, column,
// plus per-file problems and skip counts.
package scanner
