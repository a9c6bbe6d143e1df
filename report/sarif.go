package report

import (
	"io"
	"net/url"
	"strings"

	"github.com/ldfallback/ldfallback/check"
)

// Tool identifies ldfallback in SARIF output.
type Tool struct {
	Version        string // e.g. "0.3.0" or "devel"
	InformationURI string // "" means DefaultInformationURI
}

// DefaultSARIFCategory is the category of a run with several environments
// when --sarif-category is not given: runs are ldfallback/<env>.
const DefaultSARIFCategory = "ldfallback"

// DefaultInformationURI is the project's home page.
const DefaultInformationURI = "https://github.com/ldfallback/ldfallback"

// SARIF 2.1.0 types: only the properties ldfallback writes.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool              sarifTool               `json:"tool"`
	AutomationDetails *sarifAutomationDetails `json:"automationDetails,omitempty"`
	// ColumnKind says columns count characters (the scanner's unit), not UTF-16 units.
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	DefaultConfiguration sarifRuleLevel `json:"defaultConfiguration"`
	Properties           sarifRuleProps `json:"properties"`
}

type sarifRuleLevel struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          map[string]any    `json:"properties,omitempty"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// fingerprintKey names ldfallback's fingerprint in partialFingerprints; the
// /v1 suffix lets the scheme change without mixing old and new values.
const fingerprintKey = "ldfallbackFingerprint/v1"

// SARIF writes a SARIF 2.1.0 log with one rule per finding kind and one
// result per finding. Paths are relative to %SRCROOT% (the scanned root),
// which GitHub code scanning resolves to the repository checkout.
func SARIF(w io.Writer, r *check.Report, tool Tool) error {
	return SARIFWith(w, r, tool, SARIFOptions{})
}

// SARIFWith is SARIF with a run category and the --fix edits (sarif_extra.go).
func SARIFWith(w io.Writer, r *check.Report, tool Tool, opts SARIFOptions) error {
	info := tool.InformationURI
	if info == "" {
		info = DefaultInformationURI
	}
	driver := sarifDriver{Name: "ldfallback", Version: tool.Version, InformationURI: info}
	for _, rule := range Rules {
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   string(rule.Kind),
			Name:                 rule.Name,
			ShortDescription:     sarifText{Text: rule.Short},
			FullDescription:      sarifText{Text: rule.Full},
			Help:                 sarifText{Text: rule.Full + " " + rule.Help, Markdown: rule.Full + "\n\n" + rule.Help},
			DefaultConfiguration: sarifRuleLevel{Level: sarifLevel(check.DefaultSeverity[rule.Kind])},
			Properties:           sarifRuleProps{Tags: []string{"launchdarkly", "feature-flags"}},
		})
	}
	runs := []sarifRun{{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{},
		AutomationDetails: automationDetails(opts.Category)}}
	// Several environments: one run per environment, each its own code
	// scanning category (<category>/<env>), and one run (<category>) for the
	// findings about all environments at once. Every run is written, empty
	// or not, so an alert fixed in one environment closes there.
	runOf := map[string]int{}
	if envs := r.Summary.Environments; len(envs) > 0 {
		category := opts.Category
		if category == "" {
			category = DefaultSARIFCategory
		}
		category = strings.TrimSuffix(category, "/")
		runs[0].AutomationDetails = automationDetails(category)
		for _, e := range envs {
			runOf[e.Name] = len(runs)
			runs = append(runs, sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{},
				AutomationDetails: automationDetails(category + "/" + e.Name)})
		}
	}
	for _, f := range r.Findings {
		res := sarifResult{
			RuleID:              string(f.Kind),
			RuleIndex:           ruleIndex(f.Kind),
			Level:               sarifLevel(f.Severity),
			Message:             sarifText{Text: f.Message},
			Locations:           []sarifLocation{{PhysicalLocation: physical(f.File, f.Line, f.Column)}},
			PartialFingerprints: map[string]string{fingerprintKey: f.Fingerprint},
		}
		for i, rel := range f.Related {
			id := i + 1
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{ID: &id,
				PhysicalLocation: physical(rel.File, rel.Line, rel.Column),
				Message:          &sarifText{Text: "another fallback of " + f.Key}})
		}
		props := map[string]any{}
		if f.Key != "" {
			props["flagKey"] = f.Key
		}
		if len(f.Fallback) > 0 && string(f.Fallback) != "null" {
			props["fallback"] = f.Fallback
		}
		if len(f.Recommended) > 0 && string(f.Recommended) != "null" {
			props["recommended"] = f.Recommended
		}
		if f.Reason != "" {
			props["reason"] = f.Reason
		}
		if f.Environment != "" {
			props["environment"] = f.Environment
		}
		if len(f.Environments) > 0 {
			props["environments"] = f.Environments
		}
		if len(props) > 0 {
			res.Properties = props
		}
		res.Fixes = sarifFixes(f, opts.Fixes)
		run := &runs[runOf[f.Environment]] // 0: no environment, or all of them
		run.Results = append(run.Results, res)
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    runs,
	}
	return encodeJSON(w, log)
}

func physical(file string, line, col int) sarifPhysicalLocation {
	if line < 1 {
		line = 1
	}
	return sarifPhysicalLocation{
		ArtifactLocation: sarifArtifactLocation{URI: relURI(file), URIBaseID: "%SRCROOT%"},
		Region:           sarifRegion{StartLine: line, StartColumn: max(col, 0)},
	}
}

// relURI percent-encodes a relative, slash-separated path as a URI reference.
func relURI(file string) string {
	return (&url.URL{Path: file}).EscapedPath()
}

func sarifLevel(s check.Severity) string {
	switch s {
	case check.SeverityError:
		return "error"
	case check.SeverityWarning:
		return "warning"
	case check.SeverityOff:
		return "none"
	}
	return "note"
}
