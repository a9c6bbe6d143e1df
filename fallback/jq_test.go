package fallback

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/itchyny/gojq"

	"github.com/ldfallback/ldfallback/bench/generate/payloadgen"
	"github.com/ldfallback/ldfallback/payload"
)

// The guide's jq program is read from ../shared/reference relative to the
// repository root at test time; it is not part of this repository.
func jqProgram(t testing.TB) *gojq.Code {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "reference", "parse-fallbacks.jq")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("the guide's jq program is not available (%v): skipping the jq comparison", err)
	}
	q, err := gojq.Parse(string(src))
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	// debug/1 compiles to debug/0; its messages are discarded.
	code, err := gojq.Compile(q, gojq.WithFunction("debug", 0, 0, func(v any, _ []any) any { return v }))
	if err != nil {
		t.Fatalf("compile %s: %v", path, err)
	}
	return code
}

var errJQTimeout = errors.New("jq program timed out")

// runJQ runs the program on a payload with a time limit and returns its config.
func runJQ(code *gojq.Code, data []byte, limit time.Duration) (map[string]any, error) {
	var in any
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	iter := code.RunWithContext(ctx, in)
	v, ok := iter.Next()
	if !ok {
		return nil, errors.New("no output")
	}
	if err, ok := v.(error); ok {
		if errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
			return nil, errJQTimeout
		}
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("output is %T", v)
	}
	return m, nil
}

// ourConfig is ldfallback's config decoded the same way as jq's output.
func ourConfig(t testing.TB, data []byte) (map[string]any, *Result) {
	t.Helper()
	p, err := payload.Parse(data, "test")
	if err != nil {
		t.Fatal(err)
	}
	r := Resolve(p)
	b, _ := r.Config()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m, r
}

// TestJQDifferential: on payloads that avoid every known defect of the jq
// program, the program and ldfallback produce the same config.
func TestJQDifferential(t *testing.T) {
	code := jqProgram(t)
	seeds := 40
	if testing.Short() {
		seeds = 8
	}
	for seed := 0; seed < seeds; seed++ {
		data := payloadgen.Random(uint64(seed), payloadgen.RandomOptions{Flags: 30, JQSafe: true}).JSON()
		want, err := runJQ(code, data, 20*time.Second)
		if err != nil {
			t.Fatalf("seed %d: jq: %v", seed, err)
		}
		got, r := ourConfig(t, data)
		if !reflect.DeepEqual(got, want) {
			for k := range merge(got, want) {
				if !reflect.DeepEqual(got[k], want[k]) {
					a, _ := r.Get(k)
					t.Errorf("seed %d, %s: ldfallback %v (%s: %s), jq %v", seed, k, got[k], a.Reason, a.Detail(), want[k])
				}
			}
		}
	}
}

func merge(a, b map[string]any) map[string]bool {
	m := map[string]bool{}
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return m
}

// Each known defect of the jq program, with the payload that shows it:
// what jq says, what ldfallback says, and why ldfallback is right (the
// evaluator oracle tests check the latter in general).
func TestJQDefects(t *testing.T) {
	code := jqProgram(t)
	const boolFlag = `"variations":[true,false],"offVariation":1`
	cases := []struct {
		name    string
		flags   string
		key     string
		ours    any // nil: left out
		jq      any // nil: left out; "timeout": the program does not finish
		because string
	}{
		{
			name:    "missing prerequisite passes",
			flags:   `"a":{"key":"a","on":true,"prerequisites":[{"key":"gone","variation":0}],"fallthrough":{"variation":0},` + boolFlag + `}`,
			key:     "a",
			ours:    false,
			jq:      true,
			because: "the evaluator fails a prerequisite that does not exist, so every context gets the off variation",
		},
		{
			name: "deleted prerequisite passes",
			flags: `"a":{"key":"a","on":true,"prerequisites":[{"key":"d","variation":0}],"fallthrough":{"variation":0},` + boolFlag + `},
			        "d":{"key":"d","on":true,"deleted":true,"fallthrough":{"variation":0},` + boolFlag + `}`,
			key:     "a",
			ours:    false,
			jq:      true,
			because: "a deleted flag is absent for the SDK; jq still finds and resolves it",
		},
		{
			name: "prerequisite with null off variation passes",
			flags: `"a":{"key":"a","on":true,"prerequisites":[{"key":"p","variation":0}],"fallthrough":{"variation":0},` + boolFlag + `},
			        "p":{"key":"p","on":true,"fallthrough":{"rollout":{"variations":[{"variation":0,"weight":50000},{"variation":1,"weight":50000}]}},"variations":[true,false]}`,
			key:     "a",
			ours:    false,
			jq:      true,
			because: "p has no fallback in jq, so map() drops the prerequisite and all() of nothing is true; the evaluator fails contexts bucketed to false",
		},
		{
			name: "mixed prerequisite passes when its off value equals the required one",
			flags: `"a":{"key":"a","on":true,"prerequisites":[{"key":"p","variation":0}],"fallthrough":{"variation":0},` + boolFlag + `},
			        "p":{"key":"p","on":true,"targets":[{"values":["u1"],"variation":1}],"fallthrough":{"variation":0},"variations":[true,false],"offVariation":0}`,
			key:     "a",
			ours:    false,
			jq:      true,
			because: "user u1 gets p=false, fails the prerequisite and gets a's off variation false",
		},
		{
			name: "prerequisites compared by value, not index",
			flags: `"a":{"key":"a","on":true,"prerequisites":[{"key":"p","variation":0}],"fallthrough":{"variation":0},` + boolFlag + `},
			        "p":{"key":"p","on":true,"fallthrough":{"variation":1},"variations":["same","same"],"offVariation":0}`,
			key:     "a",
			ours:    false,
			jq:      true,
			because: "p serves index 1; the evaluator compares indexes, so the prerequisite (index 0) fails",
		},
		{
			name:    "weight-0 last bucket dropped",
			flags:   `"a":{"key":"a","on":true,"fallthrough":{"rollout":{"variations":[{"variation":0,"weight":99000},{"variation":1,"weight":0}]}},` + boolFlag + `}`,
			key:     "a",
			ours:    false,
			jq:      true,
			because: "the weights add up to 99%, so the evaluator puts the remaining 1% in the last bucket (false)",
		},
		{
			name:    "out-of-range index emits null",
			flags:   `"a":{"key":"a","on":true,"fallthrough":{"variation":5},` + boolFlag + `}`,
			key:     "a",
			ours:    false,
			jq:      nil,
			because: "index 5 is malformed: the SDK returns the code default, so the safest fallback is the off variation",
		},
		{
			name:    "negative index emits a wrong value",
			flags:   `"a":{"key":"a","on":true,"fallthrough":{"variation":-1},"variations":[true,false],"offVariation":0}`,
			key:     "a",
			ours:    true,
			jq:      false,
			because: "jq's variations[-1] is the last variation; the evaluator rejects -1 as malformed",
		},
		{
			name: "cycle never terminates",
			flags: `"a":{"key":"a","on":true,"prerequisites":[{"key":"b","variation":0}],"fallthrough":{"variation":0},` + boolFlag + `},
			        "b":{"key":"b","on":true,"prerequisites":[{"key":"a","variation":0}],"fallthrough":{"variation":0},` + boolFlag + `}`,
			key:     "a",
			ours:    false,
			jq:      "timeout",
			because: "the evaluator detects the cycle and returns MALFORMED_FLAG; the answer is the off variation with a warning",
		},
		{
			name: "cycle through an off flag never terminates",
			flags: `"a":{"key":"a","on":true,"prerequisites":[{"key":"b","variation":0}],"fallthrough":{"variation":0},` + boolFlag + `},
			        "b":{"key":"b","on":false,"prerequisites":[{"key":"a","variation":0}],"fallthrough":{"variation":0},` + boolFlag + `}`,
			key:     "a",
			ours:    false,
			jq:      "timeout",
			because: "an off flag never looks at its prerequisites, so for the SDK there is no cycle: b is off and a's prerequisite fails",
		},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "-"), func(t *testing.T) {
			data := []byte(`{"flags":{` + c.flags + `},"segments":{}}`)
			got, r := ourConfig(t, data)
			a, _ := r.Get(c.key)
			if got[c.key] != c.ours {
				t.Fatalf("ldfallback gives %v (%s: %s), want %v: %s", got[c.key], a.Reason, a.Detail(), c.ours, c.because)
			}
			jq, err := runJQ(code, data, 2*time.Second)
			switch {
			case c.jq == "timeout":
				if !errors.Is(err, errJQTimeout) {
					t.Fatalf("expected the jq program to run away, got %v, %v", jq, err)
				}
			case err != nil:
				t.Fatalf("jq: %v", err)
			case jq[c.key] != c.jq:
				t.Fatalf("jq gives %v, the defect says %v", jq[c.key], c.jq)
			}
			t.Logf("ldfallback %v (%s), jq %v: %s", c.ours, a.Reason, c.jq, c.because)
		})
	}
}

// TestJQDefectExponentialOnSharedPrerequisites: without a memo the program
// resolves the bottom of a diamond 2^levels times; ldfallback resolves each
// flag once.
func TestJQDefectExponentialOnSharedPrerequisites(t *testing.T) {
	code := jqProgram(t)
	data := payloadgen.Diamond(24).JSON()
	got, r := ourConfig(t, data)
	if len(got) != 48 || got["diamond-23-a"] != true {
		a, _ := r.Get("diamond-23-a")
		t.Fatalf("ldfallback: %d flags, top = %v (%s)", len(got), got["diamond-23-a"], a.Detail())
	}
	if _, err := runJQ(code, data, 2*time.Second); !errors.Is(err, errJQTimeout) {
		t.Fatalf("expected the jq program to take more than 2 s on a 24-level diamond, got %v", err)
	}
}

// TestJQDefectCannotCompileUnderJQ16 records that the program calls debug/1,
// which jq 1.6 does not have (it was added in jq 1.7): ldfallback needs no jq.
func TestJQDefectCannotCompileUnderJQ16(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "reference", "parse-fallbacks.jq")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("the guide's jq program is not available: %v", err)
	}
	if !strings.Contains(string(src), "debug(") {
		t.Fatal("the program no longer calls debug/1")
	}
	// Without a debug/0 implementation (the situation of jq 1.6, which only
	// knows debug/0 as a builtin and has no debug/1), compilation fails.
	q, err := gojq.Parse(string(src))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gojq.Compile(q); err == nil {
		t.Log("gojq compiles debug/1 natively; the jq 1.6 failure is documented, not reproducible here")
	} else {
		t.Logf("without debug support: %v", err)
	}
}
