// Package restapi owns LaunchDarkly's REST API (v2) as a flag source: it
// reads a project's flags for one or more environments with an access token
// (GET /api/v2/flags/{project}?env=…&summary=0, page by page), the archived
// flags (filter=state:archived), and the segments that rules refer to
// (GET /api/v2/segments/{project}/{env}), and turns them into what an SDK
// key would have fetched: one latest-all document per environment, parsed by
// package payload exactly as a fetched latest-all payload is. It also
// returns what only the REST API knows of each flag (flagmeta.Meta:
// temporary or permanent, tags, maintainer, creation date, archived and
// deprecated state).
//
// The wire (the token in the Authorization header, retries, backoff on 429
// with Retry-After or X-Ratelimit-Reset, timeouts, redirects kept within the
// origin, the body limit) is payload/fetch's Session. The token never
// appears in an error, a log line or a returned value.
//
// In: Options (token, project, environment keys, base URI, limits). Out:
// *Result: per environment a *payload.Payload and its source URL, and the
// project's flagmeta.Set. Errors are *payload.InputError (exit 2: a bad
// option, a malformed token) or *payload.FetchError (exit 3: network, HTTP
// status, a body that is not the documented shape).
package restapi
