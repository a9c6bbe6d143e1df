// Package languages owns the knowledge of how each language's LaunchDarkly
// and OpenFeature SDKs evaluate flags, as data: one declaration per language
// (file extensions, tree-sitter grammar, comment syntax, the imports that
// identify each SDK, and rows of call shapes citing the SDK source). User
// wrappers from the config file are rows of the same Shape type, loaded by
// the same code.
package languages
