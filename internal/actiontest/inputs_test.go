package actiontest

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// cliMapping says which CLI flag (and env variable) each action input
// becomes, so that an input cannot drift away from the tool it drives.
// A new input fails TestInputsMapToCLI until it is added here.
var cliMapping = map[string]struct {
	command, flag, env string
	note               string // why an input has no flag
}{
	"sdk-key":           {command: "check", flag: "--sdk-key", env: "LD_SDK_KEY"},
	"base-uri":          {command: "check", flag: "--base-uri", env: "LD_BASE_URI"},
	"payload":           {command: "check", flag: "--payload"},
	"paths":             {command: "check", flag: "[PATH...]"},
	"config":            {command: "check", flag: "--config"},
	"fallback-config":   {command: "check", flag: "--fallback-config"},
	"fail-on":           {command: "check", flag: "--fail-on"},
	"sarif-file":        {command: "check", flag: "--sarif"},
	"generate-check":    {command: "generate", flag: "--check"},
	"version":           {note: "selects the ldfallback release the install step downloads"},
	"install":           {note: "how the install step gets the binary"},
	"download-url":      {note: "where the install step downloads releases from"},
	"binary":            {note: "a binary already on the runner, used as is"},
	"only-changed":      {command: "check", flag: "--new-from-rev"},
	"comment":           {note: "the pull request comment step"},
	"suggest":           {command: "check", flag: "--github-review"},
	"github-token":      {note: "the token of the pull request comment and review steps"},
	"working-directory": {note: "the directory the steps run in"},
}

func TestInputsMapToCLI(t *testing.T) {
	a, err := LoadAction(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range a.Inputs {
		if strings.TrimSpace(in.Description) == "" {
			t.Errorf("input %s has no description", name)
		}
		if !regexp.MustCompile(`inputs\.` + regexp.QuoteMeta(name) + `\b`).Match(raw) {
			t.Errorf("input %s is declared but never used", name)
		}
		if _, ok := cliMapping[name]; !ok {
			t.Errorf("input %s is not in cliMapping: say which CLI flag it drives", name)
		}
	}
	for name := range cliMapping {
		if _, ok := a.Inputs[name]; !ok {
			t.Errorf("cliMapping lists %s, which action.yml does not declare", name)
		}
	}
	cli := needCLI(t)
	help := map[string]string{}
	for name, m := range cliMapping {
		if m.command == "" {
			continue
		}
		if _, ok := help[m.command]; !ok {
			out, err := exec.Command(cli, m.command, "--help").CombinedOutput()
			if err != nil {
				t.Fatalf("ldfallback %s --help: %v\n%s", m.command, err, out)
			}
			help[m.command] = string(out)
		}
		if !strings.Contains(help[m.command], m.flag) {
			t.Errorf("input %s maps to %s %s, which ldfallback %s --help does not list", name, m.command, m.flag, m.command)
		}
		if m.env != "" && !strings.Contains(help[m.command], "$"+m.env) {
			t.Errorf("input %s maps to env %s, which ldfallback %s --help does not list", name, m.env, m.command)
		}
		// The action passes the flag (or sets the variable) somewhere.
		if m.flag != "[PATH...]" && !strings.Contains(string(raw), m.flag) && (m.env == "" || !strings.Contains(string(raw), m.env)) {
			t.Errorf("input %s: action.yml never passes %s", name, m.flag)
		}
	}
}

// readmeInputs returns the first cell of every row of the README table whose
// header's first cell is "Input" (the action inputs table), or nil.
func readmeInputs(readme string) []string {
	lines := strings.Split(readme, "\n")
	header := regexp.MustCompile(`(?i)^\|\s*input\s*\|`)
	cell := regexp.MustCompile("^\\|\\s*`?([A-Za-z0-9_-]+)`?\\s*\\|")
	for i, l := range lines {
		if !header.MatchString(strings.TrimSpace(l)) {
			continue
		}
		var names []string
		for _, row := range lines[i+2:] {
			row = strings.TrimSpace(row)
			if !strings.HasPrefix(row, "|") {
				break
			}
			if m := cell.FindStringSubmatch(row); m != nil {
				names = append(names, m[1])
			}
		}
		return names
	}
	return nil
}

func TestReadmeDocumentsInputs(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Skipf("no README.md yet: %v", err)
	}
	documented := readmeInputs(string(data))
	if documented == nil {
		t.Skip("README.md has no action inputs table yet (a table whose first header cell is \"Input\")")
	}
	a, err := LoadAction(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, n := range documented {
		seen[n] = true
		if _, ok := a.Inputs[n]; !ok {
			t.Errorf("README documents input %s, which action.yml does not declare", n)
		}
	}
	var missing []string
	for n := range a.Inputs {
		if !seen[n] {
			missing = append(missing, n)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("README's inputs table lacks: %s", strings.Join(missing, ", "))
	}
}

func TestReadmeInputsParser(t *testing.T) {
	md := "text\n\n| Input | Default | Description |\n|---|---|---|\n| `sdk-key` | | key |\n| fail-on | `error` | x |\n\nafter\n| `other` | x |\n"
	got := strings.Join(readmeInputs(md), ",")
	if got != "sdk-key,fail-on" {
		t.Errorf("readmeInputs = %q", got)
	}
	if readmeInputs("| Flag | Env |\n|---|---|\n| `--sdk-key` | x |\n") != nil {
		t.Error("a table that is not the inputs table was read as one")
	}
}
