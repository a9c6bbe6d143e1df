// Package report formats a check.Report for people and machines: Text (a
// terminal), JSON (the DESIGN.md contract), SARIF 2.1.0 (GitHub code
// scanning and other SARIF viewers), GitHub workflow commands (annotations
// on a pull request) and Markdown (a $GITHUB_STEP_SUMMARY table). It also has
// plain-text views of the explain and scan results.
//
// Formatters only write; they never decide what is a finding, and every
// output is deterministic for a given report (the report's order, sorted
// maps). Whether to colour is the caller's decision (isatty, NO_COLOR).
package report
