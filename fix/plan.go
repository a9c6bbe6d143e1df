package fix

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/scanner"
)

// Edit is one literal to rewrite.
type Edit struct {
	// File holds the literal, relative to the root given to Apply, with '/'.
	File string
	// Start and End are the literal's byte span in File.
	Start, End int
	Language   string
	Key        string
	// At is where the finding was reported (the call), "file:line".
	At string
	// Old is the literal's expected source text ("" when only its value is known).
	Old string
	// OldValue is the literal's value as JSON; the span must still hold it.
	OldValue json.RawMessage
	// NewValue is the recommended value; New is its source text once Apply rendered it.
	NewValue json.RawMessage
	New      string
}

// Skipped is a finding fix leaves alone, with the reason.
type Skipped struct {
	File   string
	Line   int
	Key    string
	Kind   check.Kind
	Reason string
}

func (s Skipped) String() string {
	return fmt.Sprintf("%s:%d: %s (%s): %s", s.File, s.Line, s.Key, s.Kind, s.Reason)
}

// Plan pairs findings with the calls they were reported on and returns the
// edits for stale-fallback literals, and the findings it will not fix.
// Findings of other kinds that a user might expect --fix to handle (type
// mismatches, dynamic fallbacks, missing config) are listed as skipped;
// notes and warnings about keys are not.
func Plan(findings []check.Finding, calls []scanner.Call) ([]Edit, []Skipped) {
	type pos struct {
		file      string
		line, col int
		key       string
	}
	byPos := map[pos]*scanner.Call{}
	for i := range calls {
		c := &calls[i]
		if c.Key != nil {
			byPos[pos{c.File, c.Line, c.Column, *c.Key}] = c
		}
	}
	var edits []Edit
	var skipped []Skipped
	skip := func(f check.Finding, reason string) {
		skipped = append(skipped, Skipped{File: f.File, Line: f.Line, Key: f.Key, Kind: f.Kind, Reason: reason})
	}
	// With several environments one literal can be stale in each of them
	// (with the same safe value, or check reports environment-divergent):
	// one edit per call.
	planned := map[pos]bool{}
	for _, f := range findings {
		switch f.Kind {
		case check.KindStaleFallback, check.KindEnvironmentDivergent:
			// environment-divergent is fixed only when the critical
			// environments agree on a value the literal differs from
			// (check sets Recommended to it); else there is no one value.
			if f.Kind == check.KindEnvironmentDivergent && (len(f.Recommended) == 0 || string(f.Recommended) == "null" || check.JSONEqual(f.Recommended, f.Fallback)) {
				continue
			}
			p := pos{f.File, f.Line, f.Column, f.Key}
			if planned[p] {
				continue
			}
			planned[p] = true
		case check.KindTypeMismatch:
			skip(f, "a type mismatch needs a change of evaluation method or type, not of the value")
			continue
		case check.KindMissingConfig:
			skip(f, "run `ldfallback generate` to add the flag to the fallback config")
			continue
		default:
			continue
		}
		c := byPos[pos{f.File, f.Line, f.Column, f.Key}]
		switch {
		case c == nil:
			skip(f, "the value is not in code (regenerate fallback-config.json with `ldfallback generate`)")
		case c.Implicit:
			skip(f, "the call passes no fallback; add one by hand")
		case c.Dynamic || c.FromConfig:
			skip(f, "the fallback is not a literal")
		case c.FallbackSpan.End <= c.FallbackSpan.Start:
			skip(f, "the scanner did not locate the literal (a definition or constant fix cannot rewrite safely)")
		default:
			e := Edit{File: c.File, Start: c.FallbackSpan.Start, End: c.FallbackSpan.End, Language: c.Language,
				Key: f.Key, At: fmt.Sprintf("%s:%d", f.File, f.Line), OldValue: c.Fallback, NewValue: f.Recommended}
			if c.FallbackFile != "" && c.FallbackFile != c.File {
				e.File = c.FallbackFile
			} else {
				e.Old = c.FallbackText
			}
			edits = append(edits, e)
		}
	}
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].File != edits[j].File {
			return edits[i].File < edits[j].File
		}
		return edits[i].Start < edits[j].Start
	})
	return edits, skipped
}
