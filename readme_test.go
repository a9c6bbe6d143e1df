package main

import (
	"os"
	"strings"
	"testing"

	"github.com/ldfallback/ldfallback/config"
)

// TestReadmeConfigParses keeps the README's config reference true: its
// example must load with the real config parser.
func TestReadmeConfigParses(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "## Config file")
	if !ok {
		t.Fatal("README has no config file section")
	}
	_, block, ok := strings.Cut(section, "```yaml\n")
	if !ok {
		t.Fatal("config section has no yaml block")
	}
	block, _, _ = strings.Cut(block, "```")
	cfg, err := config.Parse([]byte(block))
	if err != nil {
		t.Fatalf("README config example does not parse: %v", err)
	}
	if len(cfg.Wrappers) < 2 || len(cfg.Definitions) < 2 || len(cfg.Overrides) != 1 {
		t.Fatalf("README config example lost entries: %+v", cfg)
	}
}
