package actiontest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ldfallback/ldfallback/internal/escape"
)

// reviewAPI stands in for GitHub's pull request review endpoints of
// acme/shop#42 (review comments, listed a page at a time; reviews created),
// and passes the issue comment endpoints to githubAPI. status, when set,
// answers every request with it, as GitHub does a fork's read-only token
// (403 "Resource not accessible by integration").
type reviewAPI struct {
	githubAPI
	rmu      sync.Mutex
	reviews  []map[string]any
	comments []map[string]any
	status   int
	requests int
}

func (g *reviewAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.rmu.Lock()
	g.requests++
	status := g.status
	g.rmu.Unlock()
	if status != 0 {
		w.WriteHeader(status)
		w.Write([]byte(`{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest"}`))
		return
	}
	if !strings.HasPrefix(r.URL.Path, "/repos/acme/shop/pulls/") {
		g.githubAPI.ServeHTTP(w, r)
		return
	}
	g.rmu.Lock()
	defer g.rmu.Unlock()
	if r.Header.Get("Authorization") != "Bearer ghs_testtoken123" {
		http.Error(w, `{"message":"Bad credentials"}`, http.StatusUnauthorized)
		return
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/repos/acme/shop/pulls/42/comments":
		per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if per < 1 || page < 1 {
			http.Error(w, `{"message":"bad paging"}`, http.StatusBadRequest)
			return
		}
		from, to := min((page-1)*per, len(g.comments)), min(page*per, len(g.comments))
		json.NewEncoder(w).Encode(g.comments[from:to])
	case r.Method == http.MethodPost && r.URL.Path == "/repos/acme/shop/pulls/42/reviews":
		var req map[string]any
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, `{"message":"Problems parsing JSON"}`, http.StatusBadRequest)
			return
		}
		g.reviews = append(g.reviews, req)
		for _, c := range req["comments"].([]any) {
			c := c.(map[string]any)
			g.comments = append(g.comments, map[string]any{"id": 500 + len(g.comments), "path": c["path"],
				"line": c["line"], "body": c["body"], "commit_id": req["commit_id"]})
		}
		fmt.Fprintf(w, `{"id":%d,"html_url":"https://github.com/acme/shop/pull/42#pullrequestreview-%d"}`, len(g.reviews), len(g.reviews))
	default:
		http.NotFound(w, r)
	}
}

// hostileDir is a directory name a pull request may bring: backticks, a
// fence, HTML and a table pipe.
const hostileDir = "src/we`ird ```<img src=x>|name"

// prRepo makes the workspace a git repository with a base commit and a pull
// request commit on top: src/app.js keeps its stale fallback on a line the
// PR does not touch; src/banner.js has a call whose first line the PR edits
// but whose stale literal sits on an untouched line; a new file in a
// hostile directory has a stale fallback on a line that also holds ```.
// It returns the base and head SHAs.
func prRepo(t *testing.T, ws string) (base, head string) {
	t.Helper()
	banner := "const ld = require('@launchdarkly/node-server-sdk');\nasync function banner(client, context) {\n  const text = await client.variation('banner-text',\n    context,\n    'old');\n  return text;\n}\nmodule.exports = { banner };\n"
	if err := os.WriteFile(filepath.Join(ws, "src", "banner.js"), []byte(banner), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, ws, "init", "-q", "-b", "main")
	git(t, ws, "add", ".")
	git(t, ws, "commit", "-q", "-m", "base")
	base = git(t, ws, "rev-parse", "HEAD")
	banner = strings.Replace(banner, "const text", "const label", 1)
	banner = strings.Replace(banner, "return text", "return label", 1)
	os.WriteFile(filepath.Join(ws, "src", "banner.js"), []byte(banner), 0o644)
	os.MkdirAll(filepath.Join(ws, hostileDir), 0o755)
	hostile := "const ld = require('@launchdarkly/node-server-sdk');\nasync function f(client, context) {\n  const doc = \"```\"; return [doc, await client.variation('new-checkout-flow', context, true)];\n}\n"
	os.WriteFile(filepath.Join(ws, hostileDir, "x.js"), []byte(hostile), 0o644)
	git(t, ws, "add", ".")
	git(t, ws, "commit", "-q", "-m", "pr")
	return base, git(t, ws, "rev-parse", "HEAD")
}

func reviewRunner(t *testing.T, api http.Handler) (*Runner, string) {
	t.Helper()
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	r := newShimmedRunner(t)
	r.BaseEnv = append(r.BaseEnv, "GITHUB_API_URL="+srv.URL, "GITHUB_REPOSITORY=acme/shop")
	base, head := prRepo(t, r.Workspace)
	r.Vars = map[string]string{"github.event_name": "pull_request", "github.event.pull_request.number": "42",
		"github.token": "ghs_testtoken123", "github.event.pull_request.base.sha": base,
		"github.event.pull_request.head.sha": head}
	return r, head
}

func assertNoToken(t *testing.T, run *Run) {
	t.Helper()
	all := strings.ReplaceAll(run.Stdout.String()+run.Stderr.String()+run.Summary, "::add-mask::ghs_testtoken123", "")
	if strings.Contains(all, "ghs_testtoken123") {
		t.Error("the token shows in the output")
	}
	if !strings.Contains(run.Stdout.String(), "::add-mask::ghs_testtoken123") {
		t.Error("the token was not masked")
	}
}

// TestActionSuggestedChanges: suggest: true posts one review on the head
// commit with the suggestion on the changed line, lists the one outside the
// diff in the summary, posts nothing on a re-run, and only the new
// suggestion on a new head.
func TestActionSuggestedChanges(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	api := &reviewAPI{}
	r, head := reviewRunner(t, api)
	in := map[string]string{"payload": "payload.json", "suggest": "true", "comment": "true"}
	run, err := r.Exec(in)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("stdout:\n%s\nstderr:\n%s\nsummary:\n%s", run.Stdout.String(), run.Stderr.String(), run.Summary)
	// The findings on changed lines fail the check, as without suggest.
	if run.Failed != "Verdict" || run.ExitCode != 1 || run.Outputs["exit-code"] != "1" {
		t.Errorf("failed in %q with %d (exit-code %q), want Verdict with 1", run.Failed, run.ExitCode, run.Outputs["exit-code"])
	}
	if len(api.reviews) != 1 {
		t.Fatalf("%d reviews posted, want 1", len(api.reviews))
	}
	rv := api.reviews[0]
	if rv["commit_id"] != head || rv["event"] != "COMMENT" {
		t.Errorf("review commit_id %v event %v, want %s COMMENT", rv["commit_id"], rv["event"], head)
	}
	comments := rv["comments"].([]any)
	if len(comments) != 1 {
		t.Fatalf("review comments %v, want the one on the changed line", comments)
	}
	c := comments[0].(map[string]any)
	wantLine := "  const doc = \"```\"; return [doc, await client.variation('new-checkout-flow', context, false)];"
	if c["path"] != hostileDir+"/x.js" || c["line"] != 3.0 || c["side"] != "RIGHT" || c["start_line"] != nil {
		t.Errorf("comment at %v:%v side %v start_line %v", c["path"], c["line"], c["side"], c["start_line"])
	}
	body := c["body"].(string)
	if !regexp.MustCompile(`^<!-- ldfallback:suggestion [0-9a-f]{16} -->\n`).MatchString(body) {
		t.Errorf("body does not start with the marker:\n%s", body)
	}
	// The line holds ```: the fence is four backticks, and the line comes back whole.
	if !strings.HasSuffix(body, "\n````suggestion\n"+wantLine+"\n````\n") {
		t.Errorf("body does not end with the suggestion of the full line:\n%s", body)
	}
	if !strings.Contains(run.Summary, "Posted a review with 1 suggested change") {
		t.Errorf("summary does not say what was posted:\n%s", run.Summary)
	}
	// banner.js: reported on its changed call line, but the literal is on an
	// untouched line: not suggested, listed with the reason.
	if !regexp.MustCompile("(?m)^\\| `src/banner\\.js` \\| 3 \\| `banner-text` \\| the literal is outside the pull request").MatchString(run.Summary) {
		t.Errorf("summary does not list banner.js as not offered:\n%s", run.Summary)
	}
	if strings.Contains(run.Summary, "| `src/app.js` | 6 | `new-checkout-flow` | the literal") {
		t.Error("app.js is off the changed lines: it belongs to the outside table, not to the suggestions")
	}
	// The hostile directory shows in the summary only escaped (a code span or
	// Markdown text), never as raw HTML.
	for _, line := range strings.Split(run.Summary, "\n") {
		if strings.Contains(line, "<img") && !strings.Contains(line, escape.MarkdownTableCode(hostileDir+"/x.js")) && !strings.Contains(line, escape.MarkdownTableCode(hostileDir+"/x.js:3")) {
			t.Errorf("raw HTML from the file name in the summary: %q", line)
		}
	}
	// The sticky comment carries the same section.
	if len(api.githubAPI.comments) != 1 || !strings.Contains(api.githubAPI.comments[0]["body"].(string), "### Suggested changes") {
		t.Errorf("the PR comment lacks the suggestions section: %v", api.githubAPI.comments)
	}
	assertNoToken(t, run)

	// A re-run on the same head posts nothing.
	r.Temp = t.TempDir()
	run, err = r.Exec(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(api.reviews) != 1 {
		t.Fatalf("the re-run posted another review: %v", api.reviews[1:])
	}
	if !strings.Contains(run.Summary, "1 suggestion is already on the pull request") {
		t.Errorf("re-run summary:\n%s", run.Summary)
	}

	// A new head with one more stale fallback: only that one is posted.
	ws := r.Workspace
	more := "const ld = require('@launchdarkly/node-server-sdk');\nconst b = (client, context) => client.variation('banner-text', context, 'bye');\n"
	os.WriteFile(filepath.Join(ws, "src", "more.js"), []byte(more), 0o644)
	git(t, ws, "add", ".")
	git(t, ws, "commit", "-q", "-m", "more")
	r.Vars["github.event.pull_request.head.sha"] = git(t, ws, "rev-parse", "HEAD")
	r.Temp = t.TempDir()
	if run, err = r.Exec(in); err != nil {
		t.Fatal(err)
	}
	if len(api.reviews) != 2 {
		t.Fatalf("the new head posted %d reviews, want 1 more\n%s", len(api.reviews)-1, run.Stdout.String())
	}
	var got []string
	for _, c := range api.reviews[1]["comments"].([]any) {
		c := c.(map[string]any)
		got = append(got, fmt.Sprint(c["path"], ":", c["line"]))
	}
	if strings.Join(got, ",") != "src/more.js:2" || api.reviews[1]["commit_id"] != r.Vars["github.event.pull_request.head.sha"] {
		t.Errorf("the new head's review: %v on %v", got, api.reviews[1]["commit_id"])
	}
}

// TestActionSuggestMergeCheckout: actions/checkout checks out the merge
// commit, not the head; the suggested lines are checked against the head
// (git cat-file) and posted when they match.
func TestActionSuggestMergeCheckout(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	api := &reviewAPI{}
	r, head := reviewRunner(t, api)
	ws := r.Workspace
	// The base branch moves on (another file), and the checkout is the merge.
	git(t, ws, "checkout", "-q", "-b", "base-tip", r.Vars["github.event.pull_request.base.sha"])
	os.WriteFile(filepath.Join(ws, "README.md"), []byte("docs\n"), 0o644)
	git(t, ws, "add", ".")
	git(t, ws, "commit", "-q", "-m", "base moves")
	git(t, ws, "checkout", "-q", "--detach", head)
	git(t, ws, "merge", "-q", "--no-edit", "base-tip")
	if git(t, ws, "rev-parse", "HEAD") == head {
		t.Fatal("the checkout is the head, not a merge commit")
	}
	run, err := r.Exec(map[string]string{"payload": "payload.json", "suggest": "true", "fail-on": "never"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("stdout:\n%s\nstderr:\n%s", run.Stdout.String(), run.Stderr.String())
	if run.Failed != "" {
		t.Errorf("failed in %q", run.Failed)
	}
	if len(api.reviews) != 1 || len(api.reviews[0]["comments"].([]any)) != 1 || api.reviews[0]["commit_id"] != head {
		t.Errorf("reviews %v", api.reviews)
	}
}

// TestActionSuggestForbidden: a fork's read-only token gets 403 from every
// endpoint: warnings in the log, the findings still in the summary, and the
// job's verdict exactly what the findings make it.
func TestActionSuggestForbidden(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	for _, tc := range []struct {
		failOn   string
		wantFail string
		wantCode int
	}{
		{"error", "Verdict", 1},
		{"never", "", 0},
	} {
		t.Run("fail-on "+tc.failOn, func(t *testing.T) {
			api := &reviewAPI{status: http.StatusForbidden}
			r, _ := reviewRunner(t, api)
			run, err := r.Exec(map[string]string{"payload": "payload.json", "suggest": "true", "comment": "true", "fail-on": tc.failOn})
			if err != nil {
				t.Fatal(err)
			}
			out := run.Stdout.String()
			t.Logf("stdout:\n%s\nstderr:\n%s", out, run.Stderr.String())
			if run.Failed != tc.wantFail || run.ExitCode != tc.wantCode {
				t.Errorf("failed in %q with %d, want %q with %d", run.Failed, run.ExitCode, tc.wantFail, tc.wantCode)
			}
			if api.requests == 0 {
				t.Fatal("the API was never asked")
			}
			if !regexp.MustCompile(`(?m)^::warning title=ldfallback::.*HTTP 403.*fork`).MatchString(out) {
				t.Errorf("no warning about the review's 403:\n%s", out)
			}
			if !regexp.MustCompile(`(?m)^::warning title=ldfallback::could not write the pull request comment`).MatchString(out) {
				t.Errorf("no warning about the comment's failure:\n%s", out)
			}
			if strings.Contains(out, "::error title=ldfallback::") {
				t.Errorf("an API failure became an error:\n%s", out)
			}
			if !strings.Contains(run.Summary, "new-checkout-flow") || !strings.Contains(run.Summary, "not posted") {
				t.Errorf("summary:\n%s", run.Summary)
			}
			assertNoToken(t, run)
		})
	}
}

// TestActionSuggestNeedsPR: suggest on a push (no base, no PR) warns and posts nothing.
func TestActionSuggestNeedsPR(t *testing.T) {
	api := &reviewAPI{}
	srv := httptest.NewServer(api)
	defer srv.Close()
	r := newShimmedRunner(t)
	r.BaseEnv = append(r.BaseEnv, "GITHUB_API_URL="+srv.URL, "GITHUB_REPOSITORY=acme/shop")
	r.Vars = map[string]string{"github.event_name": "push", "github.token": "ghs_testtoken123"}
	run, err := r.Exec(map[string]string{"payload": "payload.json", "suggest": "true", "fail-on": "never"})
	if err != nil {
		t.Fatal(err)
	}
	if run.Failed != "" || api.requests != 0 {
		t.Errorf("failed %q, API requests %d", run.Failed, api.requests)
	}
	if !strings.Contains(run.Stdout.String(), "::warning title=ldfallback::suggest needs a pull_request event") {
		t.Errorf("no warning:\n%s", run.Stdout.String())
	}
}

// TestActionSuggestWorkingDirectory: check runs in a subdirectory (paths
// relative to it), while GitHub wants paths from the repository root.
func TestActionSuggestWorkingDirectory(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	api := &reviewAPI{}
	r, _ := reviewRunner(t, api)
	run, err := r.Exec(map[string]string{"payload": "../payload.json", "working-directory": "src", "suggest": "true", "fail-on": "never"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("stdout:\n%s\nstderr:\n%s", run.Stdout.String(), run.Stderr.String())
	if run.Failed != "" || len(api.reviews) != 1 {
		t.Fatalf("failed %q, %d reviews", run.Failed, len(api.reviews))
	}
	c := api.reviews[0]["comments"].([]any)[0].(map[string]any)
	if c["path"] != hostileDir+"/x.js" || c["line"] != 3.0 {
		t.Errorf("comment at %v:%v, want %s/x.js:3", c["path"], c["line"], hostileDir)
	}
}
