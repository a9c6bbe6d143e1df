package scanner

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// nested returns a literal nested depth levels deep, one bracket a line (so
// the file is not taken for minified).
func nested(open, close string, depth int) string {
	return strings.Repeat(open+"\n", depth) + strings.Repeat(close+"\n", depth)
}

// A fallback nested 10,000 levels deep used to become a JSON value that
// encoding/json refuses past 10,000 levels: `scan --format json` failed with
// a message naming no file. It is dynamic now, and the other files are found.
func TestDeepLiteralIsDynamic(t *testing.T) {
	const depth = 10_000
	root := writeTree(t, map[string]string{
		"deep.ts": "import * as ld from '@launchdarkly/node-server-sdk';\nclient.jsonVariation('deep-ts', ctx, " + nested("[", "]", depth) + ");\n",
		"obj.ts":  "import * as ld from '@launchdarkly/node-server-sdk';\nclient.jsonVariation('deep-obj', ctx, " + strings.Repeat("{a:\n", depth) + "1" + strings.Repeat("}\n", depth) + ");\n",
		"deep.py": "import ldclient\nldclient.get().variation('deep-py', ctx, " + nested("[", "]", depth) + ")\n",
		"deep.go": "package app\n\nimport \"github.com/open-feature/go-sdk/openfeature\"\n\nfunc f(of *openfeature.Client) {\n\tof.ObjectValue(ctx, \"deep-go\", " +
			strings.Repeat("[]any{\n", depth) + strings.Repeat("},\n", depth-1) + "}, openfeature.EvaluationContext{})\n}\n",
		"ok.ts":  js("fine"),
		"ok2.ts": "import * as ld from '@launchdarkly/node-server-sdk';\nclient.jsonVariation('shallow', ctx, " + nested("[", "]", 100) + ");\n",
	})
	res, err := Scan(context.Background(), Options{Roots: []string{root}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Call{}
	for _, c := range res.Calls {
		got[deref(c.Key)] = c
	}
	for _, k := range []string{"deep-ts", "deep-obj", "deep-py", "deep-go"} {
		c, ok := got[k]
		if !ok {
			t.Errorf("%s: no call; calls %v, problems %v", k, keysOf(res.Calls), res.Problems)
			continue
		}
		if !c.Dynamic || c.Fallback != nil {
			t.Errorf("%s: fallback %.40s dynamic=%v, want dynamic", k, c.Fallback, c.Dynamic)
		}
	}
	if c := got["shallow"]; c.Dynamic || !bytes.HasPrefix(c.Fallback, []byte("[[[[")) {
		t.Errorf("shallow: a literal 100 levels deep is still a value: %.40s dynamic=%v", c.Fallback, c.Dynamic)
	}
	if _, ok := got["fine"]; !ok {
		t.Errorf("ok.ts: no call")
	}
	if _, err := json.Marshal(res); err != nil {
		t.Errorf("the result does not encode: %v", err)
	}
}

func keysOf(calls []Call) []string {
	var out []string
	for _, c := range calls {
		out = append(out, deref(c.Key))
	}
	return out
}

// slowAfterParse makes files containing marker spend sleep after their parse.
// A first scan of root compiles the queries (once per process), so that the
// budget measures the files.
func slowAfterParse(t *testing.T, root, marker string, sleep time.Duration) {
	if _, err := Scan(context.Background(), Options{Roots: []string{root}}); err != nil {
		t.Fatal(err)
	}
	afterParseHook = func(src []byte) {
		if bytes.Contains(src, []byte(marker)) {
			time.Sleep(sleep)
		}
	}
	t.Cleanup(func() { afterParseHook = nil })
}

// A file whose extraction outlives its budget (the parse alone fits) keeps
// none of its calls and is one problem naming it; the other files are
// scanned. Before, only the parse was bounded: extraction ran on.
func TestExtractionBudget(t *testing.T) {
	root := writeTree(t, map[string]string{
		"slow.ts": "// SLOW\n" + js("slow-call"),
		"ok.ts":   js("fine"),
	})
	slowAfterParse(t, root, "SLOW", 1500*time.Millisecond)
	res, err := Scan(context.Background(), Options{Roots: []string{root}, FileTimeout: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if got := keysOf(res.Calls); len(got) != 1 || got[0] != "fine" {
		t.Errorf("calls %v, want only fine", got)
	}
	if len(res.Problems) != 1 || res.Problems[0].File != "slow.ts" || !strings.Contains(res.Problems[0].Msg, "per-file budget of 500ms") {
		t.Errorf("problems %v, want one naming slow.ts and the budget", res.Problems)
	}
}

// Resolving the constants a file names is bounded too: a declaration file
// whose parse for declarations outlives its budget is one problem, and the
// key it would have given stays null (never a half-resolved guess).
func TestResolutionBudget(t *testing.T) {
	root := writeTree(t, map[string]string{
		"app.ts":   "import * as ld from '@launchdarkly/node-server-sdk';\nimport { FLAG } from './flags';\nclient.boolVariation(FLAG, ctx, true);\n",
		"flags.ts": "// SLOWDECL\nexport const FLAG = 'from-flags';\n",
		"ok.ts":    js("fine"),
	})
	slowAfterParse(t, root, "SLOWDECL", 1500*time.Millisecond)
	res, err := Scan(context.Background(), Options{Roots: []string{root}, FileTimeout: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Calls {
		if c.File == "app.ts" && c.Key != nil {
			t.Errorf("app.ts: key %q resolved past the budget", *c.Key)
		}
	}
	if got := fmt.Sprint(res.Problems); len(res.Problems) != 1 || !strings.Contains(got, "flags.ts") || !strings.Contains(got, "budget") {
		t.Errorf("problems %v, want one naming flags.ts and the budget", res.Problems)
	}
	// With time enough, the same tree resolves.
	afterParseHook = nil
	res, err = Scan(context.Background(), Options{Roots: []string{root}})
	if err != nil {
		t.Fatal(err)
	}
	if got := keysOf(res.Calls); fmt.Sprint(got) != "[from-flags fine]" {
		t.Errorf("calls %v, want [from-flags fine]", got)
	}
}

// BenchmarkIgnoredAt measures the ignore-comment lookup per call site in files
// of 3,000 and 24,000 lines: linear lookups cost the same per call at both
// sizes (it was a scan from the top of the file per call, quadratic). A
// benchmark, not a timed test: timing ratios fail on a loaded CI machine.
func BenchmarkIgnoredAt(b *testing.B) {
	for _, lines := range []int{3000, 24_000} {
		var src bytes.Buffer
		var offs []int
		for i := range lines {
			offs = append(offs, src.Len()+2)
			fmt.Fprintf(&src, "c.variation('f%d', x, false); // note\n", i)
		}
		b.Run(fmt.Sprintf("lines=%d", lines), func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				ignoredAt(src.Bytes(), []string{"//"}, offs[i%len(offs)])
			}
		})
	}
}

// The 48,000-call file of the report, whole: every call found, within the budget.
func TestManyCallSites(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and scans a 1.5 MB file")
	}
	var b strings.Builder
	b.WriteString("import * as ld from '@launchdarkly/node-server-sdk';\n")
	const n = 48_000
	for i := range n {
		fmt.Fprintf(&b, "c.boolVariation('f%d',x,false);\n", i)
	}
	root := writeTree(t, map[string]string{"many.ts": b.String()})
	start := time.Now()
	// A loaded CI machine is slow; the budget of this test is generous, and
	// the linearity itself is TestIgnoredIsLinear's.
	res, err := Scan(context.Background(), Options{Roots: []string{root}, FileTimeout: 2 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Calls) != n || len(res.Problems) > 0 {
		t.Errorf("%d calls, problems %v; want %d calls", len(res.Calls), res.Problems, n)
	}
	t.Logf("%d call sites in %v", n, time.Since(start))
}
