// Package config owns the user's .ldfallback.yaml: excluded paths, wrapper
// call shapes, flag-definition shapes, the fallback-config.json path and
// finding severities per kind and per path, and the fallback policy (parsed
// by package policy).
package config
