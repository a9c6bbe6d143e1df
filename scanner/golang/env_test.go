package golang

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChildEnvHasNoKey: the go command (and the compile, cgo and gcc it
// runs on the scanned module) does not inherit the SDK key or API token. A
// fake go on PATH records the environment it was given.
func TestChildEnvHasNoKey(t *testing.T) {
	bin := t.TempDir()
	record := filepath.Join(t.TempDir(), "env")
	fake := "#!/bin/sh\nenv > " + record + "\nexit 1\n"
	if err := os.WriteFile(filepath.Join(bin, "go"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("LD_SDK_KEY", "sdk-secret-in-the-environment")
	t.Setenv("LD_API_TOKEN", "api-secret-in-the-environment")
	t.Setenv("LDFALLBACK_TEST_KEEP", "kept")
	mod := t.TempDir()
	os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/m\n\ngo 1.21\n"), 0o644)
	os.WriteFile(filepath.Join(mod, "main.go"), []byte("package main\n"), 0o644)
	AnalyzeWith(context.Background(), mod, nil, Options{Env: []string{"LD_SDK_KEY=sdk-secret-from-options"}})
	env, err := os.ReadFile(record)
	if err != nil {
		t.Fatalf("the fake go was not run: %v", err)
	}
	if strings.Contains(string(env), "secret") {
		t.Errorf("the go command got a credential:\n%s", env)
	}
	if !strings.Contains(string(env), "LDFALLBACK_TEST_KEEP=kept") {
		t.Errorf("the rest of the environment was not passed on")
	}
}
