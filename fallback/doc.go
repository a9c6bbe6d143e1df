// Package fallback owns the resolver: for every flag of a payload it works
// out the safest fallback value (what the real SDK would serve to every
// context, else the off variation, else nothing) and the reason for it,
// following LaunchDarkly's evaluator (go-server-sdk-evaluation/v3).
//
// In: *payload.Payload. Out: a Result holding one Answer per flag, sorted by key.
package fallback
