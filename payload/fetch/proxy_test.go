package fetch

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// net/http reads the proxy variables once per process, so each proxy case
// runs this test binary again with the variables set (proxyChildEnv marks the
// child). The proxy is a loopback server; the target host name is never
// resolved, because a proxied request goes to the proxy.
const proxyChildEnv = "LDFALLBACK_FETCH_PROXY_CASE"

func TestProxyFromEnvironment(t *testing.T) {
	if os.Getenv(proxyChildEnv) != "" {
		t.Skip("in the child")
	}
	var seen []string
	proxy := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		// A forward proxy receives the absolute URL.
		seen = append(seen, r.Method+" "+r.URL.String()+" auth="+strings.TrimPrefix(r.Header.Get("Authorization"), testKey))
		reply(200, flagsBody)(w, r)
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadProxy := "http://" + l.Addr().String()
	l.Close()

	for _, tc := range []struct {
		name string
		env  []string
	}{
		{"via-proxy", []string{"HTTP_PROXY=" + proxy.URL, "http_proxy=" + proxy.URL, "NO_PROXY=", "no_proxy="}},
		{"no-proxy", []string{"HTTP_PROXY=" + proxy.URL, "http_proxy=" + proxy.URL, "NO_PROXY=ldfallback.test", "no_proxy=ldfallback.test"}},
		{"dead-proxy", []string{"HTTP_PROXY=" + deadProxy, "http_proxy=" + deadProxy, "NO_PROXY=", "no_proxy="}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestProxyChild$", "-test.v", "-test.count=1")
			cmd.Env = append(os.Environ(), append(tc.env, proxyChildEnv+"="+tc.name)...)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "--- PASS: TestProxyChild") {
				t.Fatalf("child: %v\n%s", err, out)
			}
		})
	}
	want := "GET http://ldfallback.test/sdk/latest-all auth="
	if len(seen) != 1 || seen[0] != want {
		t.Errorf("proxy saw %q, want exactly [%q]", seen, want)
	}
}

// TestProxyChild runs in the child process only.
func TestProxyChild(t *testing.T) {
	name := os.Getenv(proxyChildEnv)
	if name == "" {
		t.Skip("run by TestProxyFromEnvironment")
	}
	out := fetch(t, context.Background(), Options{BaseURI: "http://ldfallback.test", Retries: 1})
	switch name {
	case "via-proxy":
		res := mustOK(t, out)
		if string(res.Body) != flagsBody || res.URL != "http://ldfallback.test/sdk/latest-all" {
			t.Errorf("result %+v", res)
		}
	case "no-proxy":
		// Direct, so it fails (a reserved .test name); which network error
		// depends on this machine's resolver. The parent checks the proxy
		// saw nothing.
		fetchErr(t, out, 0, "")
	case "dead-proxy":
		fetchErr(t, out, 0, "cannot reach the HTTP proxy set by HTTPS_PROXY/HTTP_PROXY")
		if !strings.Contains(out.err.Error(), "gave up after 2 attempts") {
			t.Errorf("proxy failures are retried: %v", out.err)
		}
	}
}
