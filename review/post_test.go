package review

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ldfallback/ldfallback/fix"
	"github.com/ldfallback/ldfallback/internal/escape"
)

const token = "ghs_secret_token_42"

// fakeGitHub stands in for the pull request review endpoints of one pull
// request (acme/shop#42): its review comments, listed per_page at a time.
type fakeGitHub struct {
	mu       sync.Mutex
	comments []map[string]any
	reviews  []map[string]any // the POSTed review requests
	lists    int              // GET requests
	status   int              // when set, every request fails with it
	listFail bool             // GETs fail with 500
}

func (g *fakeGitHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer "+token {
		http.Error(w, `{"message":"Bad credentials"}`, http.StatusUnauthorized)
		return
	}
	if g.status != 0 {
		// A hostile or confused server echoing the token must not get it printed.
		w.WriteHeader(g.status)
		fmt.Fprintf(w, `{"message":"Resource not accessible by integration %s","errors":["line must be part of the diff"]}`, token)
		return
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/repos/acme/shop/pulls/42/comments":
		g.lists++
		if g.listFail {
			http.Error(w, `{"message":"Server Error"}`, http.StatusInternalServerError)
			return
		}
		per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
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
			g.comments = append(g.comments, map[string]any{"id": len(g.comments) + 1, "path": c["path"], "body": c["body"], "line": c["line"]})
		}
		w.WriteHeader(http.StatusOK)
		fmt.Fprintf(w, `{"id":%d,"html_url":"https://github.com/acme/shop/pull/42#pullrequestreview-%d"}`, len(g.reviews), len(g.reviews))
	default:
		http.NotFound(w, r)
	}
}

// mk is a plan comment replacing line of path with after.
func mk(path string, line int, before, after, key string) Comment {
	c := Comment{Path: path, StartLine: line, Line: line, Before: []string{before}, After: []string{after},
		Keys: []string{key}, At: []string{fmt.Sprintf("%s:%d", path, line)}}
	c.ID = suggestionID(c.Path, c.StartLine, c.Line, c.After)
	c.Body = body(c, []fix.Edit{{Key: key, At: c.At[0]}}, nil)
	return c
}

func opts(url string) Options {
	return Options{APIURL: url, Repo: "acme/shop", PR: 42, Commit: "headsha1", Token: token}
}

func TestPostOnceThenNothing(t *testing.T) {
	gh := &fakeGitHub{}
	// 150 comments by people first: the listing needs two pages.
	for i := range 150 {
		gh.comments = append(gh.comments, map[string]any{"id": i + 1, "path": "src/app.js", "body": "LGTM"})
	}
	srv := httptest.NewServer(gh)
	defer srv.Close()
	plan := &Plan{Version: PlanVersion, Comments: []Comment{
		mk("src/app.js", 6, "v('f', c, true);", "v('f', c, false);", "f"),
		mk("src/b.js", 2, "v('g', c, 1);", "v('g', c, 2);", "g"),
	}, Left: []Left{{Path: "src/c.js", Line: 9, Key: "h", Reason: ReasonOutside}}}
	res, err := Post(context.Background(), plan, opts(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 0 || len(res.Posted) != 2 || len(res.Existing) != 0 || len(res.Left) != 1 {
		t.Fatalf("first run: %+v", res)
	}
	if len(gh.reviews) != 1 {
		t.Fatalf("%d reviews posted, want 1", len(gh.reviews))
	}
	rv := gh.reviews[0]
	if rv["commit_id"] != "headsha1" || rv["event"] != "COMMENT" || !strings.HasPrefix(rv["body"].(string), reviewMarker) {
		t.Errorf("review %v", rv)
	}
	c0 := rv["comments"].([]any)[0].(map[string]any)
	if c0["path"] != "src/app.js" || c0["line"] != 6.0 || c0["side"] != "RIGHT" || c0["start_line"] != nil {
		t.Errorf("comment %v", c0)
	}
	if !strings.Contains(c0["body"].(string), "```suggestion\nv('f', c, false);\n```") {
		t.Errorf("comment body %q", c0["body"])
	}
	if res.ReviewURL != "https://github.com/acme/shop/pull/42#pullrequestreview-1" {
		t.Errorf("review URL %q", res.ReviewURL)
	}

	// The same plan again (a re-run on the same head): nothing new.
	res, err = Post(context.Background(), plan, opts(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if len(gh.reviews) != 1 || len(res.Posted) != 0 || len(res.Existing) != 2 {
		t.Fatalf("second run posted: reviews %d, result %+v", len(gh.reviews), res)
	}

	// A new head: one suggestion stays, one line moved, one is new.
	plan.Comments = []Comment{
		mk("src/app.js", 6, "v('f', c, true);", "v('f', c, false);", "f"),
		mk("src/b.js", 3, "v('g', c, 1);", "v('g', c, 2);", "g"),
		mk("src/d.js", 1, "v('k', c, 'a');", "v('k', c, 'b');", "k"),
	}
	res, err = Post(context.Background(), plan, opts(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if len(gh.reviews) != 2 || len(res.Posted) != 2 || len(res.Existing) != 1 {
		t.Fatalf("new head: reviews %d, result %+v", len(gh.reviews), res)
	}
	var paths []string
	for _, c := range gh.reviews[1]["comments"].([]any) {
		paths = append(paths, fmt.Sprint(c.(map[string]any)["path"], ":", c.(map[string]any)["line"]))
	}
	if strings.Join(paths, " ") != "src/b.js:3 src/d.js:1" {
		t.Errorf("the new head's review holds %v", paths)
	}
}

func TestPostMultiLineAndPrefix(t *testing.T) {
	gh := &fakeGitHub{}
	srv := httptest.NewServer(gh)
	defer srv.Close()
	c := Comment{Path: "a.ts", StartLine: 3, Line: 5, Before: []string{"v('j', c, {", "  a: 1,", "});"},
		After: []string{"v('j', c, { a: 2 });"}, Keys: []string{"j"}, At: []string{"a.ts:3"}}
	c.ID = suggestionID(c.Path, c.StartLine, c.Line, c.After)
	c.Body = body(c, []fix.Edit{{Key: "j", At: "a.ts:3"}}, nil)
	o := opts(srv.URL)
	o.Prefix = "web/"
	res, err := Post(context.Background(), &Plan{Version: PlanVersion, Comments: []Comment{c}}, o)
	if err != nil || len(res.Posted) != 1 {
		t.Fatalf("%v %+v", err, res)
	}
	got := gh.reviews[0]["comments"].([]any)[0].(map[string]any)
	if got["path"] != "web/a.ts" || got["start_line"] != 3.0 || got["line"] != 5.0 || got["start_side"] != "RIGHT" || got["side"] != "RIGHT" {
		t.Errorf("multi-line comment %v", got)
	}
	// The marker matches with the prefix too: a re-run posts nothing.
	res, _ = Post(context.Background(), &Plan{Version: PlanVersion, Comments: []Comment{c}}, o)
	if len(res.Posted) != 0 || len(res.Existing) != 1 || len(gh.reviews) != 1 {
		t.Errorf("re-run with a prefix: %+v", res)
	}
}

func TestPostCap(t *testing.T) {
	gh := &fakeGitHub{}
	srv := httptest.NewServer(gh)
	defer srv.Close()
	plan := &Plan{Version: PlanVersion}
	for i := 1; i <= 5; i++ {
		plan.Comments = append(plan.Comments, mk("x.js", i, "v(true)", "v(false)", fmt.Sprint("f", i)))
	}
	o := opts(srv.URL)
	o.Max = 2
	res, err := Post(context.Background(), plan, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Posted) != 2 || len(res.Left) != 3 || len(gh.reviews[0]["comments"].([]any)) != 2 {
		t.Fatalf("cap 2: %+v", res)
	}
	if !strings.Contains(res.Left[0].Reason, "cap of 2") {
		t.Errorf("reason %q", res.Left[0].Reason)
	}
	var md bytes.Buffer
	res.Markdown(&md)
	if !strings.Contains(md.String(), "3 stale fallbacks not offered") || !strings.Contains(md.String(), "cap of 2") {
		t.Errorf("summary does not say what the cap left out:\n%s", md.String())
	}
	// The next run posts the next two.
	res, _ = Post(context.Background(), plan, o)
	if len(res.Posted) != 2 || len(res.Existing) != 2 || len(res.Left) != 1 {
		t.Errorf("second capped run: %+v", res)
	}
}

func TestPostFailures(t *testing.T) {
	plan := &Plan{Version: PlanVersion, Comments: []Comment{mk("x.js", 1, "v(true)", "v(false)", "f")}}
	for _, tc := range []struct {
		name     string
		gh       *fakeGitHub
		token    string
		want     string // in the warning
		requests bool   // whether the API may be asked
	}{
		{"fork token", &fakeGitHub{status: 403}, token, "HTTP 403", true},
		{"not on the diff", &fakeGitHub{status: 422}, token, "HTTP 422", true},
		{"bad token", &fakeGitHub{}, "wrong", "HTTP 401", true},
		{"listing fails", &fakeGitHub{listFail: true}, token, "cannot list", true},
		{"no token", &fakeGitHub{}, "", "no GitHub token", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.gh)
			defer srv.Close()
			o := opts(srv.URL)
			o.Token = tc.token
			res, err := Post(context.Background(), plan, o)
			if err != nil {
				t.Fatalf("an API failure is an error: %v", err)
			}
			if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], tc.want) {
				t.Fatalf("warnings %q, want one with %q", res.Warnings, tc.want)
			}
			if strings.Contains(res.Warnings[0], token) {
				t.Errorf("the token is in the warning: %s", res.Warnings[0])
			}
			if len(res.Posted) != 0 || len(res.Left) != 1 || len(tc.gh.reviews) != 0 {
				t.Errorf("result %+v, reviews %d", res, len(tc.gh.reviews))
			}
			if tc.gh.listFail && len(tc.gh.reviews) != 0 {
				t.Error("posted without knowing what was there")
			}
			if !tc.requests && tc.gh.lists != 0 {
				t.Error("asked the API without a token")
			}
			var md bytes.Buffer
			res.Markdown(&md)
			if strings.Contains(md.String(), token) || !strings.Contains(md.String(), "Warning") {
				t.Errorf("summary:\n%s", md.String())
			}
		})
	}
	if w := hint(403); !strings.Contains(w, "fork") {
		t.Errorf("403 hint %q", w)
	}
}

// TestPostNoRedirect: a redirect is not followed, so the token goes nowhere else.
func TestPostNoRedirect(t *testing.T) {
	var leaked bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked = leaked || strings.Contains(r.Header.Get("Authorization"), token)
		w.Write([]byte("[]"))
	}))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	plan := &Plan{Version: PlanVersion, Comments: []Comment{mk("x.js", 1, "v(true)", "v(false)", "f")}}
	res, err := Post(context.Background(), plan, opts(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if leaked || len(res.Posted) != 0 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "307") {
		t.Errorf("leaked %v, result %+v", leaked, res)
	}
}

func TestPostAtHead(t *testing.T) {
	gh := &fakeGitHub{}
	srv := httptest.NewServer(gh)
	defer srv.Close()
	plan := &Plan{Version: PlanVersion, Comments: []Comment{
		mk("same.js", 2, "v(true)", "v(false)", "a"),
		mk("moved.js", 2, "v(true)", "v(false)", "b"),
		mk("gone.js", 2, "v(true)", "v(false)", "c"),
		mk("short.js", 9, "v(true)", "v(false)", "d"),
	}}
	o := opts(srv.URL)
	o.HeadLines = func(path string) ([]string, error) {
		switch path {
		case "same.js":
			return []string{"x", "v(true)", ""}, nil
		case "moved.js", "short.js":
			return []string{"v(true)", "x", ""}, nil
		}
		return nil, fmt.Errorf("fatal: path %s does not exist", path)
	}
	res, err := Post(context.Background(), plan, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Posted) != 1 || res.Posted[0].Path != "same.js" || len(res.Left) != 3 {
		t.Fatalf("result %+v", res)
	}
	for _, l := range res.Left {
		if !strings.Contains(l.Reason, "pull request head") {
			t.Errorf("reason %q", l.Reason)
		}
	}
}

func TestPostOptions(t *testing.T) {
	for _, o := range []Options{{Repo: "acme", PR: 1, Commit: "c"}, {Repo: "a/b", Commit: "c"}, {Repo: "a/b", PR: 1}} {
		if _, err := Post(context.Background(), &Plan{}, o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	// Nothing to post: no request at all, not even with no server.
	res, err := Post(context.Background(), &Plan{Left: []Left{{Path: "a", Line: 1, Key: "k", Reason: "r"}}},
		Options{APIURL: "http://127.0.0.1:1", Repo: "a/b", PR: 1, Commit: "c", Token: token})
	if err != nil || len(res.Warnings) != 0 || len(res.Left) != 1 {
		t.Errorf("%v %+v", err, res)
	}
}

func TestSummaryEscapes(t *testing.T) {
	res := &Result{Left: []Left{{Path: "a|b`<img>.js", Line: 3, Key: "k|`x`", Reason: "not [posted](http://x)"}},
		Warnings: []string{"GET /x: HTTP 403 (<script>alert(1)</script> | x)"},
		Posted:   []Comment{{}}, ReviewURL: "https://github.com/a/b/pull/1#r)<x>"}
	var b bytes.Buffer
	if err := res.Markdown(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"<script", "](http://x)", "#r)<x>"} {
		if strings.Contains(strings.ReplaceAll(out, `\<`, ""), bad) {
			t.Errorf("summary holds %q raw:\n%s", bad, out)
		}
	}
	if !strings.Contains(out, "| "+escape.MarkdownTableCode("a|b`<img>.js")+" |") {
		t.Errorf("the file name is not a table code span:\n%s", out)
	}
	for _, row := range strings.Split(out, "\n") {
		if strings.HasPrefix(row, "| `a") {
			// Every | inside a cell is escaped: the row has exactly 5 bare ones.
			if n := strings.Count(row, "|") - strings.Count(row, `\|`); n != 5 {
				t.Errorf("row %q splits into %d cells", row, n-1)
			}
		}
	}
	if (&Result{}).Markdown(&b); b.String() != out {
		t.Error("an empty result wrote something")
	}
}

func TestWithhold(t *testing.T) {
	plan := &Plan{Version: PlanVersion, Comments: []Comment{mk("x.js", 4, "v(true)", "v(false)", "f")},
		Left: []Left{{Path: "y.js", Line: 1, Key: "g", Reason: "r"}}}
	plan.Withhold("not checked")
	if len(plan.Comments) != 0 || len(plan.Left) != 2 || plan.Left[1] != (Left{Path: "x.js", Line: 4, Key: "f", Reason: "not checked"}) {
		t.Errorf("plan %+v", plan)
	}
}
