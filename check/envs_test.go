package check

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ldfallback/ldfallback/envset"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/scanner"
)

// envGot is a finding as the environment tests compare it.
type envGot struct {
	Kind        Kind
	Severity    Severity
	Environment string
}

func twoEnvs(t *testing.T, prodCritical, stagingCritical bool) *envset.Set {
	t.Helper()
	set, err := envset.New([]*envset.Env{
		{Name: "production", Critical: prodCritical, Result: fallback.NewResult([]fallback.Answer{
			ans("rollout", "false", fallback.ReasonOff),
			ans("same", "false", fallback.ReasonOff),
			ans("prod-only", "1", fallback.ReasonOff),
			ans("deleted-in-prod", "", fallback.ReasonFallbackServed),
			ans("no-safe", "", fallback.ReasonNoOffVariation),
		})},
		{Name: "staging", Critical: stagingCritical, Result: fallback.NewResult([]fallback.Answer{
			ans("rollout", "true", fallback.ReasonSingleVariation),
			ans("same", "false", fallback.ReasonOff),
			ans("deleted-in-prod", "true", fallback.ReasonSingleVariation),
			ans("no-safe", "true", fallback.ReasonSingleVariation),
		})},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestCheckEnvironments(t *testing.T) {
	tests := []struct {
		name               string
		prodCrit, stagCrit bool
		call               scanner.Call
		want               []envGot
		recommended        string // of the first finding ("" = not checked)
	}{
		{name: "divergent, all critical: one finding, no stale",
			call: call("a.go", 1, "BoolVariation", "rollout", "true", "bool"),
			want: []envGot{{KindEnvironmentDivergent, SeverityWarning, AllEnvironments}}, recommended: "null"},
		{name: "divergent, literal is the critical value: warning, recommended",
			prodCrit: true, call: call("a.go", 1, "BoolVariation", "rollout", "false", "bool"),
			want: []envGot{{KindEnvironmentDivergent, SeverityWarning, AllEnvironments}}, recommended: "false"},
		{name: "divergent, literal differs from every critical environment: as severe as stale",
			prodCrit: true, call: call("a.go", 1, "BoolVariation", "rollout", "true", "bool"),
			want: []envGot{{KindEnvironmentDivergent, SeverityError, AllEnvironments}}, recommended: "false"},
		{name: "stale everywhere, all critical: one error per environment",
			call: call("a.go", 1, "BoolVariation", "same", "true", "bool"),
			want: []envGot{{KindStaleFallback, SeverityError, "production"}, {KindStaleFallback, SeverityError, "staging"}}},
		{name: "stale everywhere, production critical: staging is a note",
			prodCrit: true, call: call("a.go", 1, "BoolVariation", "same", "true", "bool"),
			want: []envGot{{KindStaleFallback, SeverityError, "production"}, {KindStaleFallback, SeverityNote, "staging"}}},
		{name: "matching everywhere: nothing",
			call: call("a.go", 1, "BoolVariation", "same", "false", "bool")},
		{name: "unknown in staging only, staging not critical: a note naming it",
			prodCrit: true, call: call("a.go", 1, "IntVariation", "prod-only", "1", "number"),
			want: []envGot{{KindUnknownFlag, SeverityNote, "staging"}}},
		{name: "unknown everywhere: one finding without environment",
			call: call("a.go", 1, "BoolVariation", "nope", "true", "bool"),
			want: []envGot{{KindUnknownFlag, SeverityWarning, AllEnvironments}}},
		{name: "live fallback in production, stale in staging",
			call: call("a.go", 1, "BoolVariation", "deleted-in-prod", "false", "bool"),
			want: []envGot{{KindStaleFallback, SeverityError, "staging"}, {KindLiveFallback, SeverityWarning, "production"}}},
		{name: "no safe value in production: compared with staging only",
			call: call("a.go", 1, "BoolVariation", "no-safe", "false", "bool"),
			want: []envGot{{KindStaleFallback, SeverityError, "staging"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := twoEnvs(t, tt.prodCrit, tt.stagCrit)
			r := CheckSet(set, &scanner.Result{Calls: []scanner.Call{tt.call}}, Options{})
			var gotList []envGot
			for _, f := range r.Findings {
				gotList = append(gotList, envGot{f.Kind, f.Severity, f.Environment})
			}
			if d := cmp.Diff(tt.want, gotList); d != "" {
				t.Fatalf("findings (-want +got):\n%s\n%+v", d, r.Findings)
			}
			if tt.recommended != "" && string(r.Findings[0].Recommended) != tt.recommended {
				t.Errorf("recommended = %s, want %s", r.Findings[0].Recommended, tt.recommended)
			}
		})
	}
}

func TestDivergentListsEveryEnvironment(t *testing.T) {
	set := twoEnvs(t, true, false)
	r := CheckSet(set, &scanner.Result{Calls: []scanner.Call{call("a.go", 1, "BoolVariation", "rollout", "false", "bool")}}, Options{})
	f := r.Findings[0]
	want := []EnvValue{
		{Environment: "production", Critical: true, Value: json.RawMessage("false"), Reason: "off"},
		{Environment: "staging", Critical: false, Value: json.RawMessage("true"), Reason: "single-variation"},
	}
	if d := cmp.Diff(want, f.Environments); d != "" {
		t.Errorf("environments (-want +got):\n%s", d)
	}
	for _, s := range []string{"`production` (critical) `false`", "`staging` `true`", "the code holds one literal, `false`"} {
		if !strings.Contains(f.Message, s) {
			t.Errorf("message %q lacks %q", f.Message, s)
		}
	}
}

// A single environment keeps the fingerprints it had before environments
// existed (baselines stay valid); two environments make them distinct.
func TestEnvironmentFingerprints(t *testing.T) {
	c := call("a.go", 1, "BoolVariation", "same", "true", "bool")
	single := Check(fallback.NewResult([]fallback.Answer{ans("same", "false", fallback.ReasonOff)}), &scanner.Result{Calls: []scanner.Call{c}}, Options{})
	if got, want := single.Findings[0].Fingerprint, fingerprint(KindStaleFallback, "a.go", "same", json.RawMessage("true")); got != want {
		t.Errorf("single-environment fingerprint changed: %s, want %s", got, want)
	}
	if single.Findings[0].Environment != "" {
		t.Errorf("single environment carries %q", single.Findings[0].Environment)
	}
	multi := CheckSet(twoEnvs(t, false, false), &scanner.Result{Calls: []scanner.Call{c}}, Options{})
	if len(multi.Findings) != 2 || multi.Findings[0].Fingerprint == multi.Findings[1].Fingerprint ||
		multi.Findings[0].Fingerprint == single.Findings[0].Fingerprint {
		t.Errorf("fingerprints not distinct per environment: %+v", multi.Findings)
	}
}

// Options.Expected replaces the safest fallback per environment (the policy hook).
func TestExpectedHook(t *testing.T) {
	set := twoEnvs(t, false, false)
	c := call("a.go", 1, "BoolVariation", "rollout", "true", "bool")
	opts := Options{Expected: func(env, key string) (json.RawMessage, string, bool) {
		if key == "rollout" && env == "production" {
			return json.RawMessage("true"), "policy: fail-open", true
		}
		return nil, "", false
	}}
	r := CheckSet(set, &scanner.Result{Calls: []scanner.Call{c}}, opts)
	if len(r.Findings) != 0 {
		t.Errorf("expected both environments to expect true: %+v", r.Findings)
	}
	// A nil value: the code decides, no comparison in that environment.
	opts.Expected = func(env, key string) (json.RawMessage, string, bool) {
		if env == "staging" {
			return nil, "policy: dynamic", true
		}
		return nil, "", false
	}
	r = CheckSet(set, &scanner.Result{Calls: []scanner.Call{c}}, opts)
	if len(r.Findings) != 1 || r.Findings[0].Kind != KindStaleFallback || r.Findings[0].Environment != "production" {
		t.Errorf("want one stale finding in production: %+v", r.Findings)
	}
}

// A dynamic fallback is described from the reference environment (the first
// critical one that knows the flag), named in the message.
func TestDynamicNamesItsEnvironment(t *testing.T) {
	set := twoEnvs(t, true, false)
	r := CheckSet(set, &scanner.Result{Calls: []scanner.Call{dyn(call("a.go", 1, "BoolVariation", "same", "", "bool"))}}, Options{})
	if len(r.Findings) != 1 || r.Findings[0].Kind != KindDynamicFallback {
		t.Fatalf("findings %+v", r.Findings)
	}
	if m := r.Findings[0].Message; !strings.Contains(m, "is off in `production`") || strings.Contains(m, "this environment") {
		t.Errorf("message %q does not name production", m)
	}
}
