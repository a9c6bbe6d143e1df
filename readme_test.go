package main

import (
	"os"
	"strings"
	"testing"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/payload"
	"github.com/ldfallback/ldfallback/policy"
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

// TestReadmePolicyParses keeps the README's policy example true: it loads,
// the guide's convention is its first rule, and it decides on the demo payload.
func TestReadmePolicyParses(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "## Fallback policy as code")
	if !ok {
		t.Fatal("README has no policy section")
	}
	_, block, ok := strings.Cut(section, "```yaml\n")
	if !ok {
		t.Fatal("policy section has no yaml block")
	}
	block, _, _ = strings.Cut(block, "```")
	cfg, err := config.Parse([]byte(block))
	if err != nil {
		t.Fatalf("README policy example does not parse: %v", err)
	}
	if len(cfg.Policy.Rules) != 3 || cfg.Policy.Rules[0].Match != "release-*" || cfg.Policy.Rules[0].Strategy != policy.FailClosed || len(cfg.Policy.Flags) != 3 {
		t.Fatalf("README policy example lost entries: %+v", cfg.Policy)
	}
	data, err := os.ReadFile("testdata/demo/flags.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := payload.ParseLean(data, "demo")
	if err != nil {
		t.Fatal(err)
	}
	ds, _, err := cfg.Policy.Decide(policy.Input{Result: fallback.Resolve(p), Payload: p})
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := ds.Get("release-widget"); d.Strategy != policy.FailClosed || d.Value.JSONString() != "false" {
		t.Errorf("release-widget: %+v", d)
	}
}
