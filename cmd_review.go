package main

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/fix"
	"github.com/ldfallback/ldfallback/internal/atomicfile"
	"github.com/ldfallback/ldfallback/internal/escape"
	"github.com/ldfallback/ldfallback/internal/inputfile"
	"github.com/ldfallback/ldfallback/review"
	"github.com/ldfallback/ldfallback/scanner"
)

// writeReviewPlan writes check --github-review FILE: the --fix edits on the
// changed lines as review comments (package review), for github-review.
func writeReviewPlan(path string, rep *check.Report, scanRes *scanner.Result, changed review.Changed) error {
	edits, skipped := fix.Plan(rep.Findings, scanRes.Calls)
	var sugg []fix.Suggestion
	if len(edits) > 0 {
		s, skip, err := fix.Suggest(".", edits)
		if err != nil {
			return err
		}
		sugg, skipped = s, append(skipped, skip...)
	}
	plan, err := review.Build(".", rep.Findings, sugg, skipped, changed)
	if err != nil {
		return err
	}
	data, err := plan.Encode()
	if err != nil {
		return err
	}
	if err := atomicfile.Write(path, data, 0o644); err != nil {
		return usagef("%s: cannot write: %v", path, err)
	}
	return nil
}

// githubReviewCommand posts a review plan on a pull request. It is the
// Action's step, hidden from the help: its input is check --github-review's
// file and its environment a GitHub Actions runner's.
func githubReviewCommand() *cli.Command {
	return &cli.Command{
		Name:      "github-review",
		Usage:     "post the suggested changes of check --github-review FILE as one pull request review (used by the GitHub Action)",
		ArgsUsage: "PLAN",
		Hidden:    true,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "pr", Usage: "the pull request `NUMBER`"},
			&cli.StringFlag{Name: "commit", Usage: "the pull request's head commit `SHA` (the review's commit_id)"},
			&cli.IntFlag{Name: "max-comments", Value: review.DefaultMax, Usage: "post at most `N` suggestions in the review; the rest are listed in the summary"},
			&cli.StringFlag{Name: "summary", Usage: "append what was posted and what was not, as Markdown, to `FILE`"},
			&cli.StringFlag{Name: "token", EnvVars: []string{"GITHUB_TOKEN"}, Usage: "GitHub token with pull-requests: write"},
			&cli.StringFlag{Name: "api-url", EnvVars: []string{"GITHUB_API_URL"}, Value: "https://api.github.com", Usage: "GitHub REST API `URL`"},
			&cli.StringFlag{Name: "repo", EnvVars: []string{"GITHUB_REPOSITORY"}, Usage: "the repository, `OWNER/NAME`"},
		},
		Action: runGitHubReview,
	}
}

func runGitHubReview(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("github-review takes one PLAN file (written by check --github-review)")
	}
	data, err := inputfile.ReadFile(c.Args().First(), inputfile.DataLimit)
	if err != nil {
		return usagef("%s: %s", c.Args().First(), unwrapPathError(err))
	}
	plan, err := review.ReadPlan(data)
	if err != nil {
		return usagef("%s: %v", c.Args().First(), err)
	}
	if c.Int("max-comments") < 1 {
		return usagef("--max-comments %d: want 1 or more", c.Int("max-comments"))
	}
	o := review.Options{APIURL: c.String("api-url"), Repo: c.String("repo"), PR: c.Int("pr"),
		Commit: c.String("commit"), Token: c.String("token"), Max: c.Int("max-comments")}
	if o.Repo == "" || o.PR <= 0 || o.Commit == "" {
		return usagef("github-review needs --pr, --commit and --repo (or GITHUB_REPOSITORY)")
	}
	var warnings []string
	if len(plan.Comments) > 0 {
		// GitHub paths are from the repository root, and the lines must be
		// the head commit's: the checkout may be the merge commit.
		prefix, head, err := gitCheckout()
		if err != nil {
			warnings = append(warnings, "not in a git checkout, so the lines at the pull request head cannot be checked; no suggestion posted: "+err.Error())
			plan.Withhold("not posted: the lines at the pull request head could not be checked")
		}
		o.Prefix = prefix
		if head != o.Commit {
			o.HeadLines = func(path string) ([]string, error) { return gitLines(o.Commit, path) }
		}
	}
	res, err := review.Post(context.Background(), plan, o)
	if err != nil {
		return usagef("%v", err)
	}
	res.Warnings = append(warnings, res.Warnings...)
	for _, w := range res.Warnings {
		// A workflow command, so the runner shows it as a warning; the text is
		// terminal-escaped, then escaped as the command's data.
		fmt.Fprintf(c.App.Writer, "::warning title=ldfallback::%s\n", escape.Data(escape.Terminal(w)))
	}
	fmt.Fprintf(c.App.Writer, "ldfallback: %d suggested change(s) posted, %d already on the pull request, %d not offered\n",
		len(res.Posted), len(res.Existing), len(res.Left))
	if f := c.String("summary"); f != "" {
		var buf bytes.Buffer
		if err := res.Markdown(&buf); err != nil {
			return err
		}
		if err := appendSummary(f, buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// gitCheckout returns the current directory relative to the repository root
// ("" or "dir/") and the commit checked out.
func gitCheckout() (prefix, head string, err error) {
	out, err := exec.Command("git", "rev-parse", "--show-prefix", "HEAD").Output()
	if err != nil {
		return "", "", fmt.Errorf("git rev-parse: %v", err)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) != 2 {
		return "", "", fmt.Errorf("git rev-parse: unexpected output")
	}
	return lines[0], lines[1], nil
}

// gitLines returns the lines of a repository path at a commit.
func gitLines(commit, path string) ([]string, error) {
	// rev:path names a path from the repository root, wherever git runs.
	out, err := exec.Command("git", "cat-file", "blob", commit+":"+path).Output()
	if err != nil {
		return nil, err
	}
	return strings.Split(string(out), "\n"), nil
}
