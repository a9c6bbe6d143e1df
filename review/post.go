package review

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ldfallback/ldfallback/internal/inputfile"
)

// DefaultMax is how many suggestions one review carries by default. GitHub
// documents no limit, but a review of hundreds of comments buries the
// pull request and risks its secondary rate limits; the rest are listed in
// the summary.
const DefaultMax = 30

const (
	perPage       = 100
	maxPages      = 100 // 10,000 review comments: beyond, the listing is not trusted
	pageSizeLimit = 64 << 20
)

// Options say where and how Post posts.
type Options struct {
	// APIURL is GitHub's REST API root (GITHUB_API_URL), https://api.github.com by default.
	APIURL string
	// Repo is "owner/name" (GITHUB_REPOSITORY), PR the pull request number,
	// Commit its head commit (the review's commit_id).
	Repo   string
	PR     int
	Commit string
	Token  string
	// Prefix is the directory check ran in, relative to the repository root
	// ("" or "dir/"): GitHub paths are relative to the root.
	Prefix string
	// Max caps the suggestions of one review (DefaultMax when 0).
	Max int
	// HeadLines, when set, returns the lines of a file (a repository path)
	// at Commit: the checkout is not the pull request head (actions/checkout
	// checks out the merge commit), so a suggestion is posted only where the
	// head holds the same lines at the same place.
	HeadLines func(path string) ([]string, error)
	// Client is the HTTP client (one with a timeout and no redirects when nil).
	Client *http.Client
}

// Result is what Post did, for the log and the job summary.
type Result struct {
	// Posted are the suggestions in the review Post created; Existing those
	// an earlier run had posted already.
	Posted, Existing []Comment
	// Left are the plan's Left, then what Post did not post, with the reason.
	Left []Left
	// ReviewURL is the review's html_url ("" when none was posted).
	ReviewURL string
	// Warnings are failures to tell the user (API errors), one line each,
	// plain text: the caller escapes them for its sink.
	Warnings []string
}

// Post creates one review with the plan's comments that are not on the pull
// request yet. Failures of the API are warnings in the Result; the error is
// for options that make no request possible.
func Post(ctx context.Context, plan *Plan, o Options) (*Result, error) {
	if o.Repo == "" || !strings.Contains(o.Repo, "/") || o.PR <= 0 || o.Commit == "" {
		return nil, errors.New("a review needs the repository (owner/name), the pull request number and its head commit")
	}
	if o.APIURL == "" {
		o.APIURL = "https://api.github.com"
	}
	if o.Max <= 0 {
		o.Max = DefaultMax
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: 60 * time.Second,
			// The token goes to the API root given and nowhere else.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	res := &Result{Left: append([]Left(nil), plan.Left...)}
	var todo []Comment
	for _, c := range plan.Comments {
		c.Path = o.Prefix + c.Path
		if o.HeadLines != nil {
			if reason := atHead(c, o.HeadLines); reason != "" {
				res.Left = append(res.Left, leftOfComment(c, reason)...)
				continue
			}
		}
		todo = append(todo, c)
	}
	if len(todo) == 0 {
		return res, nil
	}
	if o.Token == "" {
		res.Warnings = append(res.Warnings, "no GitHub token: the suggested changes are listed in the job summary only")
		for _, c := range todo {
			res.Left = append(res.Left, leftOfComment(c, "not posted: no GitHub token")...)
		}
		return res, nil
	}
	api := &client{o: o, base: strings.TrimSuffix(o.APIURL, "/") + "/repos/" + o.Repo + "/pulls/" + strconv.Itoa(o.PR)}
	posted, err := api.existing(ctx)
	if err != nil {
		res.Warnings = append(res.Warnings, "cannot list the pull request's review comments, so no suggestion is posted (none twice): "+err.Error())
		for _, c := range todo {
			res.Left = append(res.Left, leftOfComment(c, "not posted: the existing review comments could not be listed")...)
		}
		return res, nil
	}
	var fresh []Comment
	for _, c := range todo {
		if posted[c.ID+"\x00"+c.Path] {
			res.Existing = append(res.Existing, c)
		} else {
			fresh = append(fresh, c)
		}
	}
	if len(fresh) > o.Max {
		for _, c := range fresh[o.Max:] {
			res.Left = append(res.Left, leftOfComment(c, fmt.Sprintf("over the cap of %d suggestions per review (fix the rest with `ldfallback check --fix`)", o.Max))...)
		}
		fresh = fresh[:o.Max]
	}
	if len(fresh) == 0 {
		return res, nil
	}
	url, err := api.create(ctx, fresh, len(res.Existing))
	if err != nil {
		res.Warnings = append(res.Warnings, "GitHub did not take the review of suggested changes: "+err.Error())
		for _, c := range fresh {
			res.Left = append(res.Left, leftOfComment(c, "not posted: GitHub refused the review")...)
		}
		return res, nil
	}
	res.Posted, res.ReviewURL = fresh, url
	return res, nil
}

// Withhold moves every comment of the plan to Left with the reason: nothing
// is posted, everything is listed.
func (p *Plan) Withhold(reason string) {
	for _, c := range p.Comments {
		p.Left = append(p.Left, leftOfComment(c, reason)...)
	}
	p.Comments = nil
}

// atHead checks a comment's lines against the pull request head.
func atHead(c Comment, headLines func(string) ([]string, error)) string {
	lines, err := headLines(c.Path)
	if err != nil {
		return "not posted: the file could not be read at the pull request head"
	}
	if c.Line > len(lines) {
		return "not posted: the lines differ at the pull request head (the base branch moved)"
	}
	for i, l := range c.Before {
		if lines[c.StartLine-1+i] != l {
			return "not posted: the lines differ at the pull request head (the base branch moved)"
		}
	}
	return ""
}

func leftOfComment(c Comment, reason string) []Left {
	var out []Left
	for i, k := range c.Keys {
		l := Left{Path: c.Path, Line: c.StartLine, Key: k, Reason: reason}
		if i < len(c.At) {
			if j := strings.LastIndexByte(c.At[i], ':'); j > 0 {
				l.Path = c.At[i][:j]
				fmt.Sscan(c.At[i][j+1:], &l.Line)
			}
		}
		out = append(out, l)
	}
	return out
}

// client speaks to GitHub's pull request endpoints.
type client struct {
	o    Options
	base string // .../repos/{owner}/{repo}/pulls/{n}
}

// existing returns the markers (ID and path) of the review comments on the
// pull request, every page.
func (c *client) existing(ctx context.Context) (map[string]bool, error) {
	out := map[string]bool{}
	for page := 1; ; page++ {
		if page > maxPages {
			return nil, fmt.Errorf("more than %d review comments", maxPages*perPage)
		}
		var list []struct {
			Path string `json:"path"`
			Body string `json:"body"`
		}
		if err := c.do(ctx, http.MethodGet, c.base+"/comments?per_page="+strconv.Itoa(perPage)+"&page="+strconv.Itoa(page), nil, &list); err != nil {
			return nil, err
		}
		for _, x := range list {
			if id := markerOf(x.Body); id != "" {
				out[id+"\x00"+x.Path] = true
			}
		}
		if len(list) < perPage {
			return out, nil
		}
	}
}

type reviewComment struct {
	Path      string `json:"path"`
	Body      string `json:"body"`
	Line      int    `json:"line"`
	Side      string `json:"side"`
	StartLine int    `json:"start_line,omitempty"`
	StartSide string `json:"start_side,omitempty"`
}

// create posts one review holding the comments; it returns the review's URL.
func (c *client) create(ctx context.Context, comments []Comment, existing int) (string, error) {
	req := struct {
		CommitID string          `json:"commit_id"`
		Body     string          `json:"body"`
		Event    string          `json:"event"`
		Comments []reviewComment `json:"comments"`
	}{CommitID: c.o.Commit, Event: "COMMENT", Body: reviewBody(len(comments), existing)}
	for _, x := range comments {
		rc := reviewComment{Path: x.Path, Body: x.Body, Line: x.Line, Side: "RIGHT"}
		if x.StartLine < x.Line {
			rc.StartLine, rc.StartSide = x.StartLine, "RIGHT"
		}
		req.Comments = append(req.Comments, rc)
	}
	var resp struct {
		HTMLURL string `json:"html_url"`
	}
	if err := c.do(ctx, http.MethodPost, c.base+"/reviews", req, &resp); err != nil {
		return "", err
	}
	return resp.HTMLURL, nil
}

func reviewBody(n, existing int) string {
	s := reviewMarker + "\n**ldfallback** suggests the safest fallback value for " + plural(n, "stale fallback", "stale fallbacks") + " on the lines this pull request changed"
	if existing > 0 {
		s += " (" + plural(existing, "earlier suggestion stands", "earlier suggestions stand") + ")"
	}
	return s + ".\n"
}

// do sends one request and decodes the answer into out. Its errors name the
// method, path and status with GitHub's message, never the token.
func (c *client) do(ctx context.Context, method, u string, in, out any) error {
	var body io.Reader
	if in != nil {
		data, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return c.scrub(err)
	}
	req.Header.Set("Authorization", "Bearer "+c.o.Token)
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	what := method + " " + pathOf(u)
	resp, err := c.o.Client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is in what already
		}
		return c.scrub(fmt.Errorf("%s: %v", what, err))
	}
	defer resp.Body.Close()
	data, over, err := inputfile.ReadBounded(resp.Body, pageSizeLimit)
	switch {
	case err != nil:
		return c.scrub(fmt.Errorf("%s: %v", what, err))
	case over:
		return fmt.Errorf("%s: the answer is larger than %s", what, inputfile.FormatSize(pageSizeLimit))
	case resp.StatusCode/100 != 2:
		return c.scrub(fmt.Errorf("%s: HTTP %d%s%s", what, resp.StatusCode, apiMessage(data), hint(resp.StatusCode)))
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("%s: the answer is not the JSON expected: %v", what, err)
	}
	return nil
}

// scrub keeps the token out of an error, whatever a server echoed.
func (c *client) scrub(err error) error {
	if c.o.Token == "" || !strings.Contains(err.Error(), c.o.Token) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), c.o.Token, "***"))
}

func pathOf(u string) string {
	if p, err := url.Parse(u); err == nil {
		return p.Path
	}
	return "the API"
}

// apiMessage is GitHub's error message and first error detail, cut short.
func apiMessage(data []byte) string {
	var e struct {
		Message string `json:"message"`
		Errors  []any  `json:"errors"`
	}
	if json.Unmarshal(data, &e) != nil || e.Message == "" {
		return ""
	}
	msg := e.Message
	if len(e.Errors) > 0 {
		if d, err := json.Marshal(e.Errors[0]); err == nil {
			msg += " " + string(d)
		}
	}
	if len(msg) > 300 {
		cut := 300
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "…"
	}
	return " (" + msg + ")"
}

func hint(status int) string {
	switch status {
	case http.StatusUnauthorized:
		return "; check the github-token input"
	case http.StatusForbidden, http.StatusNotFound:
		return "; the token needs pull-requests: write, which a pull request from a fork does not get"
	case http.StatusUnprocessableEntity:
		return "; a suggestion is not on the pull request's diff, or the head commit moved"
	}
	return ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
