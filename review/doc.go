// Package review offers the --fix edits of `ldfallback check` as GitHub
// suggested changes: one pull request review whose comments each hold a
// ```suggestion block with the full rewritten line(s), on the lines the pull
// request changed (GitHub refuses a review comment anywhere else, and with it
// the whole review).
//
// Two stages, so that check stays offline and deterministic:
//
//   - Build (run by `check --github-review FILE`) takes the findings, the
//     edits fix.Suggest accepted and the changed lines (package changes), and
//     returns a Plan: the review comments (path, line range, the lines now and
//     after, the Markdown body with a hidden marker) and the stale fallbacks
//     it leaves out, with the reason (outside the changed lines, control
//     characters, not fixable).
//   - Post (run by the Action through `ldfallback github-review`) reads a Plan,
//     drops the comments an earlier run already posted on the pull request
//     (GET /repos/{owner}/{repo}/pulls/{n}/comments, every page, matched by
//     the marker: path, lines and content), caps the rest, and creates one
//     review (POST /repos/{owner}/{repo}/pulls/{n}/reviews, event COMMENT, on
//     the head commit). API failures (a fork's read-only token: 403; 422) are
//     warnings in the Result, never errors; the token never appears in them.
//     Result.Markdown is the job summary's account of what landed where.
package review
