// Package policy owns fallback policy as code: the `policy:` section of
// .ldfallback.yaml, where a team writes down, per flag or per group of flags,
// which fallback it wants (safest, fail-closed, fail-open, dynamic or a fixed
// value), why (rationale) and when to look again (review date, and the flag
// version the intent was written against).
//
// In: the parsed Policy, the resolver's answers (fallback.Result), the
// payload the answers came from (for variations, off and fallthrough
// variations, versions) and, when a source reports it, flag metadata
// (flagmeta.Set: tags, temporary). Out: one Decision per flag — the value the
// code should fall back to under the team's intent, which rule decided it,
// and the rationale — plus warnings about rules that could not be applied.
// Decide is pure: no clock, no output; the review-date check (Due) takes
// today as an argument.
//
// Precedence: a per-flag entry (policy.flags.KEY) wins over every rule; among
// rules the first that matches decides (list specific rules before general
// ones, as in a firewall); a flag no rule matches gets `safest`.
package policy
