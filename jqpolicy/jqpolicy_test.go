package jqpolicy

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ldfallback/ldfallback/fallback"
	"github.com/ldfallback/ldfallback/payload"
)

const testPayload = `{"flags": {
  "release-a": {"on": true, "variations": [true, false], "offVariation": 1, "fallthrough": {"variation": 0}},
  "plain": {"on": false, "variations": ["x", "y"], "offVariation": 1},
  "big": {"on": false, "variations": [12345678901234, 1.5], "offVariation": 0},
  "none": {"on": true, "variations": [true, false], "rules": [{"variation": 0, "clauses": []}], "fallthrough": {"variation": 1}}
}}`

func resolved(t *testing.T) *fallback.Result {
	t.Helper()
	p, err := payload.Parse([]byte(testPayload), "test")
	if err != nil {
		t.Fatal(err)
	}
	return fallback.Resolve(p)
}

func TestRun(t *testing.T) {
	res := resolved(t)
	for _, tc := range []struct {
		name, program string
		want          map[string]string // key -> JSON
		wantErr       string
	}{
		{
			name:    "safe answers as they are",
			program: `$safe | with_entries(select(.value | has("value")) | .value |= .value)`,
			want:    map[string]string{"release-a": "true", "plain": `"y"`, "big": "12345678901234", "none": "true"},
		},
		{
			name: "release flags fail closed",
			program: `$safe | with_entries(select(.value | has("value")) | .value |= .value)
			        | with_entries(if .key | startswith("release-") then .value = false else . end)`,
			want: map[string]string{"release-a": "false", "plain": `"y"`, "big": "12345678901234", "none": "true"},
		},
		{
			name:    "reads the payload itself, like the guide's program",
			program: `.flags | with_entries(.value |= .variations[.offVariation // 0])`,
			want:    map[string]string{"release-a": "false", "plain": `"y"`, "big": "12345678901234", "none": "true"},
		},
		{name: "reasons are bound", program: `{r: $safe.plain.reason}`, want: map[string]string{"r": `"off"`}},
		{name: "not an object", program: `[1]`, wantErr: "returned an array, want an object"},
		{name: "no output", program: `empty`, wantErr: "produced no output"},
		{name: "runtime error", program: `error("boom")`, wantErr: "boom"},
		{name: "syntax error", program: `{`, wantErr: "does not parse"},
		{name: "unknown function", program: `nosuch(1)`, wantErr: "does not compile"},
		{name: "environment is not readable", program: `{e: ($ENV | length)}`, want: map[string]string{"e": "0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Run(context.Background(), "policy.jq", tc.program, []byte(testPayload), res, Options{Timeout: 5 * time.Second})
			if tc.wantErr != "" {
				var pe *Error
				if !errors.As(err, &pe) || pe.ExitCode() != 2 || !strings.Contains(err.Error(), tc.wantErr) || !strings.HasPrefix(err.Error(), "policy.jq: ") {
					t.Fatalf("err = %v, want a policy.jq error containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			gotS := map[string]string{}
			for k, v := range got {
				gotS[k] = string(v)
			}
			if diff := cmp.Diff(tc.want, gotS); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestRunStopsRunawayProgram(t *testing.T) {
	res := resolved(t)
	_, err := Run(context.Background(), "loop.jq", `def f: f; f`, []byte(testPayload), res, Options{Timeout: 200 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "stopped after 200ms") {
		t.Fatalf("err = %v", err)
	}
}

func TestDebugGoesToTheWriter(t *testing.T) {
	var dbg bytes.Buffer
	_, err := Run(context.Background(), "d.jq", `{a: (1 | debug)} | debug("note \(.a)")`, []byte(testPayload), resolved(t), Options{Debug: &dbg})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dbg.String(), `["DEBUG:",1]`) || !strings.Contains(dbg.String(), `["DEBUG:","note 1"]`) {
		t.Fatalf("debug output = %q", dbg.String())
	}
}

// TestIntegersBeyondInt64: an integer beyond int64 passes through the payload
// and $safe exactly (gojq's big integers), not rounded through a float64.
func TestIntegersBeyondInt64(t *testing.T) {
	const doc = `{"flags":{"huge":{"on":false,"variations":[12345678901234567890],"offVariation":0}}}`
	p, err := payload.Parse([]byte(doc), "test")
	if err != nil {
		t.Fatal(err)
	}
	res := fallback.Resolve(p)
	for _, program := range []string{`$safe | with_entries(.value |= .value)`, `.flags | with_entries(.value |= .variations[0])`} {
		got, err := Run(context.Background(), "p.jq", program, []byte(doc), res, Options{Timeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if string(got["huge"]) != "12345678901234567890" {
			t.Errorf("%s: huge = %s", program, got["huge"])
		}
	}
}
