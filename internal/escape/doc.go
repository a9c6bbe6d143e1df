// Package escape owns the escaping of outside strings (file names, flag keys,
// values, messages quoting them) for each sink ldfallback writes to, the way
// html/template escapes by context: one function per sink, and no outside
// string reaches a sink without going through its function.
//
//   - Terminal: text for a terminal or a CI log (the text formats, explain,
//     scan, drift lines, every stderr line). Control and invisible characters
//     become visible escapes (\x1b, \n, \u202e), invalid UTF-8 becomes \xNN,
//     so an outside string can neither move the cursor, recolour, reorder the
//     line, nor break it. Because the GitHub runner reads every line of stdout
//     and stderr as a possible workflow command, Terminal also defuses a
//     leading "::" and any "##[" (the runner's two command syntaxes).
//   - Data, Property: the runner's own escaping of a workflow command's data
//     and property values (actions/runner ActionCommand.cs, actions/toolkit
//     command.ts); Unescape* are the runner's reverse, for tests.
//   - MarkdownText, MarkdownCode, MarkdownTableCode: GitHub-flavoured
//     Markdown for the job summary; text has every ASCII punctuation
//     backslash-escaped, code goes in a code span whose fence is longer than
//     any backtick run inside, so nothing from outside renders as a link,
//     image, HTML or a table column. MarkdownFence: a fenced code block
//     (a review's suggested change) whose fence no line inside can close.
//
// JSON and SARIF need nothing here: encoding/json escapes by construction.
package escape
