package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/ldfallback/ldfallback/internal/inputfile"
	"github.com/ldfallback/ldfallback/languages"
	"github.com/ldfallback/ldfallback/policy"
)

// DefaultFile is the config file looked up in the current directory when --config is not given.
const DefaultFile = ".ldfallback.yaml"

// Config is the user's .ldfallback.yaml.
type Config struct {
	// Exclude lists paths to skip, in .gitignore syntax, relative to the scanned root.
	Exclude []string `yaml:"exclude"`
	// FallbackConfig is the fallback-config.json that wrappers with fromConfig read (default fallback-config.json).
	FallbackConfig string `yaml:"fallbackConfig"`
	// Wrappers are the user's own evaluation functions, as call shapes.
	Wrappers []languages.Shape `yaml:"wrappers"`
	// Definitions are flag-definition shapes (objects carrying key and default).
	Definitions []languages.Definition `yaml:"definitions"`
	// Severity maps a finding kind to error, warning, note or off.
	Severity map[string]string `yaml:"severity"`
	// Overrides change severities for paths matching a glob (.gitignore syntax).
	Overrides []Override `yaml:"overrides"`
	// Inference controls wrapper inference (on unless turned off).
	Inference Inference `yaml:"inference"`
	// Policy is the team's fallback policy (README "Fallback policy as code").
	Policy policy.Policy `yaml:"policy"`
	// Environments lists the environments a run compares (README "Several
	// environments"): their names, which are critical, and optionally a
	// payload file each. Sources given on the command line replace the list's
	// sources; its critical marks still apply.
	Environments []Environment `yaml:"environments"`
	// Path is where the config was read from ("" when defaults).
	Path string `yaml:"-"`
}

// Environment is one entry of environments:.
type Environment struct {
	// Name is the environment's name (its key in LaunchDarkly, usually).
	Name string `yaml:"name"`
	// Critical marks a critical environment: a stale fallback against it is
	// an error, against the others a note.
	Critical bool `yaml:"critical"`
	// Payload is a payload file for the environment (relative to the config
	// file); without it the environment is fetched with the SDK key in
	// LD_SDK_KEY_<NAME>.
	Payload string `yaml:"payload"`
}

// Inference controls wrapper inference: the scanner treats a function or
// method that forwards a parameter to an evaluation call's key as a wrapper,
// and every call of it as an evaluation.
type Inference struct {
	// Off turns wrapper inference off.
	Off bool `yaml:"off"`
	// Disable lists function or method names never taken for wrappers.
	Disable []string `yaml:"disable"`
}

// DisablesWrapper reports whether a wrapper named name, inferred in a file of
// language lang, is not to be used: inference is off, the name is disabled,
// or a wrappers row declares the name (the row wins over what is inferred).
func (c *Config) DisablesWrapper(name, lang string) bool {
	if c.Inference.Off || slices.Contains(c.Inference.Disable, name) {
		return true
	}
	for _, w := range c.Wrappers {
		if slices.Contains(w.Methods, name) && (len(w.Languages) == 0 || slices.Contains(w.Languages, lang)) {
			return true
		}
	}
	return false
}

// Override changes severities for some paths.
type Override struct {
	Paths    []string          `yaml:"paths"`
	Severity map[string]string `yaml:"severity"`
}

// Error is a bad config file. The CLI maps it to exit code 2.
type Error struct {
	File string
	Msg  string
	// Err is the underlying error, when there is one, so callers can tell
	// a missing file (errors.Is(err, fs.ErrNotExist)) from a bad one.
	Err error
}

func (e *Error) Error() string { return e.File + ": " + e.Msg }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// ExitCode is the process exit code for this error.
func (e *Error) ExitCode() int { return 2 }

// Default returns the configuration used when there is no file.
func Default() *Config {
	return &Config{FallbackConfig: "fallback-config.json"}
}

// Load reads a config file. When optional is true and the file does not
// exist, it returns Default() and no error.
func Load(path string, optional bool) (*Config, error) {
	data, err := inputfile.ReadFile(path, inputfile.ConfigLimit)
	if err != nil {
		if optional && errors.Is(err, fs.ErrNotExist) {
			return Default(), nil
		}
		return nil, &Error{File: path, Msg: pathErrMsg(err), Err: err}
	}
	c, err := Parse(data)
	if err != nil {
		return nil, &Error{File: path, Msg: err.Error()}
	}
	c.Path = path
	return c, nil
}

// MaxPatterns bounds each list of path patterns (exclude, an override's
// paths): every file of the scan is matched against every pattern, so a
// list of a million generated patterns would make a scan take minutes.
const MaxPatterns = 10000

// envName is envset.ValidName's pattern (config does not import envset: data flows one way).
var envName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

var severities = map[string]bool{"error": true, "warning": true, "note": true, "off": true}

// Parse decodes and validates config YAML. Unknown fields are errors, so typos do not pass silently.
func Parse(data []byte) (*Config, error) {
	c := Default()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	// A second document (after ---) would be silently ignored: a config
	// split in two by mistake, or one whose real settings come second.
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		return nil, fmt.Errorf("line %d: a second YAML document (after ---) is not read: put the whole config in one document", docLine(&next))
	} else if !errors.Is(err, io.EOF) {
		return nil, err
	}
	if len(c.Exclude) > MaxPatterns {
		return nil, fmt.Errorf("exclude: %d patterns, more than the limit of %d (use directory patterns such as vendor/ instead of listing files)", len(c.Exclude), MaxPatterns)
	}
	if c.FallbackConfig == "" {
		c.FallbackConfig = "fallback-config.json"
	}
	for i, w := range c.Wrappers {
		if len(w.Methods) == 0 {
			return nil, fmt.Errorf("wrappers[%d]: no methods", i)
		}
		if err := checkRow(w); err != nil {
			return nil, fmt.Errorf("wrappers[%d] (%s): %v", i, w.Methods[0], err)
		}
		if !w.Fallback.IsSet() && !w.FromConfig && w.Implicit == "" {
			// A wrapper with no fallback argument reads the central config: that is the guide's pattern.
			c.Wrappers[i].FromConfig = true
		}
	}
	seenEnv := map[string]bool{}
	for i, e := range c.Environments {
		if !envName.MatchString(e.Name) {
			return nil, fmt.Errorf("environments[%d]: name %q: use letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit)", i, e.Name)
		}
		if seenEnv[e.Name] {
			return nil, fmt.Errorf("environments[%d]: %q is listed twice", i, e.Name)
		}
		seenEnv[e.Name] = true
	}
	if err := checkSeverities(c.Severity, "severity"); err != nil {
		return nil, err
	}
	for i, o := range c.Overrides {
		if len(o.Paths) == 0 {
			return nil, fmt.Errorf("overrides[%d]: no paths", i)
		}
		if len(o.Paths) > MaxPatterns {
			return nil, fmt.Errorf("overrides[%d].paths: %d patterns, more than the limit of %d", i, len(o.Paths), MaxPatterns)
		}
		if err := checkSeverities(o.Severity, fmt.Sprintf("overrides[%d].severity", i)); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func checkSeverities(m map[string]string, where string) error {
	for kind, sev := range m {
		if !severities[sev] {
			return fmt.Errorf("%s.%s: %q is not error, warning, note or off", where, kind, sev)
		}
	}
	return nil
}

// pathErrMsg is an os error without the path it names (Error puts the file
// first already).
func pathErrMsg(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// docLine is the line of a document's --- marker: the line before its
// first content, as yaml.v3 does not record the marker's own.
func docLine(n *yaml.Node) int {
	if len(n.Content) > 0 && n.Content[0].Line > 1 {
		return n.Content[0].Line - 1
	}
	return max(n.Line, 1)
}

var types = map[string]bool{"": true, "bool": true, "string": true, "number": true, "json": true, "unknown": true}

// checkRow rejects a wrappers row that no call could satisfy.
func checkRow(w languages.Shape) error {
	switch {
	case !w.Key.IsSet():
		return fmt.Errorf("no key argument")
	case w.Key.Value != "" && w.Key.Value[0] != '"':
		return fmt.Errorf("key value %s is not a string", w.Key.Value)
	case w.Key.Value != "" && w.Fallback.Value != "":
		return fmt.Errorf("both key and fallback are fixed values: no argument of a call would matter")
	case w.FromConfig && w.Fallback.IsSet():
		return fmt.Errorf("fromConfig and a fallback argument: the fallback comes from one or the other")
	case w.Implicit != "" && !json.Valid([]byte(w.Implicit)):
		return fmt.Errorf("implicit %q is not JSON", w.Implicit)
	case !types[w.Type]:
		return fmt.Errorf("type %q is not bool, string, number, json or unknown", w.Type)
	case w.SDK != "":
		return fmt.Errorf("sdk is for built-in rows; a wrapper needs no SDK import")
	}
	for _, l := range w.Languages {
		if languages.ByName(l) == nil {
			return fmt.Errorf("unknown language %q", l)
		}
	}
	return nil
}
