// Package payload owns the flag payload: the LaunchDarkly data model as the
// SDKs see it (latest-all, the SDKs' file data source format, or the bare flag
// map a Relay Proxy serves at /sdk/flags), loading it from a file or stdin, and
// fetching it over HTTP with an SDK key.
//
// In: bytes (file, stdin, HTTP body). Out: *Payload, a map from flag key to
// ldmodel.FeatureFlag, with deleted flags removed. Parse keeps the whole
// model (for an evaluator); ParseLean and ParseLeanFile (which streams a file)
// keep only what fallback.Resolve reads, for speed and memory. Both decode
// plain flags with a strict byte-slicing reader (fastlean.go) and leave
// anything else to jreader, the reader ldmodel uses, whose verdict stands.
package payload
