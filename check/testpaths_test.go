package check

import (
	"testing"

	"github.com/ldfallback/ldfallback/config"
)

func TestTestPaths(t *testing.T) {
	for _, tc := range []struct {
		file string
		test bool
	}{
		{"flags_test.go", true},
		{"internal/flags/flags_test.go", true},
		{"internal/flags/flags.go", false},
		{"internal/testing.go", false},
		{"test/flags.js", true},
		{"pkg/tests/test_flags.py", true},
		{"app/tests.py", false},
		{"app/test_flags.py", true},
		{"web/src/__tests__/Flags.tsx", true},
		{"web/src/flags.spec.ts", true},
		{"web/src/flags.test.js", true},
		{"web/src/flags.ts", false},
		{"web/src/contest.ts", false},
		{"spec/models/flag_spec.rb", true},
		{"app/models/flag.rb", false},
		{"src/test/java/com/acme/FlagsTest.java", true},
		{"src/main/java/com/acme/Flags.java", false},
		{"src/main/java/com/acme/LatestFlags.java", false},
		{"Acme.Tests/FlagServiceTests.cs", true},
		{"Acme/FlagService.cs", false},
		{"app/src/androidTest/java/FlagsTest.kt", true},
	} {
		if got := isTestPath(tc.file); got != tc.test {
			t.Errorf("isTestPath(%q) = %v, want %v", tc.file, got, tc.test)
		}
	}
}

// TestTestPathSeverity: a finding in a test file is a note by default, and
// a config override naming the path wins over that.
func TestTestPathSeverity(t *testing.T) {
	s := newSeverities(nil)
	if got := s.of(KindStaleFallback, "pkg/flags_test.go"); got != SeverityNote {
		t.Errorf("test file: %s, want note", got)
	}
	if got := s.of(KindStaleFallback, "pkg/flags.go"); got != SeverityError {
		t.Errorf("source file: %s, want error", got)
	}
	if got := newSeverities(&config.Config{Severity: map[string]string{"dynamic-key": "off"}}).of(KindDynamicKey, "a_test.go"); got != SeverityOff {
		t.Errorf("off stays off in tests: %s", got)
	}
	s = newSeverities(&config.Config{Overrides: []config.Override{{Paths: []string{"**/*_test.go"}, Severity: map[string]string{"stale-fallback": "error"}}}})
	if got := s.of(KindStaleFallback, "pkg/flags_test.go"); got != SeverityError {
		t.Errorf("override: %s, want error", got)
	}
}
