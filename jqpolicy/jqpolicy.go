package jqpolicy

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"time"

	"github.com/itchyny/gojq"

	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/internal/escape"
)

// Error is a policy program that does not compile, fails, runs too long, or
// returns something that is not a config object. Exit code 2.
type Error struct {
	File string
	Msg  string
}

func (e *Error) Error() string { return e.File + ": " + e.Msg }

// ExitCode is the process exit code for this error.
func (e *Error) ExitCode() int { return 2 }

// Options tune a run.
type Options struct {
	// Timeout stops a runaway program (a prerequisite cycle in the guide's program never ends). Default 30s.
	Timeout time.Duration
	// Debug receives the program's debug messages, one JSON line each, as jq prints them on stderr.
	Debug io.Writer
}

// Run compiles program (read from file, for messages) and runs it over the
// payload. $safe is bound to {key: {value, reason, detail}} for every flag of res.
func Run(ctx context.Context, file, program string, payloadJSON []byte, res *fallback.Result, o Options) (map[string]json.RawMessage, error) {
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	fail := func(format string, args ...any) error { return &Error{File: file, Msg: fmt.Sprintf(format, args...)} }
	q, err := gojq.Parse(program)
	if err != nil {
		return nil, fail("does not parse: %v", err)
	}
	debugOut := o.Debug
	if debugOut == nil {
		debugOut = io.Discard
	}
	code, err := gojq.Compile(q,
		gojq.WithVariables([]string{"$safe"}),
		gojq.WithFunction("debug", 0, 0, func(v any, _ []any) any {
			b, _ := gojq.Marshal([]any{"DEBUG:", v})
			fmt.Fprintf(debugOut, "%s\n", escape.Terminal(string(b)))
			return v
		}),
		gojq.WithFunction("stderr", 0, 0, func(v any, _ []any) any {
			b, _ := gojq.Marshal(v)
			fmt.Fprintf(debugOut, "%s", escape.Terminal(string(b)))
			return v
		}),
		gojq.WithEnvironLoader(func() []string { return nil }), // $ENV must not leak LD_SDK_KEY into a policy's output
	)
	if err != nil {
		return nil, fail("does not compile: %v", err)
	}
	input, err := decodeForJQ(payloadJSON)
	if err != nil {
		return nil, fail("payload is not JSON: %v", err)
	}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()

	type out struct {
		v   any
		err error
	}
	done := make(chan out, 1)
	go func() {
		iter := code.RunWithContext(ctx, input, safeVar(res))
		v, ok := iter.Next()
		if !ok {
			done <- out{err: errors.New("produced no output")}
			return
		}
		if e, isErr := v.(error); isErr {
			done <- out{err: e}
			return
		}
		done <- out{v: v}
	}()
	var r out
	select {
	case r = <-done:
	case <-ctx.Done():
		// gojq checks the context between steps; a program stuck in one step still ends when its goroutine does.
		return nil, fail("stopped after %s: the program runs too long (a prerequisite cycle?)", o.Timeout)
	}
	if r.err != nil {
		if errors.Is(r.err, context.DeadlineExceeded) || ctx.Err() != nil {
			return nil, fail("stopped after %s: the program runs too long (a prerequisite cycle?)", o.Timeout)
		}
		return nil, fail("%v", r.err)
	}
	obj, ok := r.v.(map[string]any)
	if !ok {
		return nil, fail("returned %s, want an object of flag key to fallback value", typeName(r.v))
	}
	cfg := make(map[string]json.RawMessage, len(obj))
	for k, v := range obj {
		b, err := gojq.Marshal(v)
		if err != nil {
			return nil, fail("value of %q: %v", k, err)
		}
		cfg[k] = b
	}
	return cfg, nil
}

// decodeForJQ decodes JSON into the types gojq works on, keeping integers exact.
func decodeForJQ(data []byte) (any, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return normalize(v), nil
}

// normalize turns json.Number into int, *big.Int or float64, as gojq expects.
func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalize(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = normalize(e)
		}
		return x
	case json.Number:
		if i, err := x.Int64(); err == nil && int64(int(i)) == i {
			return int(i)
		}
		// An integer beyond int: gojq's arbitrary-precision integer, so
		// it passes through a program exactly (jq 1.7 keeps it too).
		if b, ok := new(big.Int).SetString(string(x), 10); ok {
			return b
		}
		f, _ := x.Float64()
		return f
	}
	return v
}

func safeVar(res *fallback.Result) map[string]any {
	m := make(map[string]any, len(res.Answers))
	for _, a := range res.Answers {
		e := map[string]any{"reason": string(a.Reason), "detail": a.Detail()}
		if a.HasValue {
			if v, err := decodeForJQ(fallback.ValueJSON(a.Value)); err == nil {
				e["value"] = v // integers exact, as in the payload
			}
		}
		m[a.Key] = e
	}
	return m
}

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case string:
		return "a string"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "a number"
}
