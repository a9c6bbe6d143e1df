package codegen

// These tests compile or type-check the generated code with the real
// toolchains when the machine has them, and skip with a message when not.
// Each test also runs the code (Go, Node, Python, the JVM for Java and
// Kotlin, Mono for C#): the values the generated map holds are read back and
// compared with the input JSON, which is what proves the escaping right.
// Java/Kotlin are in toolchain_jvm_test.go, C# in toolchain_csharp_test.go.

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	// The generated Go wrapper is compiled against the real server SDK, offline,
	// with this module's go.mod: importing it here keeps it there.
	_ "github.com/launchdarkly/go-server-sdk/v7"
)

func need(t *testing.T, tool string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s not found on PATH: skipping the compile check", tool)
	}
	return path
}

func run(t *testing.T, dir string, env []string, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, stderr.Bytes())
	}
	return out
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func generate(t *testing.T, lang string, opts Options) []byte {
	t.Helper()
	out, err := Generate(lang, loadAwkward(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// compareValues checks that the JSON object printed by generated code holds
// exactly the input fallbacks.
func compareValues(t *testing.T, printed []byte) {
	t.Helper()
	var got, want map[string]any
	if err := json.Unmarshal(printed, &got); err != nil {
		t.Fatalf("output of generated code is not a JSON object: %v\n%s", err, printed)
	}
	raw, _ := json.Marshal(loadAwkward(t))
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("values read back from generated code differ from the input (-want +got):\n%s", diff)
	}
}

// TestGoCompiles builds the generated package in a scratch module that
// requires the same SDK versions as this repository, offline (GOPROXY=off:
// the module cache already holds them), vets it and prints the map.
func TestGoCompiles(t *testing.T) {
	goBin := need(t, "go")
	if testing.Short() {
		t.Skip("short mode: skipping the go build of generated code")
	}
	dir := t.TempDir()
	mod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	mod = regexp.MustCompile(`(?m)^module .*$`).ReplaceAll(mod, []byte("module example.com/gen"))
	write(t, filepath.Join(dir, "go.mod"), mod)
	sum, err := os.ReadFile("../go.sum")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "go.sum"), sum)
	write(t, filepath.Join(dir, "flags", "flags.go"), generate(t, "go", Options{Package: "flags"}))
	write(t, filepath.Join(dir, "plain", "plain.go"), generate(t, "go", Options{Package: "plain", NoWrapper: true}))
	write(t, filepath.Join(dir, "main.go"), []byte(`package main

import (
	"encoding/json"
	"os"

	"example.com/gen/flags"
	"example.com/gen/plain"
)

var _ = flags.VariationWithFallback

func main() {
	if len(plain.Fallbacks) != len(flags.Fallbacks) {
		panic("wrapper and plain variants disagree")
	}
	json.NewEncoder(os.Stdout).Encode(flags.Fallbacks)
}
`))
	env := []string{"GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local"}
	run(t, dir, env, goBin, "vet", "./...")
	compareValues(t, run(t, dir, env, goBin, "run", "."))
}

// tscDir finds a node_modules holding typescript: $LDFALLBACK_NODE_MODULES,
// or the cache the CI installs into (see the README: npm install --prefix
// "${TMPDIR:-/tmp}/ldfallback-tsc" typescript@5 @launchdarkly/node-server-sdk).
func tscDir(t *testing.T) string {
	var cands []string
	if d := os.Getenv("LDFALLBACK_NODE_MODULES"); d != "" {
		cands = append(cands, d)
	}
	cands = append(cands, filepath.Join(os.TempDir(), "ldfallback-tsc", "node_modules"), "/tmp/ldfallback-tsc/node_modules")
	for _, d := range cands {
		if _, err := os.Stat(filepath.Join(d, "typescript", "bin", "tsc")); err == nil {
			return d
		}
	}
	t.Skipf("typescript not installed (looked in %s); install with: npm install --prefix \"${TMPDIR:-/tmp}/ldfallback-tsc\" typescript@5 @launchdarkly/node-server-sdk", strings.Join(cands, ", "))
	return ""
}

// sdkStub declares the part of @launchdarkly/node-server-sdk the wrapper
// uses, for machines where the real package is not installed.
const sdkStub = `export type LDFlagValue = any;
export interface LDContext { kind?: string; key?: string; [attr: string]: any }
export interface LDClient {
  variation(key: string, context: LDContext, defaultValue: LDFlagValue, callback?: (err: any, res: LDFlagValue) => void): Promise<LDFlagValue>;
}
`

func TestTypeScriptTypeChecks(t *testing.T) {
	node := need(t, "node")
	modules := tscDir(t)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "src", "fallbacks.ts"), generate(t, "typescript", Options{}))
	write(t, filepath.Join(dir, "src", "plain.ts"), generate(t, "typescript", Options{NoWrapper: true}))
	if _, err := os.Stat(filepath.Join(modules, "@launchdarkly", "node-server-sdk")); err == nil {
		if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
			t.Fatal(err)
		}
	} else {
		t.Log("@launchdarkly/node-server-sdk not installed: type-checking against a stub of its LDClient")
		write(t, filepath.Join(dir, "node_modules", "@launchdarkly", "node-server-sdk", "index.d.ts"), []byte(sdkStub))
	}
	tsc := filepath.Join(modules, "typescript", "bin", "tsc")
	common := []string{"--strict", "--noUnusedLocals", "--target", "es2020", "--module", "commonjs", "--moduleResolution", "node", "--skipLibCheck", "--lib", "es2020,dom"}
	// Type-check both files, then emit and run them to read the values back.
	run(t, dir, nil, node, append([]string{tsc, "--noEmit"}, append(common, "src/fallbacks.ts", "src/plain.ts")...)...)
	run(t, dir, nil, node, append([]string{tsc, "--outDir", "out"}, append(common, "src/fallbacks.ts")...)...)
	compareValues(t, run(t, dir, nil, node, "-e", `const m = require("./out/fallbacks.js");
if (typeof m.variationWithFallback !== "function") throw new Error("no wrapper");
process.stdout.write(JSON.stringify(Object.fromEntries(m.FALLBACKS)));`))
}

func TestPythonCompiles(t *testing.T) {
	py := need(t, "python3")
	dir := t.TempDir()
	write(t, filepath.Join(dir, "fallbacks.py"), generate(t, "python", Options{}))
	write(t, filepath.Join(dir, "plain.py"), generate(t, "python", Options{NoWrapper: true}))
	run(t, dir, nil, py, "-m", "py_compile", "fallbacks.py", "plain.py")
	// The wrapper runs against a fake client: a missing release-* key fails closed.
	compareValues(t, run(t, dir, nil, py, "-c", `import json, sys
import fallbacks, plain
class Client:
    def variation(self, key, context, default):
        return default
c = Client()
assert fallbacks.variation_with_fallback(c, "release-missing", None) is False
assert fallbacks.variation_with_fallback(c, "other-missing", None) is None
assert fallbacks.variation_with_fallback(c, "class", None) == "premium"
assert dict(plain.FALLBACKS) == dict(fallbacks.FALLBACKS)
sys.stdout.write(json.dumps(dict(fallbacks.FALLBACKS)))`))
}
