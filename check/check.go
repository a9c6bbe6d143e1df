package check

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/envset"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/flagmeta"
	"github.com/ldfallback/ldfallback/payload"
	"github.com/ldfallback/ldfallback/policy"
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
	// EnvFallbackConfigs, with several environments, gives each environment
	// its own fallback-config.json (a fallbackConfig path with {env}): a
	// wrapper's value is then compared, in each environment, with that
	// environment's file only, and FallbackConfig is not used. An
	// environment missing from the map has no file (missing-config).
	EnvFallbackConfigs map[string]FallbackConfig
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
	// type of the resolver's answer is used. (CheckSet reads each
	// environment's own payload instead.)
	Payload *payload.Payload
	// Expected, when set, decides the value a call's literal is compared
	// with in one environment (env is "" for the single unnamed
	// environment), in place of the safest fallback: this is where a
	// fallback policy plugs in. ok=false keeps the safest fallback. ok=true
	// with a nil value means "no literal is expected" (the code decides): the
	// call is not compared in that environment. reason becomes the
	// finding's reason. Every comparison of a literal with an environment
	// goes through expect (below), so nothing else needs to change.
	Expected func(env, key string) (value json.RawMessage, reason string, ok bool)
	// Meta is what the REST API says of the project's flags (archived,
	// deprecated); nil when the flags came from an SDK payload.
	Meta flagmeta.Set
	// Policy holds the fallback policy's decisions (policy.Decide) by
	// environment name ("" for the single environment); nil without a
	// policy. Where a rule or entry decided, a literal is compared with the
	// decision's value (not at all for dynamic), and a stale finding names
	// the entry and its rationale.
	Policy map[string]*policy.Decisions
	// PolicyDue are the policy entries to review (policy.Due), reported as
	// review-due on their line of PolicyFile (the config file).
	PolicyDue  []policy.Due
	PolicyFile string
}

// FallbackConfig is one fallback-config.json: its values (nil when the file
// does not exist), each key's line, and its path for findings.
type FallbackConfig struct {
	Values map[string]json.RawMessage
	Lines  map[string]int
	File   string
}

// Check compares calls with the safest fallbacks of one environment. res and
// scan may be nil (treated as empty).
func Check(res *fallback.Result, scan *scanner.Result, opts Options) *Report {
	return CheckSet(envset.Single(res, opts.Payload), scan, opts)
}

// CheckSet compares every call with every environment of set (README
// "Several environments"). With one environment it is exactly Check: no
// finding carries an environment. With several, a stale literal is reported
// once per environment it is stale in (at the kind's severity in a critical
// environment, as a note in the others), and a flag whose safe values differ
// across environments gets one environment-divergent finding instead.
func CheckSet(set *envset.Set, scan *scanner.Result, opts Options) *Report {
	if scan == nil {
		scan = &scanner.Result{}
	}
	keys := set.Keys()
	scan = withFlagNames(scan, keys) // React flags-object reads: names → keys (names.go)
	if opts.Meta == nil {
		opts.Meta = set.Meta // the REST API's metadata travels with the set
	}
	c := &checker{set: set, multi: !set.Single(), opts: opts, sev: newSeverities(opts.Config), types: map[string]map[string]bool{}}
	// Variations are defined per flag for the whole project, so a flag's
	// types are the same everywhere: the union covers a flag missing in one
	// environment's payload.
	for _, e := range set.Envs {
		p := e.Payload
		if p == nil && set.Single() {
			p = opts.Payload
		}
		for k, ts := range flagTypes(e.Result, p) {
			if c.types[k] == nil {
				c.types[k] = map[string]bool{}
			}
			for t := range ts {
				c.types[k][t] = true
			}
		}
	}
	c.allAnswers = make([]fallback.Answer, 0, len(keys))
	for _, k := range keys {
		c.allAnswers = append(c.allAnswers, fallback.Answer{Key: k})
	}
	if c.opts.FallbackConfigFile == "" {
		c.opts.FallbackConfigFile = "fallback-config.json"
	}
	c.run(scan)
	return c.report(scan)
}

type checker struct {
	set *envset.Set
	// multi is set when the run has several environments: findings then carry them.
	multi bool
	// allAnswers holds every key of every environment (for typo suggestions).
	allAnswers []fallback.Answer
	opts       Options
	sev        *severities
	types      map[string]map[string]bool // flag key -> set of variation types

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
	if f.escalate != "" {
		if s := c.sev.of(f.escalate, f.File); s != SeverityOff && s.rank() > f.Severity.rank() {
			f.Severity = s
		}
	}
	if c.multi && f.Environment == "" {
		f.Environment = AllEnvironments
	}
	if f.Environment != "" {
		// Against a non-critical environment a finding is a note: the
		// critical ones decide the build.
		if e := c.set.Get(f.Environment); e != nil && !e.Critical {
			f.Severity = SeverityNote
		}
	}
	if f.Fingerprint == "" {
		f.Fingerprint = fingerprintEnv(f.Kind, f.File, f.Key, f.Fallback, f.Environment)
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
		if call.Key == nil && call.Forwards != nil {
			// An inferred wrapper's own SDK call: its key is the wrapper's
			// parameter, and every caller of the wrapper is checked as a call.
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
	for _, d := range c.opts.PolicyDue {
		f := reviewDueFinding(c.opts.PolicyFile, d)
		if e := c.set.Get(d.Environment); e != nil && d.Environment != "" {
			f.Environment = c.envName(e)
			f.Message = c.inEnv(e, f.Message)
			f.Fingerprint = ""
		}
		c.add(f)
	}

	c.summary.Files = len(files)
	for _, a := range c.allAnswers {
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

// envExp is what one environment expects of one flag's literal.
type envExp struct {
	env   *envset.Env
	known bool
	ans   fallback.Answer
	// rec is the value a literal is compared with (null when none); has says
	// there is one to compare with.
	rec    json.RawMessage
	has    bool
	reason string
	// pol is the policy decision that set rec, nil when none did.
	pol *policy.Decision
}

// expect is the one place a call's literal meets an environment: the
// safest fallback of key in every environment, or what Options.Expected
// says instead.
func (c *checker) expect(key string) []envExp {
	out := make([]envExp, 0, len(c.set.Envs))
	for _, ea := range c.set.Answers(key) {
		x := envExp{env: ea.Env, known: ea.Known, ans: ea.Answer, rec: null, reason: string(ea.Answer.Reason)}
		if ea.Known && ea.Answer.HasValue {
			x.rec, x.has = fallback.ValueJSON(ea.Answer.Value), true
		}
		if ea.Known && c.opts.Expected != nil {
			if v, reason, ok := c.opts.Expected(ea.Env.Name, key); ok {
				x.rec, x.has, x.reason = rawOrNull(v), len(v) > 0, reason
			}
		}
		if d := c.decision(ea.Env.Name, key); ea.Known && d != nil {
			// The documented intent: the decision's value, or nothing to
			// compare (dynamic, or a strategy with no value here).
			rec, has, _ := policyExpect(d)
			x.rec, x.has, x.pol = rawOrNull(rec), has, d
		}
		out = append(out, x)
	}
	return out
}

// envName is the environment a finding carries: none with one environment.
func (c *checker) envName(e *envset.Env) string {
	if !c.multi {
		return ""
	}
	return e.Name
}

// inEnv words msg for an environment of a run with several.
func (c *checker) inEnv(e *envset.Env, msg string) string {
	if !c.multi {
		return msg
	}
	if strings.Contains(msg, "in this environment") {
		return strings.ReplaceAll(msg, "in this environment", "in `"+e.Name+"`")
	}
	return "In `" + e.Name + "`: " + msg
}

// reference is the environment whose answer speaks for the flag where one
// answer is needed (type-mismatch, dynamic-fallback): the first critical
// environment that knows the flag, else the first that does.
func reference(known []envExp) envExp {
	for _, x := range known {
		if x.env.Critical {
			return x
		}
	}
	return known[0]
}

func (c *checker) checkCall(i int, call *scanner.Call, staleConfig map[string]bool) {
	key := *call.Key
	var known []envExp
	var missing []string
	for _, x := range c.expect(key) {
		if x.known {
			known = append(known, x)
		} else {
			missing = append(missing, x.env.Name)
		}
	}
	if len(known) == 0 {
		if m, ok := c.opts.Meta.Of(key); ok && m.Archived {
			// Archived: in no environment's payload, and not a typo.
			f := c.base(KindArchivedFlag, call)
			f.Message = archivedMessage(m, call)
			c.add(f)
			return
		}
		f := c.base(KindUnknownFlag, call)
		f.Message = unknownMessage(key, c.closest(key))
		if c.multi {
			f.Message = strings.Replace(f.Message, "in this environment", "in any environment", 1)
		}
		c.add(f)
		return
	}
	for _, name := range missing {
		// Known elsewhere: not a typo, but this environment serves the fallback.
		f := c.base(KindUnknownFlag, call)
		f.Environment = name
		f.Message = fmt.Sprintf("`%s` is not a flag in `%s` (it is in %s), so there every evaluation returns the fallback.", key, name, envList(known))
		c.add(f)
	}
	ref := reference(known)
	if m, ok := c.opts.Meta.Of(key); ok && m.Deprecated {
		f := c.base(KindDeprecatedFlag, call)
		f.Reason = string(ref.ans.Reason)
		f.Message = deprecatedMessage(m)
		c.add(f) // a note; the call is checked as usual below
	}
	if f, ok := c.typeMismatch(call, ref.ans, ref.rec); ok {
		c.flagged[i] = c.add(f)
		return
	}

	if call.FromConfig {
		c.checkFromConfig(call, known, staleConfig)
		return
	}
	var rest []envExp
	for _, x := range known {
		if x.ans.Reason == fallback.ReasonFallbackServed {
			f := c.base(KindLiveFallback, call)
			f.Environment = c.envName(x.env)
			f.Reason = string(x.ans.Reason)
			f.Message = c.inEnv(x.env, liveMessage(key, x.ans, call))
			c.add(f) // not flagged: inconsistent-fallback still compares the sites (as an error)
			continue
		}
		rest = append(rest, x)
	}
	if len(rest) == 0 {
		return
	}
	if call.Dynamic {
		ref := reference(rest)
		f := c.base(KindDynamicFallback, call)
		f.Recommended, f.Reason = ref.rec, ref.reason
		f.Message = dynamicMessage(key, call.FallbackText, ref.ans, ref.rec)
		if c.multi {
			// The reference environment speaks for the value: say which.
			f.Message = strings.ReplaceAll(f.Message, "in this environment", "in `"+ref.env.Name+"`")
		}
		c.add(f)
		return
	}
	if len(call.Fallback) == 0 {
		// No literal to compare.
		return
	}
	c.flagged[i] = c.compare(call, rest, call.Fallback, nil) || c.flagged[i]
}

// compare is a literal (got, at call; or the entry of source, the
// fallback-config file, when call is nil) against the environments that
// expect a value of it. It reports environment-divergent when they expect
// different values, else stale-fallback in each environment the literal
// differs from. It returns whether it reported anything.
func (c *checker) compare(call *scanner.Call, xs []envExp, got json.RawMessage, fc *FallbackConfig) bool {
	source := ""
	if fc != nil {
		source = fc.File
	}
	var vals []envExp
	distinct := map[string]bool{}
	for _, x := range xs {
		if x.has {
			vals = append(vals, x)
			distinct[normalizeJSON(x.rec)] = true
		}
	}
	if len(vals) == 0 {
		// No safe value to compare it with.
		return false
	}
	key := ""
	mk := func(kind Kind) Finding {
		if call != nil {
			f := c.base(kind, call)
			key = f.Key
			return f
		}
		return Finding{Kind: kind, Fallback: got, Recommended: null}
	}
	if len(distinct) > 1 {
		f := mk(KindEnvironmentDivergent)
		if call == nil {
			f.Key = vals[0].ans.Key
			c.configFinding(&f, fc)
		}
		key = f.Key
		c.divergent(&f, xs, got)
		return c.add(f)
	}
	v := vals[0]
	if JSONEqual(got, v.rec) || (call != nil && readsDoubles(call.Language) && DoubleEqual(got, v.rec)) {
		return false
	}
	added := false
	for _, x := range vals {
		f := mk(KindStaleFallback)
		f.Environment = c.envName(x.env)
		f.Recommended, f.Reason = x.rec, x.reason
		if x.pol != nil {
			f.Policy = policyRef(x.pol)
		}
		implicit := call != nil && call.Implicit
		if call == nil {
			f.Key = x.ans.Key
			key = f.Key
		}
		if x.pol != nil {
			f.Message = c.inEnv(x.env, policyStaleMessage(key, x.pol, x.rec, got, implicit, source))
		} else {
			f.Message = c.inEnv(x.env, staleMessage(key, x.ans, x.rec, got, implicit, source))
		}
		if call == nil {
			c.configFinding(&f, fc)
		}
		added = c.add(f) || added
	}
	return added
}

// divergent words an environment-divergent finding: the values per
// environment, and what to do given what the critical environments say.
func (c *checker) divergent(f *Finding, xs []envExp, got json.RawMessage) {
	var parts []string
	var crit []envExp
	for _, x := range xs {
		f.Environments = append(f.Environments, EnvValue{Environment: x.env.Name, Critical: x.env.Critical, Value: x.rec, Reason: x.reason})
		mark := ""
		if x.env.Critical && !c.set.AllCritical() {
			mark = " (critical)"
		}
		parts = append(parts, fmt.Sprintf("`%s`%s `%s`", x.env.Name, mark, compact(x.rec)))
		if x.env.Critical {
			crit = append(crit, x)
		}
	}
	msg := fmt.Sprintf("`%s` has different safe fallbacks per environment: %s; the code holds one literal, `%s`.", f.Key, strings.Join(parts, ", "), compact(got))
	common, agree := json.RawMessage(nil), len(crit) > 0
	for _, x := range crit {
		switch {
		case !x.has:
			agree = false
		case common == nil:
			common = x.rec
		case !JSONEqual(common, x.rec):
			agree = false
		}
	}
	var names []string
	for _, x := range crit {
		names = append(names, "`"+x.env.Name+"`")
	}
	switch {
	case agree && JSONEqual(got, common):
		msg += fmt.Sprintf(" It is the safe value of the critical environments (%s); in the others the outage value differs: accept it, or read the fallback per environment (`ldfallback generate -o 'fallback-config.{env}.json'`).", strings.Join(names, ", "))
		f.Recommended = common
	case agree:
		msg += fmt.Sprintf(" The critical environments (%s) agree on `%s`: use it.", strings.Join(names, ", "), compact(common))
		f.Recommended = common
		// Stale against every critical environment: as severe as stale-fallback.
		f.escalate = KindStaleFallback
	default:
		msg += " The critical environments disagree, so no literal is safe in all of them: make their targeting agree, or read the fallback per environment (`ldfallback generate -o 'fallback-config.{env}.json'` and a wrapper that reads it)."
	}
	f.Message = msg
}

// envList names environments for a message: `a`, `b`.
func envList(xs []envExp) string {
	var names []string
	for _, x := range xs {
		names = append(names, "`"+x.env.Name+"`")
	}
	return strings.Join(names, ", ")
}

// perEnvConfig reports whether each environment has its own fallback-config.json.
func (c *checker) perEnvConfig() bool { return c.multi && c.opts.EnvFallbackConfigs != nil }

// configOf is the fallback-config.json environment env reads.
func (c *checker) configOf(env string) *FallbackConfig {
	if c.perEnvConfig() {
		fc, ok := c.opts.EnvFallbackConfigs[env]
		if !ok {
			fc = FallbackConfig{File: strings.ReplaceAll(c.opts.FallbackConfigFile, "{env}", env)}
		}
		return &fc
	}
	return &FallbackConfig{Values: c.opts.FallbackConfig, Lines: c.opts.FallbackConfigLines, File: c.opts.FallbackConfigFile}
}

func (c *checker) checkFromConfig(call *scanner.Call, known []envExp, staleConfig map[string]bool) {
	if c.perEnvConfig() {
		for _, x := range known {
			c.fromConfigIn(call, []envExp{x}, c.configOf(x.env.Name), staleConfig, x.env)
		}
		return
	}
	c.fromConfigIn(call, known, c.configOf(""), staleConfig, nil)
}

// fromConfigIn compares the entry of fc a wrapper call reads with the
// environments xs; env is set when fc is that one environment's own file.
func (c *checker) fromConfigIn(call *scanner.Call, xs []envExp, fc *FallbackConfig, staleConfig map[string]bool, env *envset.Env) {
	key := *call.Key
	file := fc.File
	val, ok := fc.Values[key]
	if !ok {
		ref := reference(xs)
		f := c.base(KindMissingConfig, call)
		f.Recommended, f.Reason = ref.rec, ref.reason
		if env != nil {
			f.Environment = env.Name
		}
		if fc.Values == nil {
			f.Message = fmt.Sprintf("`%s` is read from %s, which does not exist; run `ldfallback generate -o %s`.", key, file, file)
		} else {
			f.Message = fmt.Sprintf("`%s` is read from %s, which has no entry for it, so the wrapper has no fallback; run `ldfallback generate -o %s`.", key, file, file)
		}
		c.add(f)
		return
	}
	if staleConfig[file+"\x00"+key] {
		return
	}
	staleConfig[file+"\x00"+key] = true
	c.compare(nil, xs, val, fc)
}

// configFinding places a finding on the fallback-config.json entry of its key.
func (c *checker) configFinding(f *Finding, fc *FallbackConfig) {
	line := fc.Lines[f.Key]
	if line == 0 {
		line = 1
	}
	f.File, f.Line, f.Column = fc.File, line, 1
	if f.Kind == KindStaleFallback {
		f.Message += fmt.Sprintf(" Regenerate %s with `ldfallback generate`.", fc.File)
	}
}

// checkConfigKeys reports keys of fallback-config.json that are not flags
// (in any environment; or, when each environment has its own file, in that
// environment).
func (c *checker) checkConfigKeys() {
	if c.perEnvConfig() {
		for _, e := range c.set.Envs {
			c.configKeys(c.configOf(e.Name), e)
		}
		return
	}
	c.configKeys(c.configOf(""), nil)
}

func (c *checker) configKeys(fc *FallbackConfig, env *envset.Env) {
	keys := make([]string, 0, len(fc.Values))
	for k := range fc.Values {
		if env != nil {
			if _, ok := env.Result.Get(k); !ok {
				keys = append(keys, k)
			}
		} else if in, _ := c.set.Known(k); len(in) == 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		line := fc.Lines[k]
		if line == 0 {
			line = 1
		}
		f := Finding{Kind: KindUnknownFlag, File: fc.File, Line: line, Column: 1, Key: k,
			Fallback: fc.Values[k], Recommended: null,
			Message: unknownMessage(k, c.closest(k)) + " Regenerate the file with `ldfallback generate` to drop it."}
		if m, ok := c.opts.Meta.Of(k); ok && m.Archived {
			f.Kind = KindArchivedFlag
			f.Message = archivedHead(m) + ": every context gets the code's fallback. Regenerate the file with `ldfallback generate` to drop it."
		}
		if env != nil {
			f.Environment = env.Name
			f.Message = c.inEnv(env, f.Message)
		}
		c.add(f)
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
		// The reference answer: the critical environments' common one.
		ag := c.set.CriticalAnswer(key)
		ans, ok := fallback.Answer{}, false
		for _, ea := range ag.Answers {
			if ea.Known {
				ans, ok = ea.Answer, true
				break
			}
		}
		if ag.HasValue {
			ans.Value, ans.HasValue = ag.Value, true
		} else {
			ans.HasValue = false
		}
		if ok && ans.HasValue {
			if r := normalizeJSON(fallback.ValueJSON(ans.Value)); count[r] > 0 {
				ref = r
			}
		}
		if set := c.set; set.Single() {
			if d := c.decision(set.Envs[0].Name, key); d != nil && d.HasValue {
				// The documented intent is the reference where a policy decided.
				if r := normalizeJSON(fallback.ValueJSON(d.Value)); count[r] > 0 {
					ref = r
				}
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
	if c.multi {
		for _, e := range c.set.Envs {
			r.Summary.Environments = append(r.Summary.Environments, EnvInfo{Name: e.Name, Critical: e.Critical})
		}
	}
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
	if v.Type() == ldvalue.RawType {
		// A variation kept as written (an integer the Go SDK reads
		// inexactly): its type is the parsed value's.
		v = ldvalue.Parse(v.AsRaw())
	}
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
	return Closest(key, c.allAnswers)
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

// archivedMessage words an archived-flag finding at a call.
func archivedMessage(m flagmeta.Meta, call *scanner.Call) string {
	fb := "the code's fallback"
	if len(call.Fallback) > 0 && !call.Dynamic {
		fb = "the code's fallback (`" + compact(call.Fallback) + "`)"
	}
	return archivedHead(m) + fmt.Sprintf(": every context gets %s (the SDK payload no longer has the flag). Remove the call, or restore the flag.", fb)
}

// archivedHead is "`key` was archived on DATE" (or "`key` is archived").
func archivedHead(m flagmeta.Meta) string {
	if m.ArchivedDate.IsZero() {
		return fmt.Sprintf("`%s` is archived", m.Key)
	}
	return fmt.Sprintf("`%s` was archived on %s", m.Key, m.ArchivedDate.UTC().Format("2006-01-02"))
}

// deprecatedMessage words a deprecated-flag note.
func deprecatedMessage(m flagmeta.Meta) string {
	when := ""
	if !m.DeprecatedDate.IsZero() {
		when = " on " + m.DeprecatedDate.UTC().Format("2006-01-02")
	}
	return fmt.Sprintf("`%s` was deprecated%s: it is still served, but is due to be archived; plan to remove this call.", m.Key, when)
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

// decision is the policy's decision for key in env, nil when no rule or
// entry decided (the safest fallback applies).
func (c *checker) decision(env, key string) *policy.Decision {
	d, ok := c.opts.Policy[env].Get(key)
	if !ok || !d.Matched() {
		return nil
	}
	return d
}
