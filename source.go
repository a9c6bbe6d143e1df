package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/internal/escape"
	"github.com/ldfallback/ldfallback/internal/inputfile"
	"github.com/ldfallback/ldfallback/payload"
	"github.com/ldfallback/ldfallback/payload/fetch"
)

// payloadFlags are shared by every command that needs the flag payload.
func payloadFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "payload", Aliases: []string{"p"}, Usage: "read the flag payload from `FILE` (- for stdin) instead of fetching it"},
		&cli.StringFlag{Name: "sdk-key", EnvVars: []string{"LD_SDK_KEY"}, Usage: "server-side SDK `KEY` of the environment to fetch (prefer the LD_SDK_KEY variable: a flag shows in ps)"},
		&cli.StringFlag{Name: "base-uri", EnvVars: []string{"LD_BASE_URI"}, Value: fetch.DefaultBaseURI, Usage: "LaunchDarkly, federal instance or Relay Proxy `URI`"},
		&cli.BoolFlag{Name: "relay", Usage: "the base URI is a Relay Proxy: fetch /sdk/flags"},
		&cli.StringFlag{Name: "cache", EnvVars: []string{"LDFALLBACK_CACHE"}, Usage: "ETag cache `FILE`: sends If-None-Match and reuses the cached payload on 304"},
		&cli.DurationFlag{Name: "timeout", Value: fetch.DefaultTimeout, Usage: "total time limit of the fetch, retries included"},
		&cli.DurationFlag{Name: "connect-timeout", Value: fetch.DefaultConnectTimeout, Usage: "time limit of each connection's TCP and TLS handshake"},
		&cli.IntFlag{Name: "retries", Value: fetch.DefaultRetries, Usage: "retries on 429, 5xx and network errors (with backoff, honouring Retry-After)"},
		&cli.StringFlag{Name: "max-payload-size", Value: "1GiB", Usage: "refuse a payload (file, stdin or fetched body, after gzip) larger than `SIZE` (bytes, or with KiB, MiB, GiB)"},
	}
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

// loadPayload reads --payload, or fetches with the SDK key. The raw bytes are
// kept only when keepRaw: otherwise they are garbage once parsed, which keeps
// peak memory near the decoded model's size.
func loadPayload(c *cli.Context, keepRaw bool) (*loaded, error) {
	limit, err := maxPayloadSize(c)
	if err != nil {
		return nil, err
	}
	if file := c.String("payload"); file != "" {
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
	key := c.String("sdk-key")
	if key == "" {
		return nil, usagef("no flag payload: give --payload FILE (- for stdin), or an SDK key in LD_SDK_KEY (or --sdk-key) to fetch it")
	}
	// fetch enforces --timeout itself (Options.Timeout) and says so in its
	// coded message; a second deadline here fired first as "deadline exceeded".
	res, err := fetch.Fetch(c.Context, fetch.Options{
		SDKKey:         key,
		BaseURI:        c.String("base-uri"),
		Relay:          c.Bool("relay"),
		CacheFile:      c.String("cache"),
		UserAgent:      "ldfallback/" + version,
		Timeout:        c.Duration("timeout"),
		ConnectTimeout: c.Duration("connect-timeout"),
		Retries:        c.Int("retries"),
		MaxBodyBytes:   limit,
		Logf: func(format string, args ...any) {
			fmt.Fprintf(c.App.ErrWriter, "ldfallback: %s\n", escape.Terminal(fmt.Sprintf(format, args...)))
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

// resolve loads the payload and resolves every flag's safest fallback.
func resolve(c *cli.Context, keepRaw bool) (*loaded, *fallback.Result, error) {
	l, err := loadPayload(c, keepRaw)
	if err != nil {
		return nil, nil, err
	}
	// What the document itself says (repeated keys, key fields, the
	// loader's semantics), once, before any per-flag warning.
	for _, w := range l.payload.Warnings {
		fmt.Fprintf(c.App.ErrWriter, "ldfallback: warning: %s: %s\n", escape.Terminal(oneLine(l.source)), escape.Terminal(oneLine(w)))
	}
	return l, fallback.Resolve(l.payload), nil
}

// unwrapPathError drops the "open " prefix of *fs.PathError: the caller names the file already.
func unwrapPathError(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}
