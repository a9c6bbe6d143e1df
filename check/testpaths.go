package check

import (
	ignore "github.com/sabhiram/go-gitignore"
)

// Test files are scanned (a test can call the application's real wrapper),
// but what they evaluate is a test's business: a stale fallback in a test
// must not fail CI. TestPaths are the test-file conventions of the scanned
// languages, in .gitignore syntax; a finding in a file they match is at most
// a note, unless an override of the config names the path (overrides come
// after this rule, so `overrides: [{paths: ["**/*_test.go"], severity:
// {stale-fallback: error}}]` restores it).
var TestPaths = []string{
	// directories
	"test/", "tests/", "__tests__/", "__mocks__/", "spec/", "specs/", "src/test/",
	"androidTest/", "*.Tests/", "*.Test/", "*.UnitTests/", "*.IntegrationTests/",
	// Go, Python, Ruby, Elixir, C/C++, Rust
	"*_test.go", "test_*.py", "*_test.py", "conftest.py", "*_spec.rb", "*_test.rb", "*_test.exs",
	"*_test.c", "*_test.cc", "*_test.cpp",
	// JavaScript/TypeScript (and .jsx, .tsx, .mjs, .cjs, .vue, .svelte)
	"*.test.*", "*.spec.*", "*.e2e.*", "*.stories.*", "cypress/", "e2e/",
	// Java, Kotlin, C#, PHP, Swift
	"*Test.java", "*Tests.java", "*IT.java", "*Test.kt", "*Tests.kt", "*Test.cs", "*Tests.cs",
	"*Test.php", "*Tests.swift", "*Test.swift",
}

var testPaths = ignore.CompileIgnoreLines(TestPaths...)

// isTestPath reports whether a root-relative path (with '/') is a test file.
func isTestPath(file string) bool {
	return file != "" && testPaths.MatchesPath(file)
}
