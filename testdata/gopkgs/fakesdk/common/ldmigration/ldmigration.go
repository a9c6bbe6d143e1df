// Package ldmigration is a test stand-in for the real ldmigration.
package ldmigration

// Stage is a migration stage.
type Stage string

// Stages.
const (
	Off       Stage = "off"
	DualWrite Stage = "dualwrite"
)
