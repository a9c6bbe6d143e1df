package actiontest

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

const sdkKey = "sdk-test-5e3b1c9a-7f42-4d8e-secret"

var (
	repoRoot, _ = filepath.Abs("../..")
	buildOnce   sync.Once
	buildErr    string
	cliPath     string
)

// needCLI builds the CLI once. While the command-line tool does not build
// (it is written in parallel with this test), the action tests skip.
func needCLI(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("short mode: the action test builds the CLI")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ldfallback-actiontest")
		if err != nil {
			buildErr = err.Error()
			return
		}
		cliPath = filepath.Join(dir, "ldfallback")
		// The same command as action.yml, so the action's own build hits the cache.
		cmd := exec.Command("go", "build", "-o", cliPath, ".")
		cmd.Dir = repoRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = strings.TrimSpace(string(out))
		}
	})
	if buildErr != "" {
		t.Skipf("the ldfallback CLI does not build yet, skipping the action test:\n%s", buildErr)
	}
	return cliPath
}

// payloadServer serves testdata/action/repo/payload.json at /sdk/latest-all
// to requests carrying the SDK key, and 401 to others.
func payloadServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	payload, err := os.ReadFile("../../testdata/action/repo/payload.json")
	if err != nil {
		t.Fatal(err)
	}
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("Authorization") != sdkKey {
			http.Error(w, `{"message":"invalid SDK key"}`, http.StatusUnauthorized)
			return
		}
		if r.URL.Path != "/sdk/latest-all" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(payload)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// baseEnv is the test's environment without anything a runner or the user's
// shell would set for the tool, so only the action decides those.
func baseEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GITHUB_") || strings.HasPrefix(k, "RUNNER_") || strings.HasPrefix(k, "LD_") || strings.HasPrefix(k, "LDFALLBACK") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

func newRunner(t *testing.T) *Runner {
	t.Helper()
	a, err := LoadAction(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	ws := t.TempDir()
	copyTree(t, "../../testdata/action/repo", ws)
	return &Runner{Action: a, ActionPath: repoRoot, Workspace: ws, Temp: t.TempDir(), BaseEnv: baseEnv()}
}

// goShim is put first on PATH for the scenario tests: "go build -o OUT ."
// run in the action's directory copies the CLI needCLI built (one real build
// per test run, and immune to a tree being edited meanwhile); anything else
// fails. TestActionOfflinePayload runs the install step with the real go.
const goShim = `#!/bin/sh
if [ "$1" = build ] && [ "$2" = -o ] && [ "$4" = . ] && [ "$#" -eq 4 ] && [ "$(pwd -P)" = "$LDFALLBACK_TEST_ACTION_PATH" ]; then
  exec cp "$LDFALLBACK_TEST_CLI" "$3"
fi
echo "go shim: unexpected go $* in $(pwd)" >&2
exit 97
`

func newShimmedRunner(t *testing.T) *Runner {
	t.Helper()
	cli := needCLI(t)
	r := newRunner(t)
	shim := t.TempDir()
	if err := os.WriteFile(filepath.Join(shim, "go"), []byte(goShim), 0o755); err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(repoRoot)
	for i, kv := range r.BaseEnv {
		if strings.HasPrefix(kv, "PATH=") {
			r.BaseEnv[i] = "PATH=" + shim + string(os.PathListSeparator) + strings.TrimPrefix(kv, "PATH=")
		}
	}
	r.BaseEnv = append(r.BaseEnv, "LDFALLBACK_TEST_CLI="+cli, "LDFALLBACK_TEST_ACTION_PATH="+real)
	return r
}

var annotationRE = regexp.MustCompile(`(?m)^::(error|warning|notice) (?:[^:]*)::.*$`)

// assertNoSecret checks that the SDK key appears nowhere the run left a
// trace — logs, summary, outputs, env, files — except the add-mask command.
func assertNoSecret(t *testing.T, r *Runner, run *Run) {
	t.Helper()
	stdout := strings.ReplaceAll(run.Stdout.String(), "::add-mask::"+sdkKey+"\n", "")
	texts := map[string]string{"stdout": stdout, "stderr": run.Stderr.String(), "summary": run.Summary}
	for k, v := range run.Outputs {
		texts["output "+k] = v
	}
	for k, v := range run.Env {
		texts["env "+k] = v
	}
	for _, root := range []string{r.Workspace, r.Temp} {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Base(path) == "ldfallback" {
				return nil
			}
			data, _ := os.ReadFile(path)
			texts[path] = string(data)
			return nil
		})
	}
	for where, text := range texts {
		if strings.Contains(text, sdkKey) {
			t.Errorf("the SDK key leaked into %s", where)
		}
	}
	if !strings.Contains(run.Stdout.String(), "::add-mask::"+sdkKey) {
		t.Error("the SDK key was not masked (no ::add-mask:: line)")
	}
}

func readSARIF(t *testing.T, path string) map[string]any {
	t.Helper()
	if !filepath.IsAbs(path) {
		t.Fatalf("sarif-file output %q is not absolute", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("sarif-file output: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	if doc["version"] != "2.1.0" {
		t.Errorf("SARIF version %v, want 2.1.0", doc["version"])
	}
	return doc
}

func sarifRuleIDs(doc map[string]any) []string {
	var ids []string
	runs, _ := doc["runs"].([]any)
	for _, r := range runs {
		results, _ := r.(map[string]any)["results"].([]any)
		for _, res := range results {
			if id, ok := res.(map[string]any)["ruleId"].(string); ok {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

func TestActionStaleFallback(t *testing.T) {
	srv, hits := payloadServer(t)
	for _, tc := range []struct {
		name     string
		failOn   string
		wantFail bool
		wantCode string // the exit-code output (ldfallback check's own)
	}{
		{"fail-on error fails the job", "error", true, "1"},
		{"fail-on warning fails the job", "warning", true, "1"},
		{"fail-on never passes but annotates", "never", false, "0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newShimmedRunner(t)
			run, err := r.Exec(map[string]string{"sdk-key": sdkKey, "base-uri": srv.URL, "fail-on": tc.failOn})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("stdout:\n%s\nstderr:\n%s", run.Stdout.String(), run.Stderr.String())
			if got := run.Failed != ""; got != tc.wantFail {
				t.Errorf("job failed = %v (step %q, code %d), want %v", got, run.Failed, run.ExitCode, tc.wantFail)
			}
			if tc.wantFail && (run.Failed != "Verdict" || run.ExitCode != 1) {
				t.Errorf("failed in step %q with code %d, want Verdict with 1", run.Failed, run.ExitCode)
			}
			if run.Outputs["exit-code"] != tc.wantCode {
				t.Errorf("exit-code output %q, want %q", run.Outputs["exit-code"], tc.wantCode)
			}
			var stale []string
			for _, a := range annotationRE.FindAllString(run.Stdout.String(), -1) {
				if strings.Contains(a, "app.js") && strings.Contains(a, "new-checkout-flow") {
					stale = append(stale, a)
				}
			}
			if len(stale) != 1 {
				t.Errorf("want one annotation on app.js for new-checkout-flow, got %q", stale)
			} else if !strings.HasPrefix(stale[0], "::error ") || !strings.Contains(stale[0], "line=6") {
				t.Errorf("annotation %q: want ::error at line=6", stale[0])
			}
			if strings.Contains(run.Stdout.String(), "ok.js") {
				t.Error("clean/ok.js was annotated, but its fallbacks are right")
			}
			if !strings.Contains(run.Summary, "new-checkout-flow") {
				t.Errorf("job summary does not name the stale flag:\n%s", run.Summary)
			}
			doc := readSARIF(t, run.Outputs["sarif-file"])
			if ids := sarifRuleIDs(doc); len(ids) != 1 || !strings.Contains(ids[0], "stale-fallback") {
				t.Errorf("SARIF results %q, want one stale-fallback", ids)
			}
			if dir := filepath.Dir(run.Outputs["sarif-file"]); dir != r.Workspace {
				t.Errorf("SARIF written to %s, want the workspace %s", dir, r.Workspace)
			}
			if hits.Load() == 0 {
				t.Error("the payload server was never asked")
			}
			assertNoSecret(t, r, run)
		})
	}
}

func TestActionBadKeyFailsWithFetchError(t *testing.T) {
	srv, _ := payloadServer(t)
	r := newShimmedRunner(t)
	wrong := sdkKey + "-wrong"
	run, err := r.Exec(map[string]string{"sdk-key": wrong, "base-uri": srv.URL, "fail-on": "never"})
	if err != nil {
		t.Fatal(err)
	}
	if run.Failed != "Verdict" || run.ExitCode != 3 {
		t.Errorf("failed in %q with %d, want Verdict with 3 (fetch error fails even with fail-on never)\n%s%s", run.Failed, run.ExitCode, run.Stdout.String(), run.Stderr.String())
	}
	if run.Outputs["exit-code"] != "3" {
		t.Errorf("exit-code output %q, want 3", run.Outputs["exit-code"])
	}
	for where, text := range map[string]string{"stdout": strings.ReplaceAll(run.Stdout.String(), "::add-mask::"+wrong, ""), "stderr": run.Stderr.String(), "summary": run.Summary} {
		if strings.Contains(text, wrong) {
			t.Errorf("the SDK key leaked into %s", where)
		}
	}
}

func TestActionGenerateCheck(t *testing.T) {
	srv, _ := payloadServer(t)
	for _, tc := range []struct {
		name      string
		fresh     bool
		failOn    string
		wantFail  bool
		wantDrift string
	}{
		{"stale config fails", false, "error", true, "true"},
		{"stale config with fail-on never passes", false, "never", false, "true"},
		{"fresh config passes", true, "error", false, "false"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newShimmedRunner(t)
			if tc.fresh {
				fresh := "{\n  \"banner-text\": \"hello\",\n  \"new-checkout-flow\": false\n}\n"
				if err := os.WriteFile(filepath.Join(r.Workspace, "fallback-config.json"), []byte(fresh), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := os.ReadFile(filepath.Join(r.Workspace, "fallback-config.json"))
			run, err := r.Exec(map[string]string{
				"sdk-key": sdkKey, "base-uri": srv.URL, "paths": "clean", "generate-check": "true", "fail-on": tc.failOn,
			})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("stdout:\n%s\nstderr:\n%s", run.Stdout.String(), run.Stderr.String())
			if got := run.Failed != ""; got != tc.wantFail {
				t.Errorf("job failed = %v (step %q, code %d), want %v", got, run.Failed, run.ExitCode, tc.wantFail)
			}
			if run.Outputs["exit-code"] != "0" {
				t.Errorf("check of clean/ gave exit-code %q, want 0", run.Outputs["exit-code"])
			}
			if run.Outputs["drift"] != tc.wantDrift {
				t.Errorf("drift output %q, want %q", run.Outputs["drift"], tc.wantDrift)
			}
			if tc.wantDrift == "true" {
				if !strings.Contains(run.Stdout.String(), "::error file=fallback-config.json") {
					t.Error("no annotation on fallback-config.json")
				}
				if !strings.Contains(run.Summary, "out of date") {
					t.Errorf("summary does not say the config is out of date:\n%s", run.Summary)
				}
				if !strings.Contains(run.Stderr.String()+run.Stdout.String(), "new-checkout-flow") {
					t.Error("the drift report does not name the changed flag")
				}
			}
			after, _ := os.ReadFile(filepath.Join(r.Workspace, "fallback-config.json"))
			if !bytes.Equal(before, after) {
				t.Error("generate --check modified fallback-config.json")
			}
			assertNoSecret(t, r, run)
		})
	}
}

// TestActionGenerateCheckReadsConfig: the drift check computes what generate
// writes under the config input's policy. Before, the step ignored the input,
// so a committed file written with the policy was reported out of date.
func TestActionGenerateCheckReadsConfig(t *testing.T) {
	srv, _ := payloadServer(t)
	r := newShimmedRunner(t)
	if err := os.MkdirAll(filepath.Join(r.Workspace, "ci"), 0o755); err != nil {
		t.Fatal(err)
	}
	policy := "policy:\n  flags:\n    new-checkout-flow: {strategy: fail-open, rationale: \"the old flow is gone\"}\n"
	if err := os.WriteFile(filepath.Join(r.Workspace, "ci", "ldfallback.yaml"), []byte(policy), 0o644); err != nil {
		t.Fatal(err)
	}
	// The policy's value, not the safest one (false).
	fresh := "{\n  \"banner-text\": \"hello\",\n  \"new-checkout-flow\": true\n}\n"
	if err := os.WriteFile(filepath.Join(r.Workspace, "fallback-config.json"), []byte(fresh), 0o644); err != nil {
		t.Fatal(err)
	}
	run, err := r.Exec(map[string]string{
		"sdk-key": sdkKey, "base-uri": srv.URL, "paths": "clean", "generate-check": "true", "config": "ci/ldfallback.yaml", "fail-on": "never",
	})
	if err != nil {
		t.Fatal(err)
	}
	if run.Outputs["drift"] != "false" || run.Failed != "" {
		t.Errorf("drift %q, failed step %q: the file holds the policy's values\nstdout:\n%s\nstderr:\n%s", run.Outputs["drift"], run.Failed, run.Stdout.String(), run.Stderr.String())
	}
	assertNoSecret(t, r, run)
}

// TestActionOfflinePayload runs the whole action for real, the install step's
// go build included, without network or SDK key.
func TestActionOfflinePayload(t *testing.T) {
	needCLI(t)
	r := newRunner(t)
	run, err := r.Exec(map[string]string{"payload": "payload.json", "paths": "clean", "sarif-file": "reports/ldfallback.sarif"})
	if err != nil {
		t.Fatal(err)
	}
	if run.Failed != "" {
		t.Fatalf("failed in %q with %d\n%s%s", run.Failed, run.ExitCode, run.Stdout.String(), run.Stderr.String())
	}
	if strings.Contains(run.Stdout.String(), "::add-mask::") {
		t.Error("add-mask printed with no key")
	}
	want := filepath.Join(r.Workspace, "reports", "ldfallback.sarif")
	if run.Outputs["sarif-file"] != want {
		t.Errorf("sarif-file output %q, want %q", run.Outputs["sarif-file"], want)
	}
	if ids := sarifRuleIDs(readSARIF(t, want)); len(ids) != 0 {
		t.Errorf("clean code gave SARIF results %q", ids)
	}
}

func TestActionBadFailOn(t *testing.T) {
	r := newRunner(t)
	// No CLI needed: the input is rejected before it runs. Point LDFALLBACK at false.
	r.BaseEnv = append(r.BaseEnv, "LDFALLBACK=/bin/false")
	r.Action.Runs.Steps = withoutInstall(r.Action.Runs.Steps)
	run, err := r.Exec(map[string]string{"fail-on": "sometimes", "payload": "payload.json"})
	if err != nil {
		t.Fatal(err)
	}
	if run.Failed == "" || run.ExitCode != 2 {
		t.Errorf("failed in %q with %d, want exit 2", run.Failed, run.ExitCode)
	}
	if !strings.Contains(run.Stdout.String(), "::error title=ldfallback::fail-on must be") {
		t.Errorf("no annotation explaining fail-on:\n%s", run.Stdout.String())
	}
}

func withoutInstall(steps []Step) []Step {
	var out []Step
	for _, s := range steps {
		if !strings.Contains(s.Run, "go build") {
			out = append(out, s)
		}
	}
	return out
}
