// Package envset owns the set of environments a run compares: one SDK
// payload and its resolved fallbacks per LaunchDarkly environment, which of
// them are critical, and the questions the commands ask across them (each
// flag's answer per environment, the common answer of the critical ones).
//
// A run with one bare --payload FILE (or one SDK key) is a Set holding the
// single unnamed environment (Name ""): every command then behaves exactly as
// it did before environments existed.
package envset

import (
	"fmt"
	"regexp"
	"sort"

	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"

	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/flagmeta"
	"github.com/ldfallback/ldfallback/payload"
)

// Env is one environment of a run.
type Env struct {
	// Name is the environment's name ("" = the single unnamed environment).
	Name string
	// Critical is set for the environments a stale fallback matters in most
	// (LaunchDarkly's "critical environments"). Set.New marks every
	// environment critical when none is.
	Critical bool
	// Source is where the payload came from (a file or a URL), for messages.
	// It never holds a key.
	Source string
	// Payload is the parsed flag payload.
	Payload *payload.Payload
	// Raw is the payload's bytes, kept only when a command asked for them (--jq).
	Raw []byte
	// Result is every flag's safest fallback in this environment.
	Result *fallback.Result
}

// Label is the environment's name for messages: the name, or "the payload"
// for the single unnamed environment.
func (e *Env) Label() string {
	if e.Name == "" {
		return "the payload"
	}
	return e.Name
}

// Set is the environments of one run.
type Set struct {
	// Envs are sorted by name (deterministic output).
	Envs []*Env
	// Meta is the flags' metadata when a source knows it (the REST API), else nil.
	Meta flagmeta.Set
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// ValidName reports whether name can name an environment: 1 to 64 letters,
// digits, '.', '_' and '-', starting with a letter or digit. Names end up in
// file names ({env} in generate -o), SARIF categories and variable names.
func ValidName(name string) bool { return nameRE.MatchString(name) }

// New builds a Set: it sorts envs by name, refuses duplicate and invalid
// names and an unnamed environment beside named ones, and marks every
// environment critical when none is marked (a run that names no critical
// environment treats a stale fallback anywhere as an error).
func New(envs []*Env, meta flagmeta.Set) (*Set, error) {
	if len(envs) == 0 {
		return nil, fmt.Errorf("no environment")
	}
	seen := map[string]bool{}
	anyCritical := false
	for _, e := range envs {
		if e.Name == "" {
			if len(envs) > 1 {
				return nil, fmt.Errorf("several environments: name each one (--payload NAME=FILE)")
			}
		} else if !ValidName(e.Name) {
			return nil, fmt.Errorf("environment name %q: use letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit)", e.Name)
		}
		if seen[e.Name] {
			return nil, fmt.Errorf("environment %q is given twice", e.Name)
		}
		seen[e.Name] = true
		anyCritical = anyCritical || e.Critical
		if e.Result == nil {
			e.Result = fallback.Resolve(e.Payload)
		}
	}
	if !anyCritical {
		for _, e := range envs {
			e.Critical = true
		}
	}
	sorted := append([]*Env(nil), envs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	return &Set{Envs: sorted, Meta: meta}, nil
}

// Single wraps one resolved payload as the single unnamed environment.
func Single(res *fallback.Result, p *payload.Payload) *Set {
	if res == nil {
		res = fallback.NewResult(nil)
	}
	return &Set{Envs: []*Env{{Critical: true, Payload: p, Result: res}}}
}

// Single reports whether the run has one environment: then findings and
// explain output carry no environment, exactly as before environments existed.
func (s *Set) Single() bool { return len(s.Envs) == 1 }

// Names are the environments' names, sorted.
func (s *Set) Names() []string {
	out := make([]string, len(s.Envs))
	for i, e := range s.Envs {
		out[i] = e.Name
	}
	return out
}

// Get returns the environment called name, nil when there is none.
func (s *Set) Get(name string) *Env {
	for _, e := range s.Envs {
		if e.Name == name {
			return e
		}
	}
	return nil
}

// Critical returns the critical environments, sorted by name (every
// environment when none was marked: see New).
func (s *Set) Critical() []*Env {
	var out []*Env
	for _, e := range s.Envs {
		if e.Critical {
			out = append(out, e)
		}
	}
	return out
}

// AllCritical reports whether every environment is critical.
func (s *Set) AllCritical() bool { return len(s.Critical()) == len(s.Envs) }

// Keys is every flag key known in at least one environment, sorted.
func (s *Set) Keys() []string {
	seen := map[string]bool{}
	var keys []string
	for _, e := range s.Envs {
		for _, a := range e.Result.Answers {
			if !seen[a.Key] {
				seen[a.Key] = true
				keys = append(keys, a.Key)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// EnvAnswer is one environment's answer for one flag.
type EnvAnswer struct {
	Env *Env
	// Known is false when the flag is not in this environment's payload.
	Known  bool
	Answer fallback.Answer
}

// Answers returns key's answer in every environment, in the Set's order.
func (s *Set) Answers(key string) []EnvAnswer {
	out := make([]EnvAnswer, len(s.Envs))
	for i, e := range s.Envs {
		a, ok := e.Result.Get(key)
		out[i] = EnvAnswer{Env: e, Known: ok, Answer: a}
	}
	return out
}

// Known returns the environments where key is a flag, and those where it is not.
func (s *Set) Known(key string) (in, out []*Env) {
	for _, ea := range s.Answers(key) {
		if ea.Known {
			in = append(in, ea.Env)
		} else {
			out = append(out, ea.Env)
		}
	}
	return in, out
}

// Agreement is what a list of environments says together about one flag.
type Agreement struct {
	// Value is the common safe value; HasValue is false when there is none
	// (the environments disagree, or one of them has no safe value or no flag).
	Value    ldvalue.Value
	HasValue bool
	// Divergent is set when two of the environments have different safe values.
	Divergent bool
	// Missing names the environments where the flag is not known; NoValue
	// those where it is known but has no safe value.
	Missing, NoValue []string
	// Answers is each environment's answer, in the order given.
	Answers []EnvAnswer
}

// Agree returns what envs say together about key: their common safe value
// when every one of them has the flag with the same safe value.
func (s *Set) Agree(key string, envs []*Env) Agreement {
	var ag Agreement
	var first *ldvalue.Value
	for _, e := range envs {
		a, ok := e.Result.Get(key)
		ag.Answers = append(ag.Answers, EnvAnswer{Env: e, Known: ok, Answer: a})
		switch {
		case !ok:
			ag.Missing = append(ag.Missing, e.Name)
		case !a.HasValue:
			ag.NoValue = append(ag.NoValue, e.Name)
		case first == nil:
			v := a.Value
			first = &v
		case !first.Equal(a.Value):
			ag.Divergent = true
		}
	}
	if first != nil && !ag.Divergent && len(ag.Missing) == 0 && len(ag.NoValue) == 0 {
		ag.Value, ag.HasValue = *first, true
	}
	return ag
}

// CriticalAnswer is the critical environments' common answer for key (see
// Agree): what generate --merge critical writes.
func (s *Set) CriticalAnswer(key string) Agreement { return s.Agree(key, s.Critical()) }
