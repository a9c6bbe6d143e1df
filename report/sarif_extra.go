package report

import (
	"strings"

	"github.com/ldfallback/ldfallback/check"
)

// SARIFOptions are the optional parts of a SARIF log.
type SARIFOptions struct {
	// Category is the run's runAutomationDetails.id category, so that
	// several runs (one per environment or config) upload side by side in
	// code scanning. "" writes no automationDetails.
	Category string
	// Fixes are the --fix edits, written as each result's fixes.
	Fixes []Fix
}

type sarifAutomationDetails struct {
	ID string `json:"id"`
}

// automationDetails makes a runAutomationDetails.id from a category. GitHub
// reads the part before the last "/" as the category (the rest names the
// run), so a trailing "/" is added when missing, as codeql-action does.
func automationDetails(category string) *sarifAutomationDetails {
	if category == "" {
		return nil
	}
	if !strings.HasSuffix(category, "/") {
		category += "/"
	}
	return &sarifAutomationDetails{ID: category}
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifSpan         `json:"deletedRegion"`
	InsertedContent *sarifTextContent `json:"insertedContent,omitempty"`
}

// sarifSpan is a region with an end (the result region has a start only).
type sarifSpan struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifTextContent struct {
	Text string `json:"text"`
}

// sarifFixes turns the finding's --fix edits into SARIF fixes: one fix per
// edit, columns in code points (the run's columnKind), end exclusive.
func sarifFixes(f check.Finding, fixes []Fix) []sarifFix {
	var out []sarifFix
	for _, x := range fixesOf(f, fixes) {
		out = append(out, sarifFix{
			Description: sarifText{Text: "Change the fallback of " + f.Key + " to the safest value " + x.Text},
			ArtifactChanges: []sarifArtifactChange{{
				ArtifactLocation: sarifArtifactLocation{URI: relURI(x.File), URIBaseID: "%SRCROOT%"},
				Replacements: []sarifReplacement{{
					DeletedRegion:   sarifSpan{StartLine: x.Start.Line, StartColumn: x.Start.Column, EndLine: x.End.Line, EndColumn: x.End.Column},
					InsertedContent: &sarifTextContent{Text: x.Text},
				}},
			}},
		})
	}
	return out
}
