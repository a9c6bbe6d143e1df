package report

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ldfallback/ldfallback/check"
)

const schemaFile = "../testdata/sarif/sarif-2.1.0-rtm.5.json"

func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return s.Validate(inst)
}

func TestSARIFSchema(t *testing.T) {
	s := sarifSchema(t)
	for name, r := range map[string]*check.Report{
		"fixture":      fixture(),
		"environments": envFixture(),
		"empty":        {},
	} {
		var b bytes.Buffer
		if err := SARIF(&b, r, Tool{Version: "1.2.3"}); err != nil {
			t.Fatal(err)
		}
		if err := validate(t, s, b.Bytes()); err != nil {
			t.Errorf("%s: SARIF output is not valid SARIF 2.1.0: %v", name, err)
		}
	}
}

// TestSARIFSchemaRejects proves the schema check can fail: a result with a
// level SARIF does not define is rejected.
func TestSARIFSchemaRejects(t *testing.T) {
	s := sarifSchema(t)
	var b bytes.Buffer
	if err := SARIF(&b, fixture(), Tool{}); err != nil {
		t.Fatal(err)
	}
	var log map[string]any
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	log["runs"].([]any)[0].(map[string]any)["results"].([]any)[0].(map[string]any)["level"] = "fatal"
	bad, _ := json.Marshal(log)
	if err := validate(t, s, bad); err == nil {
		t.Error("an invalid level passed the schema")
	}
}

func TestSARIFContent(t *testing.T) {
	r := fixture()
	var b bytes.Buffer
	if err := SARIF(&b, r, Tool{Version: "1.2.3"}); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != len(check.Kinds) {
		t.Errorf("%d rules, want one per kind (%d)", len(run.Tool.Driver.Rules), len(check.Kinds))
	}
	if len(run.Results) != len(r.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(r.Findings))
	}
	for i, res := range run.Results {
		f := r.Findings[i]
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID || res.RuleID != string(f.Kind) {
			t.Errorf("result %d: rule %s at index %d", i, res.RuleID, res.RuleIndex)
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != f.File || loc.Region.StartLine != f.Line || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %d: location %+v for %s:%d", i, loc, f.File, f.Line)
		}
		if res.PartialFingerprints[fingerprintKey] != f.Fingerprint {
			t.Errorf("result %d: fingerprint %v", i, res.PartialFingerprints)
		}
	}
}

// Several environments: one run per environment with its own category, and
// one for the findings about all of them; each finding in its environment's run.
func TestSARIFRunsPerEnvironment(t *testing.T) {
	var b bytes.Buffer
	if err := SARIFWith(&b, envFixture(), Tool{}, SARIFOptions{Category: "flags"}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			AutomationDetails struct{ ID string }
			Results           []struct {
				RuleID     string
				Properties map[string]any
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, run := range log.Runs {
		got[run.AutomationDetails.ID] = []string{}
		for _, r := range run.Results {
			env, _ := r.Properties["environment"].(string)
			got[run.AutomationDetails.ID] = append(got[run.AutomationDetails.ID], r.RuleID+"@"+env)
		}
	}
	want := map[string][]string{
		"flags/":            {"environment-divergent@*", "unknown-flag@*"},
		"flags/production/": {"stale-fallback@production", "unknown-flag@production"},
		"flags/staging/":    {"stale-fallback@staging"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("runs (-want +got):\n%s", d)
	}
}
