package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSDKKeyVar(t *testing.T) {
	for name, want := range map[string]string{
		"production": "LD_SDK_KEY_PRODUCTION",
		"staging-eu": "LD_SDK_KEY_STAGING_EU",
		"qa.2":       "LD_SDK_KEY_QA_2",
		"My_Env":     "LD_SDK_KEY_MY_ENV",
	} {
		if got := sdkKeyVar(name); got != want {
			t.Errorf("sdkKeyVar(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestParsePayloadArg(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	existing := "prod=dump.json"
	if err := os.WriteFile(filepath.Join(dir, existing), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		arg, name, file string
	}{
		{"flags.json", "", "flags.json"},
		{"-", "", "-"},
		{"production=flags.json", "production", "flags.json"},
		{"staging-eu=dir/a=b.json", "staging-eu", "dir/a=b.json"},
		// An existing file wins over NAME=FILE.
		{existing, "", existing},
		// Not a valid name before '=': a bare file (its error names it whole).
		{"a b=flags.json", "", "a b=flags.json"},
		{"=flags.json", "", "=flags.json"},
		{"prod=", "", "prod="},
	}
	for _, tt := range tests {
		name, file := parsePayloadArg(tt.arg)
		if name != tt.name || file != tt.file {
			t.Errorf("parsePayloadArg(%q) = %q, %q; want %q, %q", tt.arg, name, file, tt.name, tt.file)
		}
	}
}
