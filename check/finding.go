package check

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
)

// Kind is a finding kind. The strings are part of the check --format json contract.
type Kind string

const (
	KindStaleFallback        Kind = "stale-fallback"
	KindTypeMismatch         Kind = "type-mismatch"
	KindUnknownFlag          Kind = "unknown-flag"
	KindInconsistentFallback Kind = "inconsistent-fallback"
	KindMissingConfig        Kind = "missing-config"
	KindDynamicFallback      Kind = "dynamic-fallback"
	// KindDynamicKey is a call whose key is not a constant: nothing about it can be checked.
	KindDynamicKey Kind = "dynamic-key"
	// KindLiveFallback is a call of a flag for which the SDK returns the
	// code's fallback to every context (fallback.ReasonFallbackServed): the
	// literal is the production value, not an outage value.
	KindLiveFallback Kind = "live-fallback"
	// KindEnvironmentDivergent is a call of a flag whose safe fallbacks
	// differ across the run's environments: the code can hold one literal
	// only, so one finding lists the value per environment instead of
	// stale findings that contradict each other.
	KindEnvironmentDivergent Kind = "environment-divergent"
	// KindArchivedFlag is a call of a flag the REST API lists as archived:
	// the SDK payload leaves it out, so every context gets the code's
	// fallback (not reported as unknown-flag as well).
	KindArchivedFlag Kind = "archived-flag"
	// KindDeprecatedFlag is a call of a flag marked deprecated (a note).
	KindDeprecatedFlag Kind = "deprecated-flag"
	// KindReviewDue is a policy entry to review: its review date has come,
	// or its flag's targeting changed since the intent was written.
	KindReviewDue Kind = "review-due"
)

// Kinds lists every kind, in the order rules are documented.
var Kinds = []Kind{KindStaleFallback, KindTypeMismatch, KindUnknownFlag, KindInconsistentFallback,
	KindMissingConfig, KindDynamicFallback, KindDynamicKey, KindLiveFallback, KindEnvironmentDivergent,
	KindArchivedFlag, KindDeprecatedFlag, KindReviewDue}

// Severity of a finding.
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityNote    Severity = "note"
	// SeverityOff drops the finding.
	SeverityOff Severity = "off"
)

// DefaultSeverity is the severity of each kind when the config says nothing.
var DefaultSeverity = map[Kind]Severity{
	KindStaleFallback:        SeverityError,
	KindTypeMismatch:         SeverityError,
	KindMissingConfig:        SeverityError,
	KindUnknownFlag:          SeverityWarning,
	KindInconsistentFallback: SeverityWarning,
	KindDynamicFallback:      SeverityNote,
	KindDynamicKey:           SeverityNote,
	KindLiveFallback:         SeverityWarning,
	KindEnvironmentDivergent: SeverityWarning,
	KindArchivedFlag:         SeverityWarning,
	KindDeprecatedFlag:       SeverityNote,
	KindReviewDue:            SeverityWarning,
}

func (s Severity) rank() int {
	switch s {
	case SeverityError:
		return 3
	case SeverityWarning:
		return 2
	case SeverityNote:
		return 1
	}
	return 0
}

// Location is a place in a file, for findings that point at other sites.
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// Finding is one problem at one place.
type Finding struct {
	Kind     Kind     `json:"kind"`
	Severity Severity `json:"severity"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	// Key is the flag key ("" for dynamic-key findings).
	Key string `json:"key"`
	// Fallback is the value the code (or fallback-config.json) falls back to; null when not a literal.
	Fallback json.RawMessage `json:"fallback"`
	// Recommended is the safest fallback; null when there is none or the flag is unknown.
	Recommended json.RawMessage `json:"recommended"`
	// Reason is the resolver's reason for Recommended ("" when the flag is unknown).
	Reason  string `json:"reason"`
	Message string `json:"message"`
	// Fingerprint identifies the finding across edits: kind, file, key and
	// normalized fallback, not the line.
	Fingerprint string `json:"fingerprint"`
	// Environment names the environment the finding is about. It is "" when
	// the run has one environment (the JSON then has no field, as before
	// environments existed). With several, a finding about the code alone
	// or about every environment at once (dynamic-key, inconsistent-fallback,
	// environment-divergent, a flag unknown everywhere) has AllEnvironments.
	Environment string `json:"environment,omitempty"`
	// Environments lists each environment's safe value (environment-divergent).
	Environments []EnvValue `json:"environments,omitempty"`
	// Related points at the other sites of an inconsistent-fallback finding.
	Related []Location `json:"related,omitempty"`
	// Policy is the policy entry the finding was judged by, when one decided.
	Policy *PolicyRef `json:"policy,omitempty"`
	// Language and Method of the call ("" for findings against fallback-config.json).
	Language string `json:"-"`
	Method   string `json:"-"`
	// escalate raises the severity to this kind's when that is higher (an
	// environment-divergent literal that is stale in every critical environment).
	escalate Kind
}

// AllEnvironments is the environment of a finding about every environment
// of a run with several (never a valid environment name).
const AllEnvironments = "*"

// EnvValue is one environment's safe value of a flag.
type EnvValue struct {
	Environment string `json:"environment"`
	// Critical is set for a critical environment.
	Critical bool `json:"critical"`
	// Value is the safe value; null when there is none.
	Value json.RawMessage `json:"value"`
	// Reason is the resolver's (or the policy's) reason for Value.
	Reason string `json:"reason"`
}

// fingerprint hashes the parts of a finding that survive unrelated edits.
func fingerprint(kind Kind, file, key string, fallback []byte) string {
	return fingerprintEnv(kind, file, key, fallback, "")
}

// fingerprintEnv is fingerprint with the environment: "" hashes exactly as
// before environments existed (single-environment baselines stay valid),
// a name makes the same finding in two environments two fingerprints.
func fingerprintEnv(kind Kind, file, key string, fallback []byte, env string) string {
	h := sha256.New()
	parts := []string{string(kind), file, key, normalizeJSON(fallback)}
	if env != "" {
		parts = append(parts, "env="+env)
	}
	for _, part := range parts {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

var kindOrder = func() map[Kind]int {
	m := map[Kind]int{}
	for i, k := range Kinds {
		m[k] = i
	}
	return m
}()

// sortFindings orders by file, line, column, kind, then key and message so
// that the order never depends on map iteration.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Kind != b.Kind {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		if a.Environment != b.Environment {
			return a.Environment < b.Environment
		}
		return a.Message < b.Message
	})
}

// Summary counts what a check looked at and found.
type Summary struct {
	Calls int `json:"calls"`
	// Files is the number of files with at least one call.
	Files int `json:"files"`
	// ScannedFiles is the number of files the scanner walked.
	ScannedFiles int `json:"scannedFiles"`
	// Unreadable counts the paths the scan could not read: when it is not 0
	// the check is incomplete (the CLI fails unless --allow-partial).
	Unreadable int `json:"unreadable,omitempty"`
	Findings   int `json:"findings"`
	// ByKind and BySeverity count reported findings (not baselined, not off); every kind and severity is present.
	ByKind     map[Kind]int     `json:"byKind"`
	BySeverity map[Severity]int `json:"bySeverity"`
	// Ignored counts calls silenced by an ldfallback:ignore comment.
	Ignored int `json:"ignored"`
	// Baselined counts findings suppressed by the baseline.
	Baselined int `json:"baselined"`
	// OutsideChanges counts findings left out because they are not on a
	// changed line (--new-from-rev, --new-from-patch); absent otherwise.
	OutsideChanges int `json:"outsideChanges,omitempty"`
	// DynamicKeys counts calls whose key is not a constant.
	DynamicKeys int `json:"dynamicKeys"`
	// UnusedFlags are flags of the payload that no call evaluates: cleanup
	// candidates. Only a hint when DynamicKeys > 0.
	UnusedFlags []string `json:"unusedFlags"`
	// Environments are the run's environments when there are several (absent with one).
	Environments []EnvInfo `json:"environments,omitempty"`
}

// EnvInfo names one environment of a run.
type EnvInfo struct {
	Name     string `json:"name"`
	Critical bool   `json:"critical"`
}

// Report is the result of Check.
type Report struct {
	Findings []Finding `json:"findings"`
	Summary  Summary   `json:"summary"`
	// Baselined are the findings the baseline suppressed (not reported, kept for WriteBaseline).
	Baselined []Finding `json:"-"`
	// Outside are the findings not on a changed line (Options.Changed): not
	// reported, not counted by Failed, kept for the summary and WriteBaseline.
	Outside []Finding `json:"-"`
}

// Failed is the exit decision: failOn is "error" (fail on errors), "warning"
// (errors or warnings) or "never". Any other value is treated as "error".
func (r *Report) Failed(failOn string) bool {
	threshold := SeverityError
	switch failOn {
	case "never":
		return false
	case "warning":
		threshold = SeverityWarning
	}
	for _, f := range r.Findings {
		if f.Severity.rank() >= threshold.rank() {
			return true
		}
	}
	return false
}
