package check

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/payload"
	"github.com/ldfallback/ldfallback/scanner"
)

// Options tune a check. Every field is optional.
type Options struct {
	// Config gives severities per kind and per path (nil: defaults).
	Config *config.Config
	// FallbackConfig is the fallback-config.json that FromConfig wrappers read
	// (see LoadFallbackConfig); nil when the file does not exist.
	FallbackConfig map[string]json.RawMessage
	// FallbackConfigLines maps each key of FallbackConfig to its line.
	FallbackConfigLines map[string]int
	// FallbackConfigFile is the path findings against the file name (relative to the scanned root, with '/').
	FallbackConfigFile string
	// Baseline suppresses the findings it lists.
	Baseline *Baseline
	// Changed, when set, keeps only findings on changed lines (check
	// --new-from-rev / --new-from-patch); the others go to Report.Outside.
	// A finding with related sites is kept when any of its sites changed.
	Changed interface {
		Has(file string, line int) bool
	}
	// Payload, when given, supplies every flag's variation types, so that
	// type-mismatch also works for flags with no safe value. Without it the
	// type of the resolver's answer is used.
	Payload *payload.Payload
}

// Check compares calls with the safest fallbacks. res and scan may be nil (treated as empty).
func Check(res *fallback.Result, scan *scanner.Result, opts Options) *Report {
	if res == nil {
		res = fallback.NewResult(nil)
	}
	if scan == nil {
		scan = &scanner.Result{}
	}
	keys := make([]string, len(res.Answers))
	for i, a := range res.Answers {
		keys[i] = a.Key
	}
	scan = withFlagNames(scan, keys) // React flags-object reads: names → keys (names.go)
	c := &checker{res: res, opts: opts, sev: newSeverities(opts.Config), types: flagTypes(res, opts.Payload)}
	if c.opts.FallbackConfigFile == "" {
		c.opts.FallbackConfigFile = "fallback-config.json"
	}
	c.run(scan)
	return c.report(scan)
}

type checker struct {
	res   *fallback.Result
	opts  Options
	sev   *severities
	types map[string]map[string]bool // flag key -> set of variation types

	findings []Finding
	// flagged marks calls (by index) that already have a stale or type finding.
	flagged map[int]bool
	summary Summary
}

func (c *checker) add(f Finding) bool {
	f.Severity = c.sev.of(f.Kind, f.File)
	if f.Severity == SeverityOff {
		return false
	}
	if f.Fingerprint == "" {
		f.Fingerprint = fingerprint(f.Kind, f.File, f.Key, f.Fallback)
	}
	c.findings = append(c.findings, f)
	return true
}

func (c *checker) run(scan *scanner.Result) {
	c.flagged = map[int]bool{}
	used := map[string]bool{}
	files := map[string]bool{}
	staleConfig := map[string]bool{} // keys of fallback-config.json already reported
	for i := range scan.Calls {
		call := &scan.Calls[i]
		c.summary.Calls++
		files[call.File] = true
		if call.Key != nil {
			used[*call.Key] = true
		}
		if call.Ignored {
			c.summary.Ignored++
			continue
		}
		if call.Key == nil {
			c.summary.DynamicKeys++
			msg := fmt.Sprintf("The flag key is not a constant (`%s`), so this call cannot be checked; use a constant key or add `ldfallback:ignore`.", oneLine(call.KeyExpr))
			if call.Note != "" {
				msg = fmt.Sprintf("The flag key of `%s` is not known: %s.", oneLine(call.KeyExpr), call.Note)
			}
			c.add(Finding{Kind: KindDynamicKey, File: call.File, Line: call.Line, Column: call.Column,
				Language: call.Language, Method: call.Method, Fallback: rawOrNull(call.Fallback),
				Recommended: null, Fingerprint: fingerprint(KindDynamicKey, call.File, call.KeyExpr, call.Fallback),
				Message: msg})
			continue
		}
		c.checkCall(i, call, staleConfig)
	}
	c.checkInconsistent(scan.Calls)
	c.checkConfigKeys()

	c.summary.Files = len(files)
	for _, a := range c.res.Answers {
		if !used[a.Key] {
			c.summary.UnusedFlags = append(c.summary.UnusedFlags, a.Key)
		}
	}
	sort.Strings(c.summary.UnusedFlags)
}

var null = json.RawMessage("null")

func rawOrNull(r json.RawMessage) json.RawMessage {
	if len(r) == 0 {
		return null
	}
	return r
}

func (c *checker) base(kind Kind, call *scanner.Call) Finding {
	return Finding{Kind: kind, File: call.File, Line: call.Line, Column: call.Column, Key: *call.Key,
		Language: call.Language, Method: call.Method, Fallback: rawOrNull(call.Fallback), Recommended: null}
}

func (c *checker) checkCall(i int, call *scanner.Call, staleConfig map[string]bool) {
	key := *call.Key
	ans, known := c.res.Get(key)
	if !known {
		f := c.base(KindUnknownFlag, call)
		f.Message = unknownMessage(key, c.closest(key))
		c.add(f)
		return
	}
	rec := null
	if ans.HasValue {
		rec = fallback.ValueJSON(ans.Value)
	}

	if f, ok := c.typeMismatch(call, ans, rec); ok {
		c.flagged[i] = c.add(f)
		return
	}

	if call.FromConfig {
		c.checkFromConfig(call, ans, rec, staleConfig)
		return
	}
	if ans.Reason == fallback.ReasonFallbackServed {
		f := c.base(KindLiveFallback, call)
		f.Reason = string(ans.Reason)
		f.Message = liveMessage(key, ans, call)
		c.add(f) // not flagged: inconsistent-fallback still compares the sites (as an error)
		return
	}
	if call.Dynamic {
		f := c.base(KindDynamicFallback, call)
		f.Recommended, f.Reason = rec, string(ans.Reason)
		f.Message = dynamicMessage(key, call.FallbackText, ans, rec)
		c.add(f)
		return
	}
	if len(call.Fallback) == 0 || !ans.HasValue {
		// No literal to compare, or no safe value to compare it with.
		return
	}
	if JSONEqual(call.Fallback, rec) {
		return
	}
	f := c.base(KindStaleFallback, call)
	f.Recommended, f.Reason = rec, string(ans.Reason)
	f.Message = staleMessage(key, ans, rec, call.Fallback, call.Implicit, "")
	c.flagged[i] = c.add(f)
}

func (c *checker) checkFromConfig(call *scanner.Call, ans fallback.Answer, rec json.RawMessage, staleConfig map[string]bool) {
	key := *call.Key
	file := c.opts.FallbackConfigFile
	val, ok := c.opts.FallbackConfig[key]
	if !ok {
		f := c.base(KindMissingConfig, call)
		f.Recommended, f.Reason = rec, string(ans.Reason)
		if c.opts.FallbackConfig == nil {
			f.Message = fmt.Sprintf("`%s` is read from %s, which does not exist; run `ldfallback generate -o %s`.", key, file, file)
		} else {
			f.Message = fmt.Sprintf("`%s` is read from %s, which has no entry for it, so the wrapper has no fallback; run `ldfallback generate -o %s`.", key, file, file)
		}
		c.add(f)
		return
	}
	if staleConfig[key] || !ans.HasValue || JSONEqual(val, rec) {
		return
	}
	staleConfig[key] = true
	line := c.opts.FallbackConfigLines[key]
	if line == 0 {
		line = 1
	}
	c.add(Finding{Kind: KindStaleFallback, File: file, Line: line, Column: 1, Key: key,
		Fallback: val, Recommended: rec, Reason: string(ans.Reason),
		Message: staleMessage(key, ans, rec, val, false, file) + fmt.Sprintf(" Regenerate %s with `ldfallback generate`.", file)})
}

// checkConfigKeys reports keys of fallback-config.json that are not flags.
func (c *checker) checkConfigKeys() {
	keys := make([]string, 0, len(c.opts.FallbackConfig))
	for k := range c.opts.FallbackConfig {
		if _, ok := c.res.Get(k); !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		line := c.opts.FallbackConfigLines[k]
		if line == 0 {
			line = 1
		}
		c.add(Finding{Kind: KindUnknownFlag, File: c.opts.FallbackConfigFile, Line: line, Column: 1, Key: k,
			Fallback: c.opts.FallbackConfig[k], Recommended: null,
			Message: unknownMessage(k, c.closest(k)) + " Regenerate the file with `ldfallback generate` to drop it."})
	}
}

// typeMismatch finds calls where the SDK would return the fallback with
// WRONG_TYPE (the typed method does not match the flag's variations), or
// where the literal's type does not match the typed method.
func (c *checker) typeMismatch(call *scanner.Call, ans fallback.Answer, rec json.RawMessage) (Finding, bool) {
	want := string(call.Type)
	typed := want == "bool" || want == "string" || want == "number"
	if !typed {
		return Finding{}, false
	}
	key := *call.Key
	if lt := jsonType(call.Fallback); len(call.Fallback) > 0 && !call.Dynamic && lt != "" && lt != "null" && lt != want && !call.Implicit {
		f := c.base(KindTypeMismatch, call)
		f.Recommended, f.Reason = rec, string(ans.Reason)
		f.Message = fmt.Sprintf("`%s` is evaluated by %s, which expects %s, but the fallback `%s` is %s.",
			key, methodName(call.Method), article(want), compact(call.Fallback), article(lt))
		return f, true
	}
	vt := c.types[key]
	if len(vt) == 0 || vt[want] {
		return Finding{}, false
	}
	f := c.base(KindTypeMismatch, call)
	f.Recommended, f.Reason = rec, string(ans.Reason)
	served := typeList(vt)
	if typedMethod(call.Method) {
		f.Message = fmt.Sprintf("`%s` serves %s, but %s expects %s: the SDK returns the fallback with a WRONG_TYPE error for every context; use the evaluation method for %s.",
			key, served, methodName(call.Method), article(want), served)
	} else {
		f.Message = fmt.Sprintf("`%s` serves %s, but the code treats it as %s (fallback `%s`).",
			key, served, article(want), compact(call.Fallback))
	}
	return f, true
}

// checkInconsistent reports, for each flag used with different literal
// fallbacks, every site that differs from the reference value: the
// recommended value when some site uses it, else the most common value
// (ties: the first site). Sites already reported as stale or type-mismatch
// are not reported again.
func (c *checker) checkInconsistent(calls []scanner.Call) {
	byKey := map[string][]int{}
	for i := range calls {
		call := &calls[i]
		if call.Ignored || call.Key == nil || call.Dynamic || call.FromConfig || len(call.Fallback) == 0 {
			continue
		}
		byKey[*call.Key] = append(byKey[*call.Key], i)
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		idx := byKey[key]
		count := map[string]int{}
		var order []string
		for _, i := range idx {
			n := normalizeJSON(calls[i].Fallback)
			if count[n] == 0 {
				order = append(order, n)
			}
			count[n]++
		}
		if len(order) < 2 {
			continue
		}
		ref := order[0]
		for _, v := range order {
			if count[v] > count[ref] {
				ref = v
			}
		}
		ans, ok := c.res.Get(key)
		if ok && ans.HasValue {
			if r := normalizeJSON(fallback.ValueJSON(ans.Value)); count[r] > 0 {
				ref = r
			}
		}
		for _, i := range idx {
			call := &calls[i]
			if normalizeJSON(call.Fallback) == ref || c.flagged[i] {
				continue
			}
			f := c.base(KindInconsistentFallback, call)
			if ok {
				f.Reason = string(ans.Reason)
				if ans.HasValue {
					f.Recommended = fallback.ValueJSON(ans.Value)
				}
			}
			var others []string
			for _, j := range idx {
				if normalizeJSON(calls[j].Fallback) != normalizeJSON(call.Fallback) {
					f.Related = append(f.Related, Location{File: calls[j].File, Line: calls[j].Line, Column: calls[j].Column})
					others = append(others, fmt.Sprintf("`%s` at %s:%d", compact(calls[j].Fallback), calls[j].File, calls[j].Line))
				}
			}
			if len(others) > 3 {
				others = append(others[:3], fmt.Sprintf("%d more", len(others)-3))
			}
			f.Message = fmt.Sprintf("`%s` falls back to `%s` here but to %s; pick one fallback for the flag.",
				key, compact(call.Fallback), strings.Join(others, ", "))
			if ok && ans.Reason == fallback.ReasonFallbackServed {
				// Each literal is what production serves at its site: two
				// sites serve two different production values.
				f.Message = fmt.Sprintf("`%s` serves the code's fallback to every context, so these are production values: `%s` here but %s; pick one.",
					key, compact(call.Fallback), strings.Join(others, ", "))
				if c.add(f) {
					c.findings[len(c.findings)-1].Severity = SeverityError
				}
				continue
			}
			c.add(f)
		}
	}
}

func (c *checker) report(scan *scanner.Result) *Report {
	r := &Report{Findings: []Finding{}, Summary: c.summary}
	r.Summary.ScannedFiles = scan.Stats.Files
	r.Summary.Unreadable = scan.Stats.Unreadable
	if r.Summary.UnusedFlags == nil {
		r.Summary.UnusedFlags = []string{}
	}
	sortFindings(c.findings)
	for _, f := range c.findings {
		if c.opts.Baseline.Has(f.Fingerprint) {
			r.Baselined = append(r.Baselined, f)
			continue
		}
		if c.opts.Changed != nil && !onChangedLine(c.opts.Changed, f) {
			r.Outside = append(r.Outside, f)
			continue
		}
		r.Findings = append(r.Findings, f)
	}
	r.Summary.Baselined = len(r.Baselined)
	r.Summary.OutsideChanges = len(r.Outside)
	r.Summary.Findings = len(r.Findings)
	r.Summary.ByKind = map[Kind]int{}
	for _, k := range Kinds {
		r.Summary.ByKind[k] = 0
	}
	r.Summary.BySeverity = map[Severity]int{SeverityError: 0, SeverityWarning: 0, SeverityNote: 0}
	for _, f := range r.Findings {
		r.Summary.ByKind[f.Kind]++
		r.Summary.BySeverity[f.Severity]++
	}
	return r
}

func onChangedLine(changed interface{ Has(string, int) bool }, f Finding) bool {
	if changed.Has(f.File, f.Line) {
		return true
	}
	for _, rel := range f.Related {
		if changed.Has(rel.File, rel.Line) {
			return true
		}
	}
	return false
}

// flagTypes maps each flag to the set of its variations' types.
func flagTypes(res *fallback.Result, p *payload.Payload) map[string]map[string]bool {
	m := map[string]map[string]bool{}
	if p != nil {
		for key, flag := range p.Flags {
			if flag == nil {
				continue
			}
			set := map[string]bool{}
			for _, v := range flag.Variations {
				if t := ldType(v); t != "null" {
					set[t] = true
				}
			}
			if len(set) > 0 {
				m[key] = set
			}
		}
	}
	for _, a := range res.Answers {
		if _, ok := m[a.Key]; ok || !a.HasValue {
			continue
		}
		if t := ldType(a.Value); t != "null" {
			m[a.Key] = map[string]bool{t: true}
		}
	}
	return m
}

func ldType(v ldvalue.Value) string {
	switch v.Type() {
	case ldvalue.BoolType:
		return "bool"
	case ldvalue.StringType:
		return "string"
	case ldvalue.NumberType:
		return "number"
	case ldvalue.ObjectType, ldvalue.ArrayType:
		return "json"
	}
	return "null"
}

// closest returns the existing flag key nearest to key, "" when none is near.
func (c *checker) closest(key string) string {
	return Closest(key, c.res.Answers)
}

// Closest returns the flag key of answers nearest to key by edit distance, ""
// when none is near enough to be a plausible typo.
func Closest(key string, answers []fallback.Answer) string {
	best, bestD := "", -1
	limit := max(2, len(key)/3)
	for _, a := range answers {
		d := levenshtein(key, a.Key, limit)
		if d <= limit && (bestD < 0 || d < bestD) {
			best, bestD = a.Key, d
		}
	}
	return best
}

// levenshtein is the edit distance of a and b, or limit+1 when it is larger
// than limit (the length difference alone decides that cheaply).
func levenshtein(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// liveMessage words a live-fallback finding.
func liveMessage(key string, ans fallback.Answer, call *scanner.Call) string {
	fb := "this fallback"
	if len(call.Fallback) > 0 && !call.Dynamic {
		fb = "this fallback (`" + compact(call.Fallback) + "`)"
	}
	why := "is off and has no off variation"
	switch {
	case ans.Deleted:
		why = "is deleted in this environment (`\"deleted\": true`)"
	case ans.Reason == fallback.ReasonFallbackServed && len(ans.Path) > 0:
		why = "fails its prerequisites for every context and has no off variation"
	}
	return fmt.Sprintf("`%s` %s, so every context gets %s: it is the production value, not an outage value.", key, why, fb)
}
