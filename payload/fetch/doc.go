// Package fetch downloads the flag payload of one LaunchDarkly environment
// over HTTP: GET {base}/sdk/latest-all (or /sdk/flags from a Relay Proxy)
// with the server-side SDK key as the raw Authorization header; or, with
// Protocol fdv2 or auto, GET {base}/sdk/poll (FDv2), falling back to those
// when the service answers with the X-LD-FD-Fallback directive (or, under
// auto, a 404).
//
// It owns the wire: timeouts (connect and total), retries with jittered
// exponential backoff on 408/429/5xx/network errors honouring Retry-After,
// gzip, proxy environment variables, redirects that never carry the key to
// another host, a body size limit, and an optional ETag cache file
// (If-None-Match; a 304 returns the cached body).
//
// In: Options (key, base URI, limits). Out: *Result, the raw body bytes,
// checked only to be a JSON object, plus which path served it (which decides
// the payload shape); parsing is payload.Parse's job. Errors are
// *payload.FetchError (exit 3) or, for a bad key or base URI,
// *payload.InputError (exit 2).
//
// The SDK key never appears in an error, a log line, the cache file or the
// Result: it is validated without being echoed, and every outgoing string is
// scrubbed of it as a last line of defence.
package fetch
