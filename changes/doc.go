// Package changes knows which lines of which files a change touched, for
// `check --new-from-rev REV` and `check --new-from-patch FILE` (the names
// golangci-lint uses): findings on other lines are left out of the report.
//
// In: a unified diff (ParsePatch), or a git revision (FromRev runs `git diff`
// from REV to the working tree and adds untracked files as wholly new).
// Out: a Set answering Has(file, line) for paths relative to the directory
// git ran in (the current directory, which is also where finding paths are
// relative to), with '/'. Only the new side counts: added and modified lines;
// a deleted line leaves nothing to report on.
package changes
