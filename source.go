package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/envset"
	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/internal/escape"
	"github.com/ldfallback/ldfallback/internal/inputfile"
	"github.com/ldfallback/ldfallback/payload"
	"github.com/ldfallback/ldfallback/payload/fetch"
)

// payloadFlags are shared by every command that needs the flag payload.
func payloadFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringSliceFlag{Name: "payload", Aliases: []string{"p"}, Usage: "read the flag payload from `[NAME=]FILE` (- for stdin) instead of fetching it; repeat with NAME= for several environments"},
		&cli.StringSliceFlag{Name: "environment", Aliases: []string{"e"}, Usage: "fetch environment `NAME` with the SDK key in LD_SDK_KEY_<NAME> (repeatable)"},
		&cli.StringSliceFlag{Name: "critical", Usage: "mark environment `NAME` critical (repeatable; default: the config's critical ones, else every environment)"},
		&cli.StringFlag{Name: "sdk-key", EnvVars: []string{"LD_SDK_KEY"}, Usage: "server-side SDK `KEY` of the environment to fetch (prefer the LD_SDK_KEY variable: a flag shows in ps)"},
		&cli.StringFlag{Name: "base-uri", EnvVars: []string{"LD_BASE_URI"}, Value: fetch.DefaultBaseURI, Usage: "LaunchDarkly, federal instance or Relay Proxy `URI`"},
		&cli.BoolFlag{Name: "relay", Usage: "the base URI is a Relay Proxy: fetch /sdk/flags"},
		&cli.StringFlag{Name: "protocol", EnvVars: []string{"LDFALLBACK_PROTOCOL"}, Value: string(fetch.ProtocolFDv1), Usage: "flag delivery protocol: fdv1 (latest-all), fdv2 (/sdk/poll, back to fdv1 when the service asks) or auto (fdv2, back to fdv1 on a 404 too)"},
		&cli.StringFlag{Name: "cache", EnvVars: []string{"LDFALLBACK_CACHE"}, Usage: "ETag cache `FILE`: sends If-None-Match and reuses the cached payload on 304"},
		&cli.DurationFlag{Name: "timeout", Value: fetch.DefaultTimeout, Usage: "total time limit of the fetch, retries included"},
		&cli.DurationFlag{Name: "connect-timeout", Value: fetch.DefaultConnectTimeout, Usage: "time limit of each connection's TCP and TLS handshake"},
		&cli.IntFlag{Name: "retries", Value: fetch.DefaultRetries, Usage: "retries on 429, 5xx and network errors (with backoff, honouring Retry-After)"},
		&cli.StringFlag{Name: "max-payload-size", Value: "1GiB", Usage: "refuse a payload (file, stdin or fetched body, after gzip) larger than `SIZE` (bytes, or with KiB, MiB, GiB)"},
	}, restFlags()...)
}

// maxPayloadHint says how to raise the payload limit, in its error.
const maxPayloadHint = "raise it with --max-payload-size"

// maxPayloadSize is --max-payload-size in bytes.
func maxPayloadSize(c *cli.Context) (int64, error) {
	n, err := inputfile.ParseSize(c.String("max-payload-size"))
	if err != nil {
		return 0, usagef("--max-payload-size: %v", err)
	}
	return n, nil
}

// loaded is a payload with where it came from and, when asked for (--jq), its raw bytes.
type loaded struct {
	payload *payload.Payload
	raw     []byte
	source  string
}

// readPayloadFile reads one payload file ("-" = stdin). The raw bytes are
// kept only when keepRaw: otherwise they are garbage once parsed, which keeps
// peak memory near the decoded model's size.
func readPayloadFile(c *cli.Context, file string, limit int64, keepRaw bool) (*loaded, error) {
	var (
		data []byte
		err  error
		name = file
	)
	if file == "-" {
		name = "stdin"
		data, err = inputfile.ReadAll(c.App.Reader, name, limit, maxPayloadHint)
	} else if inputfile.IsPipe(file) {
		// /dev/stdin in a pipeline, or <(command): read like stdin.
		data, err = inputfile.ReadPipe(file, limit, maxPayloadHint)
	} else if !keepRaw {
		// Streamed: the file is never whole in memory (peak memory). Its
		// kind and size are checked first (a symlink to /dev/zero).
		if err := inputfile.Check(file, limit, maxPayloadHint); err != nil {
			return nil, &payload.InputError{Source: name, Msg: "cannot read payload: " + unwrapPathError(err)}
		}
		p, err := payload.ParseLeanFile(file, name)
		if err != nil {
			return nil, err
		}
		return &loaded{payload: p, source: name}, nil
	} else {
		data, err = inputfile.ReadFileHint(file, limit, maxPayloadHint)
	}
	if err != nil {
		return nil, &payload.InputError{Source: name, Msg: "cannot read payload: " + unwrapPathError(err)}
	}
	p, err := payload.ParseLean(data, name)
	if err != nil {
		return nil, err
	}
	l := &loaded{payload: p, source: name}
	if keepRaw {
		l.raw = data
	}
	return l, nil
}

// fetchPayload fetches one environment's payload with its SDK key. The key
// goes into the request header only: never into a message.
// env names the environment in the progress lines ("" for the unnamed one).
func fetchPayload(c *cli.Context, env, key, cacheFile string, limit int64, keepRaw bool) (*loaded, error) {
	prefix := ""
	if env != "" {
		prefix = env + ": "
	}
	// fetch enforces --timeout itself (Options.Timeout) and says so in its
	// coded message; a second deadline here fired first as "deadline exceeded".
	res, err := fetch.Fetch(c.Context, fetch.Options{
		SDKKey:         key,
		BaseURI:        c.String("base-uri"),
		Relay:          c.Bool("relay"),
		Protocol:       fetch.Protocol(c.String("protocol")),
		CacheFile:      cacheFile,
		UserAgent:      "ldfallback/" + version,
		Timeout:        c.Duration("timeout"),
		ConnectTimeout: c.Duration("connect-timeout"),
		Retries:        c.Int("retries"),
		MaxBodyBytes:   limit,
		Logf: func(format string, args ...any) {
			fmt.Fprintf(c.App.ErrWriter, "ldfallback: %s%s\n", escape.Terminal(prefix), escape.Terminal(fmt.Sprintf(format, args...)))
		},
	})
	if err != nil {
		return nil, err
	}
	p, err := payload.ParseLean(res.Body, res.URL)
	if err != nil {
		// A fetched body that is not a flag payload is the server's fault, not the user's input: exit 3.
		var ie *payload.InputError
		if errors.As(err, &ie) {
			return nil, &payload.FetchError{URL: res.URL, Msg: "the response is not a LaunchDarkly flag payload: " + ie.Msg}
		}
		return nil, err
	}
	l := &loaded{payload: p, source: res.URL}
	if keepRaw {
		l.raw = res.Body
	}
	return l, nil
}

// envSource is one environment to load: a payload file, or an SDK key to fetch with.
type envSource struct {
	name string
	file string // payload file; "" = fetch
	// keyVar is the variable holding the SDK key ("" = --sdk-key / LD_SDK_KEY, the unnamed environment).
	keyVar string
}

// parsePayloadArg splits --payload NAME=FILE. A bare FILE is the single
// unnamed environment. An argument that names an existing file (or "-", or a
// pipe) is always a bare FILE, even when it contains '=': a user's existing
// path wins. Otherwise it splits at the first '=' when what precedes is a
// valid environment name (so NAME=path/with=sign works too).
func parsePayloadArg(arg string) (name, file string) {
	if arg == "-" || inputfile.IsPipe(arg) {
		return "", arg
	}
	if _, err := os.Stat(arg); err == nil {
		return "", arg
	}
	if n, f, ok := strings.Cut(arg, "="); ok && envset.ValidName(n) && f != "" {
		return n, f
	}
	return "", arg
}

// sdkKeyVar is the variable holding environment name's SDK key:
// LD_SDK_KEY_<NAME>, upper-cased, every character but letters and digits as '_'.
func sdkKeyVar(name string) string {
	var b strings.Builder
	b.WriteString("LD_SDK_KEY_")
	for _, r := range strings.ToUpper(name) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// envError names the environment an error happened in; it keeps the
// underlying error's exit code (2 bad input, 3 fetch).
type envError struct {
	env string
	err error
}

func (e *envError) Error() string { return "environment " + e.env + ": " + e.err.Error() }
func (e *envError) Unwrap() error { return e.err }
func (e *envError) ExitCode() int {
	var ec exitCoder
	if errors.As(e.err, &ec) {
		return ec.ExitCode()
	}
	return exitUsage
}

// loadEnvs loads every environment of the run (README "Several environments"):
// --payload [NAME=]FILE and --environment NAME from the command line, else the
// config file's environments:, else the single unnamed environment of
// LD_SDK_KEY. cfg may be nil (no config file). Critical environments are
// those marked in the config or named by --critical; none marked = all.
func loadEnvs(c *cli.Context, cfg *config.Config, keepRaw bool) (*envset.Set, error) {
	limit, err := maxPayloadSize(c)
	if err != nil {
		return nil, err
	}
	var sources []envSource
	stdin := 0
	for _, arg := range c.StringSlice("payload") {
		if arg == "" {
			return nil, usagef("--payload: empty file name")
		}
		name, file := parsePayloadArg(arg)
		if file == "-" {
			if stdin++; stdin > 1 {
				return nil, usagef("--payload: stdin (-) can be read once")
			}
		}
		sources = append(sources, envSource{name: name, file: file})
	}
	names := c.StringSlice("environment")
	for _, n := range names {
		if !envset.ValidName(n) {
			return nil, usagef("--environment %q: use letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit)", n)
		}
	}
	restEnvs, meta, err := loadRESTEnvironments(c, names)
	if err != nil {
		return nil, err
	}
	if restEnvs == nil {
		for _, n := range names {
			sources = append(sources, envSource{name: n, keyVar: sdkKeyVar(n)})
		}
	}
	if len(sources) == 0 && len(restEnvs) == 0 && cfg != nil {
		for _, e := range cfg.Environments {
			src := envSource{name: e.Name, file: e.Payload, keyVar: sdkKeyVar(e.Name)}
			if src.file != "" && cfg.Path != "" && !filepath.IsAbs(src.file) {
				src.file = filepath.Join(filepath.Dir(cfg.Path), src.file)
			}
			sources = append(sources, src)
		}
	}
	if len(sources) == 0 && len(restEnvs) == 0 {
		if c.String("sdk-key") == "" {
			return nil, usagef("no flag payload: give --payload FILE (- for stdin), or an SDK key in LD_SDK_KEY (or --sdk-key) to fetch it")
		}
		sources = []envSource{{}}
	}
	several := len(sources)+len(restEnvs) > 1
	keyOwner := map[string]string{}
	fetches := 0
	for _, s := range sources {
		if s.name == "" && several {
			return nil, usagef("--payload %s: with several environments, name each one (--payload NAME=FILE)", s.file)
		}
		if s.file == "" && s.keyVar != "" {
			if other, ok := keyOwner[s.keyVar]; ok && other != s.name {
				return nil, usagef("environments %q and %q both read their SDK key from %s: rename one", other, s.name, s.keyVar)
			}
			keyOwner[s.keyVar] = s.name
		}
		if s.file == "" {
			fetches++
		}
	}
	cache := c.String("cache")
	if fetches > 1 && cache != "" && !strings.Contains(cache, "{env}") {
		return nil, usagef("--cache %s: several environments are fetched; put {env} in the file name (one cache per environment)", cache)
	}

	var envs []*envset.Env
	for _, s := range sources {
		var l *loaded
		var err error
		if s.file != "" {
			l, err = readPayloadFile(c, s.file, limit, keepRaw)
		} else {
			key := c.String("sdk-key")
			if s.keyVar != "" {
				key = os.Getenv(s.keyVar)
				if key == "" {
					return nil, usagef("environment %s: no SDK key: set %s (or give --payload %s=FILE)", s.name, s.keyVar, s.name)
				}
			}
			l, err = fetchPayload(c, s.name, key, strings.ReplaceAll(cache, "{env}", s.name), limit, keepRaw)
		}
		if err != nil {
			if s.name != "" {
				err = &envError{env: s.name, err: err}
			}
			return nil, err
		}
		// What the document itself says (repeated keys, key fields, the
		// loader's semantics), once, before any per-flag warning.
		prefix := ""
		if s.name != "" {
			prefix = s.name + ": "
		}
		for _, w := range l.payload.Warnings {
			fmt.Fprintf(c.App.ErrWriter, "ldfallback: warning: %s%s: %s\n", escape.Terminal(prefix), escape.Terminal(oneLine(l.source)), escape.Terminal(oneLine(w)))
		}
		envs = append(envs, &envset.Env{Name: s.name, Source: l.source, Payload: l.payload, Raw: l.raw})
	}
	envs = append(envs, restEnvs...)

	critical := map[string]bool{}
	if cfg != nil {
		for _, e := range cfg.Environments {
			if e.Critical {
				critical[e.Name] = true
			}
		}
	}
	for _, n := range c.StringSlice("critical") {
		found := false
		for _, e := range envs {
			found = found || e.Name == n && n != ""
		}
		if !found {
			return nil, usagef("--critical %q: no such environment in this run", n)
		}
		critical[n] = true
	}
	for _, e := range envs {
		e.Critical = e.Critical || critical[e.Name] && e.Name != ""
	}
	set, err := envset.New(envs, meta)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return set, nil
}

// resolve loads the single environment of commands that take one (codegen).
func resolve(c *cli.Context, keepRaw bool) (*loaded, *fallback.Result, error) {
	set, err := loadEnvs(c, nil, keepRaw)
	if err != nil {
		return nil, nil, err
	}
	if !set.Single() {
		return nil, nil, usagef("%s takes one environment, not %d (give one --payload or --environment)", c.Command.Name, len(set.Envs))
	}
	e := set.Envs[0]
	return &loaded{payload: e.Payload, raw: e.Raw, source: e.Source}, e.Result, nil
}

// unwrapPathError drops the "open " prefix of *fs.PathError: the caller names the file already.
func unwrapPathError(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// configFlag is --config for the commands that read the config file only
// for its environments (and policy): explain, generate. check and scan have
// theirs in scanFlags.
func configFlag() cli.Flag {
	return &cli.StringFlag{Name: "config", Aliases: []string{"c"}, Usage: "config `FILE` (default: .ldfallback.yaml in the current directory, when there is one)"}
}

// loadCommandConfig reads --config, or .ldfallback.yaml in the current
// directory when it exists (nothing else: generate and explain have no PATH).
func loadCommandConfig(c *cli.Context) (*config.Config, error) {
	if f := c.String("config"); f != "" {
		return config.Load(f, false)
	}
	return config.Load(config.DefaultFile, true)
}
