package fetch_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/ldfallback/ldfallback/payload/fetch"
)

func ExampleFetch() {
	// A stand-in for a Relay Proxy, which serves /sdk/flags only.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != fetch.PathFlags || r.Header.Get("Authorization") != "sdk-example-key-0000" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(`{"my-flag":{"key":"my-flag","on":false,"offVariation":0,"variations":[false,true]}}`))
	}))
	defer srv.Close()

	res, err := fetch.Fetch(context.Background(), fetch.Options{
		SDKKey:    "sdk-example-key-0000",
		BaseURI:   srv.URL,
		Relay:     true,
		Timeout:   30 * time.Second,
		Retries:   fetch.DefaultRetries,
		UserAgent: "ldfallback/v1.0.0",
		Logf:      func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) },
	})
	if err != nil {
		fmt.Println(err) // a *payload.FetchError (exit 3) or *payload.InputError (exit 2)
		return
	}
	fmt.Println(res.Path, res.Shape(), len(res.Body), res.FromCache)
	// Output: /sdk/flags flag-map 83 false
}
