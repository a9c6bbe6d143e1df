package report

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strconv"

	"github.com/ldfallback/ldfallback/check"
)

// gitlabIssue is one entry of a GitLab Code Quality report (a subset of the
// Code Climate issue format): the fields GitLab documents as required.
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

// GitLab writes a GitLab Code Quality report (artifacts:reports:codequality):
// a JSON array with one issue per finding. GitLab tells issues apart by
// fingerprint, so two findings that share check.Finding's fingerprint (the
// same stale literal twice in a file) get the occurrence number mixed in;
// the fingerprint still does not depend on the line.
func GitLab(w io.Writer, r *check.Report) error {
	issues := []gitlabIssue{}
	seen := map[string]int{}
	for _, f := range r.Findings {
		n := seen[f.Fingerprint]
		seen[f.Fingerprint]++
		h := sha256.Sum256([]byte(f.Fingerprint + "\x00" + strconv.Itoa(n)))
		issues = append(issues, gitlabIssue{
			Description: f.Message,
			CheckName:   "ldfallback/" + string(f.Kind),
			Fingerprint: hex.EncodeToString(h[:16]),
			Severity:    gitlabSeverity(f.Severity),
			Location:    gitlabLocation{Path: f.File, Lines: gitlabLines{Begin: max(f.Line, 1)}},
		})
	}
	return encodeJSON(w, issues)
}

// gitlabSeverity maps onto GitLab's info, minor, major, critical, blocker.
func gitlabSeverity(s check.Severity) string {
	switch s {
	case check.SeverityError:
		return "critical"
	case check.SeverityWarning:
		return "major"
	}
	return "info"
}
