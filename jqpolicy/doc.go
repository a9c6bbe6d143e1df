// Package jqpolicy owns custom fallback policies written in jq: it runs a
// user's program (with gojq) over the raw payload, as the guide's
// parse-fallbacks.jq does, with $safe bound to ldfallback's own answers, and
// checks that the result is a fallback-config object.
//
// In: the payload JSON and the resolver's Result. Out: flag key → value.
package jqpolicy
