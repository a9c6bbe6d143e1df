package actiontest

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// releaseServer serves a release of version like GitHub's download URLs:
// /vVERSION/ldfallback_VERSION_OS_ARCH.tar.gz holding the CLI, and
// /vVERSION/checksums.txt. tamper corrupts the archive's checksum line.
func releaseServer(t *testing.T, version string, tamper bool) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	cli := needCLI(t)
	bin, err := os.ReadFile(cli)
	if err != nil {
		t.Fatal(err)
	}
	var archive strings.Builder
	gz := gzip.NewWriter(&archive)
	tw := tar.NewWriter(gz)
	for name, data := range map[string][]byte{"ldfallback": bin, "README.md": []byte("readme\n")} {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Size: int64(len(data)), ModTime: time.Unix(0, 0)}); err != nil {
			t.Fatal(err)
		}
		tw.Write(data)
	}
	tw.Close()
	gz.Close()
	asset := fmt.Sprintf("ldfallback_%s_%s_%s.tar.gz", version, runtime.GOOS, runtime.GOARCH)
	sum := sha256.Sum256([]byte(archive.String()))
	hexsum := hex.EncodeToString(sum[:])
	if tamper {
		hexsum = strings.Repeat("0", 64)
	}
	checksums := fmt.Sprintf("%s  ldfallback_%s_windows_amd64.zip\n%s  %s\n", strings.Repeat("1", 64), version, hexsum, asset)
	var archiveHits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v" + version + "/" + asset:
			archiveHits.Add(1)
			io.WriteString(w, archive.String())
		case "/v" + version + "/checksums.txt":
			io.WriteString(w, checksums)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &archiveHits
}

// releaseRunner is a runner whose go fails on any use: a release install
// must not need Go. Its tool cache is the given directory.
func releaseRunner(t *testing.T, toolCache string) *Runner {
	t.Helper()
	r := newShimmedRunner(t)
	r.BaseEnv = append(r.BaseEnv, "RUNNER_TOOL_CACHE="+toolCache)
	return r
}

func TestActionInstallsRelease(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("the test serves a tar.gz for this platform")
	}
	srv, archiveHits := releaseServer(t, "1.2.3", false)
	cache := t.TempDir()
	inputs := map[string]string{"payload": "payload.json", "download-url": srv.URL, "fail-on": "never"}
	var warm time.Duration
	for i, ref := range []string{"v1.2.3", "v1.2.3", ""} {
		r := releaseRunner(t, cache)
		r.Vars = map[string]string{"github.action_ref": ref}
		in := map[string]string{}
		for k, v := range inputs {
			in[k] = v
		}
		if ref == "" {
			in["version"] = "v1.2.3" // the input names the release when the ref does not
		}
		run, err := r.Exec(in)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("run %d stdout:\n%s\nstderr:\n%s", i, run.Stdout.String(), run.Stderr.String())
		if run.Failed != "" {
			t.Fatalf("run %d failed in %q", i, run.Failed)
		}
		if got := run.StepOutputs["install"]["source"]; got != "false" {
			t.Errorf("run %d: source = %q, want a release install", i, got)
		}
		for _, name := range run.Ran {
			if strings.Contains(name, "from source") {
				t.Errorf("run %d ran %q", i, name)
			}
		}
		if !strings.Contains(run.Stdout.String(), "::error file=src/app.js,line=6") {
			t.Errorf("run %d: the installed binary did not check", i)
		}
		check := "Check fallback values"
		t.Logf("run %d: check started %v after the action started (install %v), check took %v",
			i, run.StepStart[check], run.StepTime["Install ldfallback"], run.StepTime[check])
		if i == 0 && !strings.Contains(run.Stdout.String(), "sha256 verified") {
			t.Errorf("run 0 did not download and verify")
		}
		if i > 0 {
			if !strings.Contains(run.Stdout.String(), "from the tool cache") {
				t.Errorf("run %d did not use the tool cache", i)
			}
			warm = max(warm, run.StepStart[check])
		}
	}
	if n := archiveHits.Load(); n != 1 {
		t.Errorf("the archive was downloaded %d times, want once (then the tool cache)", n)
	}
	// The target: under 5 s from start to check on a warm runner.
	if warm > 5*time.Second {
		t.Errorf("warm install took %v before check started", warm)
	}
}

func TestActionRefusesBadChecksum(t *testing.T) {
	srv, _ := releaseServer(t, "1.2.3", true)
	cache := t.TempDir()
	r := releaseRunner(t, cache)
	r.Vars = map[string]string{"github.action_ref": "v1.2.3"}
	run, err := r.Exec(map[string]string{"payload": "payload.json", "download-url": srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if run.Failed != "Install ldfallback" || run.ExitCode != 2 || !strings.Contains(run.Stdout.String(), "does not match checksums.txt") {
		t.Fatalf("failed %q (%d), stdout:\n%s", run.Failed, run.ExitCode, run.Stdout.String())
	}
	if entries, _ := os.ReadDir(filepath.Join(cache, "ldfallback", "1.2.3")); len(entries) != 0 {
		t.Errorf("a binary that failed its checksum was cached: %v", entries)
	}
}

func TestActionInstallFallbacks(t *testing.T) {
	srv, _ := releaseServer(t, "1.2.3", false)
	for _, tc := range []struct {
		name, ref, install string
		wantSource         bool
		wantFail           bool
	}{
		{"a branch ref builds the action's checkout", "main", "auto", true, false},
		{"no release for the version: source", "v9.9.9", "auto", true, false},
		{"no release and install release: fail", "v9.9.9", "release", false, true},
		{"install source skips the release", "v1.2.3", "source", true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := releaseRunner(t, t.TempDir())
			r.Vars = map[string]string{"github.action_ref": tc.ref}
			run, err := r.Exec(map[string]string{"payload": "payload.json", "download-url": srv.URL, "install": tc.install, "fail-on": "never"})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("stdout:\n%s\nstderr:\n%s", run.Stdout.String(), run.Stderr.String())
			if (run.Failed != "") != tc.wantFail {
				t.Fatalf("failed %q (%d), want failure %v", run.Failed, run.ExitCode, tc.wantFail)
			}
			if tc.wantFail {
				return
			}
			if got := run.StepOutputs["install"]["source"] == "true"; got != tc.wantSource {
				t.Errorf("source build = %v, want %v", got, tc.wantSource)
			}
			built := false
			for _, name := range run.Ran {
				built = built || strings.Contains(name, "from source")
			}
			if built != tc.wantSource {
				t.Errorf("ran %v", run.Ran)
			}
		})
	}
}

func TestActionBinaryInput(t *testing.T) {
	srv, hits := releaseServer(t, "1.2.3", false)
	r := releaseRunner(t, t.TempDir())
	r.Vars = map[string]string{"github.action_ref": "v1.2.3"}
	run, err := r.Exec(map[string]string{"payload": "payload.json", "download-url": srv.URL, "binary": needCLI(t), "fail-on": "never"})
	if err != nil {
		t.Fatal(err)
	}
	if run.Failed != "" || hits.Load() != 0 || !strings.Contains(run.Stdout.String(), "::error file=src/app.js") {
		t.Fatalf("failed %q, %d downloads, stdout:\n%s", run.Failed, hits.Load(), run.Stdout.String())
	}
	run, err = newShimmedRunner(t).Exec(map[string]string{"payload": "payload.json", "binary": "/no/such/ldfallback"})
	if err != nil {
		t.Fatal(err)
	}
	if run.Failed != "Install ldfallback" || !strings.Contains(run.Stdout.String(), "is not an executable file") {
		t.Errorf("a missing binary: failed %q, stdout:\n%s", run.Failed, run.Stdout.String())
	}
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(baseEnv(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
		"GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestActionOnlyChanged: on a pull_request, only the lines the PR changed
// are annotated; on a push, every finding.
func TestActionOnlyChanged(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	for _, tc := range []struct {
		name, event, onlyChanged string
		editStaleLine            bool
		wantAnnotation           bool
	}{
		{"PR that does not touch the stale line", "pull_request", "", false, false},
		{"PR that edits the stale line", "pull_request", "", true, true},
		{"push checks every line", "push", "", false, true},
		{"only-changed false on a PR", "pull_request", "false", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newShimmedRunner(t)
			ws := r.Workspace
			git(t, ws, "init", "-q", "-b", "main")
			git(t, ws, "add", ".")
			git(t, ws, "commit", "-q", "-m", "base")
			base := git(t, ws, "rev-parse", "HEAD")
			app := filepath.Join(ws, "src", "app.js")
			src, _ := os.ReadFile(app)
			edited := strings.Replace(string(src), "module.exports", "// a change elsewhere\nmodule.exports", 1)
			if tc.editStaleLine {
				edited = strings.Replace(edited, "context, true);", "context, true); // touched", 1)
			}
			os.WriteFile(app, []byte(edited), 0o644)
			git(t, ws, "commit", "-q", "-am", "change")
			r.Vars = map[string]string{"github.event_name": tc.event, "github.event.pull_request.base.sha": base}
			in := map[string]string{"payload": "payload.json", "fail-on": "never"}
			if tc.onlyChanged != "" {
				in["only-changed"] = tc.onlyChanged
			}
			run, err := r.Exec(in)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("stdout:\n%s\nstderr:\n%s", run.Stdout.String(), run.Stderr.String())
			got := strings.Contains(run.Stdout.String(), "::error file=src/app.js,line=6")
			if got != tc.wantAnnotation {
				t.Errorf("annotated = %v, want %v", got, tc.wantAnnotation)
			}
			if !tc.wantAnnotation && !strings.Contains(run.Summary, "outside the changed lines") {
				t.Errorf("the summary does not count the finding left out:\n%s", run.Summary)
			}
		})
	}
}

// githubAPI stands in for the GitHub REST API's issue comments.
type githubAPI struct {
	mu       sync.Mutex
	comments []map[string]any
	nextID   int
	posts    int
	patches  int
	badAuth  int
}

func (g *githubAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer ghs_testtoken123" {
		g.badAuth++
		http.Error(w, `{"message":"Bad credentials"}`, http.StatusUnauthorized)
		return
	}
	var body struct {
		Body string `json:"body"`
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/repos/acme/shop/issues/42/comments":
		list := g.comments
		if r.URL.Query().Get("page") != "1" {
			list = nil
		}
		if list == nil {
			list = []map[string]any{}
		}
		json.NewEncoder(w).Encode(list)
	case r.Method == http.MethodPost && r.URL.Path == "/repos/acme/shop/issues/42/comments":
		json.NewDecoder(r.Body).Decode(&body)
		g.nextID++
		g.posts++
		c := map[string]any{"id": 1000 + g.nextID, "body": body.Body, "user": map[string]any{"login": "github-actions[bot]"}}
		g.comments = append(g.comments, c)
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(c)
	case r.Method == http.MethodPatch && strings.HasPrefix(r.URL.Path, "/repos/acme/shop/issues/comments/"):
		json.NewDecoder(r.Body).Decode(&body)
		for _, c := range g.comments {
			if fmt.Sprint(c["id"]) == strings.TrimPrefix(r.URL.Path, "/repos/acme/shop/issues/comments/") {
				c["body"] = body.Body
				g.patches++
				json.NewEncoder(w).Encode(c)
				return
			}
		}
		http.NotFound(w, r)
	default:
		http.NotFound(w, r)
	}
}

func TestActionStickyComment(t *testing.T) {
	api := &githubAPI{comments: []map[string]any{{"id": 7, "body": "LGTM", "user": map[string]any{"login": "someone"}}}}
	srv := httptest.NewServer(api)
	defer srv.Close()
	for i := 0; i < 2; i++ {
		r := newShimmedRunner(t)
		r.BaseEnv = append(r.BaseEnv, "GITHUB_API_URL="+srv.URL, "GITHUB_REPOSITORY=acme/shop")
		r.Vars = map[string]string{"github.event_name": "pull_request", "github.event.pull_request.number": "42",
			"github.token": "ghs_testtoken123", "github.event.pull_request.base.sha": ""}
		run, err := r.Exec(map[string]string{"payload": "payload.json", "comment": "true", "fail-on": "never", "only-changed": "false"})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("stdout:\n%s\nstderr:\n%s", run.Stdout.String(), run.Stderr.String())
		if run.Failed != "" {
			t.Fatalf("run %d failed in %q", i, run.Failed)
		}
		all := run.Stdout.String() + run.Stderr.String() + run.Summary
		if strings.Contains(all, "ghs_testtoken123") && !strings.Contains(all, "::add-mask::ghs_testtoken123") {
			t.Error("the token shows in the output")
		}
	}
	if api.badAuth != 0 || api.posts != 1 || api.patches != 1 || len(api.comments) != 2 {
		t.Fatalf("posts %d, patches %d, bad auth %d, comments %v", api.posts, api.patches, api.badAuth, api.comments)
	}
	body := api.comments[1]["body"].(string)
	if !strings.HasPrefix(body, "<!-- ldfallback:sticky-comment -->") || !strings.Contains(body, "new-checkout-flow") {
		t.Errorf("comment body:\n%s", body)
	}
	if api.comments[0]["body"] != "LGTM" {
		t.Error("someone else's comment was changed")
	}
}
