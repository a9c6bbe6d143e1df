package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ldfallback/ldfallback/internal/fdv2doc"
	"github.com/ldfallback/ldfallback/internal/golden"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"ldfallback": func() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// testSDKKey is what the loopback server accepts; scripts check it never shows.
const testSDKKey = "sdk-11111111-2222-3333-4444-555555555555"

// testSDKKey2 is a second environment's key: the /envs mode serves the demo
// with checkout-api turned on (true for everyone) to it.
const testSDKKey2 = "sdk-99999999-8888-7777-6666-555555555555"

func TestScripts(t *testing.T) {
	demo, err := os.ReadFile(filepath.Join("testdata", "demo", "flags.json"))
	if err != nil {
		t.Fatal(err)
	}
	repoRoot, _ := os.Getwd()
	restFixture, err := os.ReadFile(filepath.Join("testdata", "rest", "shop.json"))
	if err != nil {
		t.Fatal(err)
	}
	guideJQ := filepath.Join(repoRoot, "..", "shared", "reference", "parse-fallbacks.jq")
	_, guideErr := os.Stat(guideJQ)
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: *golden.Update,
		Cmds:          map[string]func(ts *testscript.TestScript, neg bool, args []string){"fdv2doc": cmdFDv2Doc},
		Condition: func(cond string) (bool, error) {
			if cond == "guidejq" {
				return guideErr == nil, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Setup: func(env *testscript.Env) error {
			srv := httptest.NewServer(payloadServer(demo))
			env.Defer(srv.Close)
			env.Setenv("LDSERVER", srv.URL)
			env.Setenv("SDKKEY", testSDKKey)
			env.Setenv("SDKKEY2", testSDKKey2)
			api := httptest.NewServer(restServer(restFixture))
			env.Defer(api.Close)
			env.Setenv("LDAPI", api.URL)
			env.Setenv("APITOKEN", testAPIToken)
			env.Setenv("LD_API_TOKEN", "")
			env.Setenv("LD_API_BASE_URI", "")
			env.Setenv("DEMO", filepath.Join(repoRoot, "testdata", "demo"))
			// The guide's program lives in ../shared, beside the repository; scripts skip without it ([guidejq]).
			env.Setenv("GUIDEJQ", guideJQ)
			// A developer's own key must not leak into the scripts.
			env.Setenv("LD_SDK_KEY", "")
			env.Setenv("LD_BASE_URI", "")
			env.Setenv("NO_COLOR", "1")
			return nil
		},
	})
}

const demoETag = `"demo-v1"`

// payloadServer serves the demo payload under behaviours picked by the first path element:
// /fdv2 (also at /sdk/poll, as FDv2), /fdv1only (/sdk/poll answers with the FDv1 fallback directive), /ok, /gzip, /unauthorized, /forbidden, /missing, /relay (no latest-all, flags at /sdk/flags),
// /flaky (429 then 200), /down (always 500), /truncated, /notjson, /deep (nested 2,000,000 levels).
func payloadServer(demo []byte) http.Handler {
	var flaky atomic.Int32
	second := checkoutOn(demo)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mode, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		if mode == "envs" && rest == "sdk/latest-all" && r.Header.Get("Authorization") == testSDKKey2 {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("ETag", `"second-v1"`)
			w.Write(second)
			return
		}
		if r.Header.Get("Authorization") != testSDKKey {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		switch {
		case mode == "unauthorized":
			http.Error(w, "unauthorized", http.StatusUnauthorized)
		case mode == "forbidden":
			http.Error(w, "forbidden", http.StatusForbidden)
		case mode == "missing":
			http.NotFound(w, r)
		case mode == "down":
			http.Error(w, "boom", http.StatusInternalServerError)
		case mode == "flaky" && flaky.Add(1) == 1:
			w.Header().Set("Retry-After", "0")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		case mode == "truncated":
			w.Header().Set("Content-Length", "100000")
			w.Write(demo[:len(demo)/2])
		case mode == "stall":
			// Accepts the request and never answers: --timeout must stop it.
			select {
			case <-r.Context().Done():
			case <-time.After(30 * time.Second):
			}
		case mode == "notjson":
			w.Write([]byte("<html>captive portal</html>"))
		case mode == "deep":
			// Nested 2,000,000 levels: overflowed the Go stack before the depth limit.
			w.Write([]byte(`{"flags":{"a":{"key":"a","variations":[` + strings.Repeat("[", 2_000_000) + strings.Repeat("]", 2_000_000) + `]}}}`))
		case mode == "relay" && rest == "sdk/flags":
			w.Header().Set("Content-Type", "application/json")
			w.Write(flagMap(demo))
		case mode == "relay":
			http.NotFound(w, r)
		case mode == "fdv2" && rest == "sdk/poll":
			w.Header().Set("Content-Type", "application/json")
			w.Write(fdv2Of(demo, fdv2doc.Options{}))
		case mode == "fdv1only" && rest == "sdk/poll":
			// The service's FDv1 fallback directive.
			w.Header().Set("X-LD-FD-Fallback", "true")
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"events":[]}`))
		case rest != "sdk/latest-all":
			http.NotFound(w, r)
		case mode == "gzip" && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip"):
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "application/json")
			gz := gzip.NewWriter(w)
			gz.Write(demo)
			gz.Close()
		case r.Header.Get("If-None-Match") == demoETag:
			w.WriteHeader(http.StatusNotModified)
		default:
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("ETag", demoETag)
			w.Write(demo)
		}
	})
}

// checkoutOn is the demo payload with checkout-api on: a second environment.
func checkoutOn(latestAll []byte) []byte {
	var m map[string]map[string]map[string]any
	if err := json.Unmarshal(latestAll, &m); err != nil {
		panic(err)
	}
	m["flags"]["checkout-api"]["on"] = true
	out, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return out
}

// flagMap cuts the "flags" object out of a latest-all payload: what a Relay Proxy serves at /sdk/flags.
func flagMap(latestAll []byte) []byte {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(latestAll, &m); err != nil {
		panic(err)
	}
	return m["flags"]
}

// fdv2Of is the FDv2 poll document of a latest-all payload.
func fdv2Of(latestAll []byte, o fdv2doc.Options) []byte {
	b, err := fdv2doc.FromLatestAll(latestAll, o)
	if err != nil {
		panic(err)
	}
	return b
}

// cmdFDv2Doc is the script command "fdv2doc [-changes|-cut] IN OUT": writes
// the FDv2 poll document of the latest-all payload IN (-changes: an
// xfer-changes transfer; -cut: no payload-transferred).
func cmdFDv2Doc(ts *testscript.TestScript, neg bool, args []string) {
	var o fdv2doc.Options
	if len(args) == 3 {
		switch args[0] {
		case "-changes":
			o.Intent = "xfer-changes"
		case "-cut":
			o.NoTransferred = true
		default:
			ts.Fatalf("fdv2doc: unknown option %s", args[0])
		}
		args = args[1:]
	}
	if neg || len(args) != 2 {
		ts.Fatalf("usage: fdv2doc [-changes|-cut] IN OUT")
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), fdv2Of([]byte(ts.ReadFile(args[0])), o), 0o644))
}
