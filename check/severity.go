package check

import (
	ignore "github.com/sabhiram/go-gitignore"

	"github.com/ldfallback/ldfallback/config"
)

// severities decides the severity of a kind at a path: the default, then the
// config's severity map, capped at note in test files (TestPaths), then every
// override whose paths match, in order (a later override wins).
type severities struct {
	base      map[Kind]Severity
	overrides []override
}

type override struct {
	match *ignore.GitIgnore
	sev   map[Kind]Severity
}

func newSeverities(c *config.Config) *severities {
	s := &severities{base: map[Kind]Severity{}}
	for k, v := range DefaultSeverity {
		s.base[k] = v
	}
	if c == nil {
		return s
	}
	for k, v := range c.Severity {
		s.base[Kind(k)] = Severity(v)
	}
	for _, o := range c.Overrides {
		m := map[Kind]Severity{}
		for k, v := range o.Severity {
			m[Kind(k)] = Severity(v)
		}
		s.overrides = append(s.overrides, override{match: ignore.CompileIgnoreLines(o.Paths...), sev: m})
	}
	return s
}

func (s *severities) of(kind Kind, file string) Severity {
	sev := s.base[kind]
	if sev.rank() > SeverityNote.rank() && isTestPath(file) {
		sev = SeverityNote
	}
	for _, o := range s.overrides {
		if v, ok := o.sev[kind]; ok && o.match.MatchesPath(file) {
			sev = v
		}
	}
	if sev == "" {
		sev = SeverityWarning
	}
	return sev
}
