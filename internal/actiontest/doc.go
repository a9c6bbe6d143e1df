// Package actiontest runs the repository's composite GitHub Action
// (action.yml) the way a runner does, so the action is tested without GitHub:
// it parses action.yml, evaluates the ${{ }} expressions it uses, runs each
// run: step with bash in a temp directory holding the GITHUB_OUTPUT,
// GITHUB_ENV and GITHUB_STEP_SUMMARY files, and skips uses: steps (setup-go:
// the test machine already has Go).
//
// It holds only tests and the small runner they share; nothing imports it.
package actiontest
