package envset

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"

	"github.com/ldfallback/ldfallback/fallback"
)

// res builds a Result whose flags have the given safe values (nil = no safe value).
func res(values map[string]any) *fallback.Result {
	var answers []fallback.Answer
	for k, v := range values {
		a := fallback.Answer{Key: k, Variation: -1}
		if v != nil {
			a.Value, a.HasValue = ldvalue.CopyArbitraryValue(v), true
		}
		answers = append(answers, a)
	}
	return fallback.NewResult(answers)
}

func TestNew(t *testing.T) {
	tests := []struct {
		name     string
		envs     []*Env
		err      string
		names    []string
		critical []string
	}{
		{name: "sorted, none marked: all critical",
			envs:  []*Env{{Name: "staging", Result: res(nil)}, {Name: "production", Result: res(nil)}},
			names: []string{"production", "staging"}, critical: []string{"production", "staging"}},
		{name: "marked ones only",
			envs:  []*Env{{Name: "staging", Result: res(nil)}, {Name: "production", Critical: true, Result: res(nil)}},
			names: []string{"production", "staging"}, critical: []string{"production"}},
		{name: "single unnamed",
			envs:  []*Env{{Result: res(nil)}},
			names: []string{""}, critical: []string{""}},
		{name: "unnamed beside named",
			envs: []*Env{{Result: res(nil)}, {Name: "a", Result: res(nil)}}, err: "name each one"},
		{name: "duplicate",
			envs: []*Env{{Name: "a", Result: res(nil)}, {Name: "a", Result: res(nil)}}, err: `"a" is given twice`},
		{name: "bad name",
			envs: []*Env{{Name: "a/b", Result: res(nil)}}, err: `environment name "a/b"`},
		{name: "empty", err: "no environment"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(tt.envs, nil)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var crit []string
			for _, e := range s.Critical() {
				crit = append(crit, e.Name)
			}
			if d := cmp.Diff(tt.names, s.Names()); d != "" {
				t.Errorf("names (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.critical, crit); d != "" {
				t.Errorf("critical (-want +got):\n%s", d)
			}
		})
	}
}

func TestValidName(t *testing.T) {
	for name, want := range map[string]bool{
		"production": true, "staging-eu": true, "qa_2": true, "v1.2": true,
		"": false, "-x": false, "a/b": false, "a=b": false, "a b": false, "{env}": false,
		strings.Repeat("a", 64): true, strings.Repeat("a", 65): false,
	} {
		if got := ValidName(name); got != want {
			t.Errorf("ValidName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestAgree(t *testing.T) {
	set, err := New([]*Env{
		{Name: "production", Critical: true, Result: res(map[string]any{"same": false, "div": false, "prodonly": 1, "noval": nil, "json": map[string]any{"a": 1}})},
		{Name: "eu", Critical: true, Result: res(map[string]any{"same": false, "div": true, "noval": true, "json": map[string]any{"a": 1.0}})},
		{Name: "staging", Result: res(map[string]any{"same": true, "div": true, "stagingonly": "x"})},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key       string
		value     any // nil: no common value
		divergent bool
		missing   []string
		noValue   []string
	}{
		// staging is not critical: its true does not count.
		{key: "same", value: false},
		{key: "div", divergent: true},
		{key: "prodonly", missing: []string{"eu"}},
		{key: "noval", noValue: []string{"production"}},
		// 1 and 1.0 are the same JSON number.
		{key: "json", value: map[string]any{"a": 1}},
		{key: "stagingonly", missing: []string{"eu", "production"}},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			ag := set.CriticalAnswer(tt.key)
			if tt.value == nil {
				if ag.HasValue {
					t.Errorf("common value %v, want none", ag.Value)
				}
			} else if !ag.HasValue || !ag.Value.Equal(ldvalue.CopyArbitraryValue(tt.value)) {
				t.Errorf("common value %v (%v), want %v", ag.Value, ag.HasValue, tt.value)
			}
			if ag.Divergent != tt.divergent {
				t.Errorf("divergent = %v", ag.Divergent)
			}
			if d := cmp.Diff(tt.missing, ag.Missing); d != "" {
				t.Errorf("missing (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.noValue, ag.NoValue); d != "" {
				t.Errorf("no value (-want +got):\n%s", d)
			}
		})
	}
	if d := cmp.Diff([]string{"div", "json", "noval", "prodonly", "same", "stagingonly"}, set.Keys()); d != "" {
		t.Errorf("keys (-want +got):\n%s", d)
	}
	in, out := set.Known("prodonly")
	if len(in) != 1 || in[0].Name != "production" || len(out) != 2 {
		t.Errorf("Known(prodonly) = %v, %v", in, out)
	}
}
