// Package check compares the flag evaluations the scanner found with the
// safest fallbacks the resolver computed, and turns every difference into a
// Finding a reviewer can act on.
//
// In: a *fallback.Result (one answer per flag), a *scanner.Result (the calls),
// and Options (severities from .ldfallback.yaml, the fallback-config.json that
// wrappers read, a baseline). Out: a *Report with findings in a stable order
// (file, line, column, kind) and a Summary. Formatting is report's job; the
// rewriting of stale literals is fix's job.
//
// Calls whose key is not a constant cannot be compared; they produce one note
// of kind "dynamic-key" (so a reviewer sees what was not checked) and count in
// Summary.DynamicKeys. Set its severity to "off" to drop them.
package check
