// Package ldreason is a test stand-in for the real ldreason.
package ldreason

// EvaluationDetail explains an evaluation.
type EvaluationDetail struct{}
