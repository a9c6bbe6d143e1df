package actiontest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Action is the part of action.yml a composite action uses.
type Action struct {
	Name    string            `yaml:"name"`
	Inputs  map[string]Input  `yaml:"inputs"`
	Outputs map[string]Output `yaml:"outputs"`
	Runs    struct {
		Using string `yaml:"using"`
		Steps []Step `yaml:"steps"`
	} `yaml:"runs"`
}

// Input is one declared input.
type Input struct {
	Description string `yaml:"description"`
	Required    bool   `yaml:"required"`
	Default     string `yaml:"default"`
}

// Output is one declared output, an expression over step outputs.
type Output struct {
	Description string `yaml:"description"`
	Value       string `yaml:"value"`
}

// Step is one composite step.
type Step struct {
	Name             string            `yaml:"name"`
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	With             map[string]string `yaml:"with"`
	Run              string            `yaml:"run"`
	Shell            string            `yaml:"shell"`
	Env              map[string]string `yaml:"env"`
	WorkingDirectory string            `yaml:"working-directory"`
}

// LoadAction parses an action.yml.
func LoadAction(path string) (*Action, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var a Action
	if err := yaml.Unmarshal(data, &a); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if a.Runs.Using != "composite" {
		return nil, fmt.Errorf("%s: runs.using is %q, not composite", path, a.Runs.Using)
	}
	return &a, nil
}

// Run is the record of one run of the action.
type Run struct {
	Stdout, Stderr bytes.Buffer // every step's output, in order
	Summary        string       // GITHUB_STEP_SUMMARY after the run
	Outputs        map[string]string
	StepOutputs    map[string]map[string]string
	Env            map[string]string // what steps wrote to GITHUB_ENV
	Ran, Skipped   []string          // step names
	Failed         string            // the first failing step, "" when the action succeeded
	ExitCode       int               // that step's exit code
	// StepStart is when each step that ran started, from the start of Exec;
	// StepTime how long it took.
	StepStart, StepTime map[string]time.Duration
}

// Runner runs an action. Workspace is the checked-out repository; ActionPath
// the action's own checkout; Temp a fresh RUNNER_TEMP; BaseEnv the process
// environment (PATH, HOME, Go caches) steps inherit.
type Runner struct {
	Action     *Action
	ActionPath string
	Workspace  string
	Temp       string
	BaseEnv    []string
	// Vars are the github.* and runner.* contexts steps read (github.action_ref,
	// runner.os, github.event.pull_request.base.sha, …); unset ones are "",
	// except runner.os and runner.arch, which default to this machine's.
	Vars map[string]string
}

// contextVars are the github.* and runner.* references the action may read.
var contextVars = []string{"github.action_ref", "github.event_name", "github.event.pull_request.base.sha",
	"github.event.pull_request.head.sha", "github.event.pull_request.number", "github.token", "runner.os", "runner.arch"}

// Exec runs every step with the given inputs (defaults fill the rest).
func (r *Runner) Exec(inputs map[string]string) (*Run, error) {
	for k := range inputs {
		if _, ok := r.Action.Inputs[k]; !ok {
			return nil, fmt.Errorf("input %q is not declared in action.yml", k)
		}
	}
	in := map[string]string{}
	for k, def := range r.Action.Inputs {
		in[k] = def.Default
	}
	for k, v := range inputs {
		in[k] = v
	}
	summary := filepath.Join(r.Temp, "_runner_file_commands", "step_summary")
	if err := os.MkdirAll(filepath.Dir(summary), 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(summary, nil, 0o644); err != nil {
		return nil, err
	}
	run := &Run{Outputs: map[string]string{}, StepOutputs: map[string]map[string]string{}, Env: map[string]string{},
		StepStart: map[string]time.Duration{}, StepTime: map[string]time.Duration{}}
	vars := map[string]string{
		"github.action_path": r.ActionPath,
		"github.workspace":   r.Workspace,
		"runner.temp":        r.Temp,
		"runner.os":          map[string]string{"linux": "Linux", "darwin": "macOS", "windows": "Windows"}[runtime.GOOS],
		"runner.arch":        map[string]string{"amd64": "X64", "arm64": "ARM64"}[runtime.GOARCH],
	}
	for _, k := range contextVars {
		if _, ok := vars[k]; !ok {
			vars[k] = ""
		}
	}
	for k, v := range r.Vars {
		vars[k] = v
	}
	ctx := &exprContext{inputs: in, steps: run.StepOutputs, env: run.Env, vars: vars}
	// Defaults may be expressions (github-token: ${{ github.token }}), evaluated as on GitHub.
	for k, def := range r.Action.Inputs {
		if _, given := inputs[k]; given {
			continue
		}
		v, err := ctx.interpolate(def.Default)
		if err != nil {
			return nil, fmt.Errorf("input %s default: %v", k, err)
		}
		in[k] = v
	}
	start := time.Now()
	for i, st := range r.Action.Runs.Steps {
		name := st.Name
		if name == "" {
			name = fmt.Sprintf("step %d", i+1)
		}
		ctx.failed = run.Failed != ""
		if st.If != "" {
			ok, err := ctx.cond(st.If)
			if err != nil {
				return nil, fmt.Errorf("%s: if: %v", name, err)
			}
			if !ok {
				run.Skipped = append(run.Skipped, name)
				continue
			}
		} else if ctx.failed {
			run.Skipped = append(run.Skipped, name)
			continue
		}
		if st.Uses != "" {
			// The test machine provides Go; the with: expressions must still evaluate.
			for k, v := range st.With {
				if _, err := ctx.interpolate(v); err != nil {
					return nil, fmt.Errorf("%s: with.%s: %v", name, k, err)
				}
			}
			run.Skipped = append(run.Skipped, name)
			continue
		}
		run.StepStart[name] = time.Since(start)
		code, err := r.step(st, i, ctx, summary, run)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		run.StepTime[name] = time.Since(start) - run.StepStart[name]
		run.Ran = append(run.Ran, name)
		if code != 0 && run.Failed == "" {
			run.Failed, run.ExitCode = name, code
		}
	}
	for k, o := range r.Action.Outputs {
		v, err := ctx.interpolate(o.Value)
		if err != nil {
			return nil, fmt.Errorf("output %s: %v", k, err)
		}
		run.Outputs[k] = v
	}
	data, err := os.ReadFile(summary)
	if err != nil {
		return nil, err
	}
	run.Summary = string(data)
	return run, nil
}

func (r *Runner) step(st Step, i int, ctx *exprContext, summary string, run *Run) (int, error) {
	if st.Shell != "bash" {
		return 0, fmt.Errorf("shell %q: only bash steps are supported", st.Shell)
	}
	script, err := ctx.interpolate(st.Run)
	if err != nil {
		return 0, err
	}
	dir := r.Workspace
	if st.WorkingDirectory != "" {
		wd, err := ctx.interpolate(st.WorkingDirectory)
		if err != nil {
			return 0, err
		}
		if !filepath.IsAbs(wd) {
			wd = filepath.Join(r.Workspace, wd)
		}
		dir = wd
	}
	cmdDir := filepath.Join(r.Temp, "_runner_file_commands")
	outFile := filepath.Join(cmdDir, fmt.Sprintf("set_output_%d", i))
	envFile := filepath.Join(cmdDir, fmt.Sprintf("set_env_%d", i))
	scriptFile := filepath.Join(r.Temp, fmt.Sprintf("step_%d.sh", i))
	for _, f := range []string{outFile, envFile} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			return 0, err
		}
	}
	if err := os.WriteFile(scriptFile, []byte(script), 0o644); err != nil {
		return 0, err
	}
	env := append([]string{}, r.BaseEnv...)
	env = append(env,
		"CI=true", "GITHUB_ACTIONS=true",
		"GITHUB_OUTPUT="+outFile, "GITHUB_ENV="+envFile, "GITHUB_STEP_SUMMARY="+summary,
		"GITHUB_WORKSPACE="+r.Workspace, "GITHUB_ACTION_PATH="+r.ActionPath, "RUNNER_TEMP="+r.Temp,
	)
	for _, k := range sortedKeys(run.Env) {
		env = append(env, k+"="+run.Env[k])
	}
	for _, k := range sortedKeys(st.Env) {
		v, err := ctx.interpolate(st.Env[k])
		if err != nil {
			return 0, fmt.Errorf("env.%s: %v", k, err)
		}
		env = append(env, k+"="+v)
	}
	// GitHub's command line for shell: bash.
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", scriptFile)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout = &run.Stdout
	cmd.Stderr = &run.Stderr
	code := 0
	if err := cmd.Run(); err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			return 0, err
		}
		code = ee.ExitCode()
	}
	outs, err := parseFileCommand(outFile)
	if err != nil {
		return 0, err
	}
	if st.ID != "" {
		run.StepOutputs[st.ID] = outs
	}
	envs, err := parseFileCommand(envFile)
	if err != nil {
		return 0, err
	}
	for k, v := range envs {
		run.Env[k] = v
	}
	return code, nil
}

// parseFileCommand reads a GITHUB_OUTPUT / GITHUB_ENV file: name=value lines
// and name<<DELIMITER heredocs.
func parseFileCommand(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		if name, delim, ok := strings.Cut(line, "<<"); ok && !strings.Contains(name, "=") {
			var lines []string
			closed := false
			for sc.Scan() {
				if sc.Text() == delim {
					closed = true
					break
				}
				lines = append(lines, sc.Text())
			}
			if !closed {
				return nil, fmt.Errorf("%s: heredoc %s has no closing %s", path, name, delim)
			}
			out[name] = strings.Join(lines, "\n")
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("%s: malformed line %q", path, line)
		}
		out[name] = value
	}
	return out, sc.Err()
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// exprContext evaluates the subset of GitHub expressions the action uses:
// contexts (inputs.x, github.action_path, env.X, steps.id.outputs.y), string
// literals, ==, !=, !, &&, || and always()/success()/failure().
type exprContext struct {
	inputs map[string]string
	steps  map[string]map[string]string
	env    map[string]string
	vars   map[string]string
	failed bool
}

var exprRE = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

func (c *exprContext) interpolate(s string) (string, error) {
	var firstErr error
	out := exprRE.ReplaceAllStringFunc(s, func(m string) string {
		v, err := c.eval(exprRE.FindStringSubmatch(m)[1])
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return v
	})
	return out, firstErr
}

// cond evaluates an if: condition. As on GitHub, a condition without a status
// function implies success().
func (c *exprContext) cond(s string) (bool, error) {
	s = strings.TrimSpace(s)
	if m := exprRE.FindStringSubmatch(s); m != nil && m[0] == s {
		s = m[1]
	}
	v, err := c.eval(s)
	if err != nil {
		return false, err
	}
	if !regexp.MustCompile(`\b(always|success|failure|cancelled)\(\)`).MatchString(s) && c.failed {
		return false, nil
	}
	return truthy(v), nil
}

func truthy(v string) bool { return v != "" && v != "false" && v != "0" }

func (c *exprContext) eval(s string) (string, error) {
	p := &parser{toks: tokenize(s), c: c}
	v, err := p.or()
	if err != nil {
		return "", fmt.Errorf("%q: %v", s, err)
	}
	if p.i != len(p.toks) {
		return "", fmt.Errorf("%q: unexpected %q", s, p.toks[p.i])
	}
	return v, nil
}

var tokRE = regexp.MustCompile(`\s*('(?:[^']|'')*'|==|!=|&&|\|\||!|\(|\)|[A-Za-z_][A-Za-z0-9_.\-]*)`)

func tokenize(s string) []string {
	var toks []string
	for len(strings.TrimSpace(s)) > 0 {
		m := tokRE.FindStringSubmatchIndex(s)
		if m == nil || m[0] != 0 {
			return append(toks, "\x00"+s) // an unknown token, reported by the parser
		}
		toks = append(toks, s[m[2]:m[3]])
		s = s[m[1]:]
	}
	return toks
}

type parser struct {
	toks []string
	i    int
	c    *exprContext
}

func (p *parser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

func (p *parser) or() (string, error) {
	l, err := p.and()
	for err == nil && p.peek() == "||" {
		p.i++
		var r string
		r, err = p.and()
		if !truthy(l) {
			l = r
		}
	}
	return l, err
}

func (p *parser) and() (string, error) {
	l, err := p.cmp()
	for err == nil && p.peek() == "&&" {
		p.i++
		var r string
		r, err = p.cmp()
		if truthy(l) {
			l = r
		}
	}
	return l, err
}

func (p *parser) cmp() (string, error) {
	l, err := p.unary()
	if err != nil {
		return "", err
	}
	if op := p.peek(); op == "==" || op == "!=" {
		p.i++
		r, err := p.unary()
		if err != nil {
			return "", err
		}
		// GitHub compares strings case-insensitively.
		eq := strings.EqualFold(l, r)
		if (op == "==") == eq {
			return "true", nil
		}
		return "false", nil
	}
	return l, nil
}

func (p *parser) unary() (string, error) {
	t := p.peek()
	p.i++
	switch {
	case t == "!":
		v, err := p.unary()
		if truthy(v) {
			return "false", err
		}
		return "true", err
	case t == "(":
		v, err := p.or()
		if err == nil && p.peek() != ")" {
			err = fmt.Errorf("missing )")
		}
		p.i++
		return v, err
	case strings.HasPrefix(t, "'"):
		return strings.ReplaceAll(t[1:len(t)-1], "''", "'"), nil
	case t == "true" || t == "false":
		return t, nil
	case t == "always" || t == "success" || t == "failure" || t == "cancelled":
		if p.peek() != "(" || p.i+1 >= len(p.toks) || p.toks[p.i+1] != ")" {
			return "", fmt.Errorf("%s without ()", t)
		}
		p.i += 2
		switch t {
		case "always":
			return "true", nil
		case "success":
			return fmt.Sprint(!p.c.failed), nil
		case "failure":
			return fmt.Sprint(p.c.failed), nil
		}
		return "false", nil
	}
	return p.c.lookup(t)
}

func (c *exprContext) lookup(ref string) (string, error) {
	switch {
	case strings.HasPrefix(ref, "inputs."):
		v, ok := c.inputs[strings.TrimPrefix(ref, "inputs.")]
		if !ok {
			return "", fmt.Errorf("undeclared input %s", ref)
		}
		return v, nil
	case strings.HasPrefix(ref, "env."):
		return c.env[strings.TrimPrefix(ref, "env.")], nil
	case strings.HasPrefix(ref, "steps."):
		parts := strings.SplitN(ref, ".", 4)
		if len(parts) != 4 || parts[2] != "outputs" {
			return "", fmt.Errorf("unsupported reference %s", ref)
		}
		return c.steps[parts[1]][parts[3]], nil
	}
	if v, ok := c.vars[ref]; ok {
		return v, nil
	}
	return "", fmt.Errorf("unsupported reference %q", ref)
}
