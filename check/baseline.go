package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/ldfallback/ldfallback/config"
	"github.com/ldfallback/ldfallback/internal/inputfile"
)

// A baseline lists the fingerprints of accepted findings, so a large codebase
// can adopt the gate and fail only on new findings. Fingerprints do not
// contain the line, so edits above a finding keep it baselined. Matching is by
// set membership: a second identical finding in the same file is covered too.

const baselineVersion = 1

// BaselineEntry is one accepted finding. Kind, File and Key are for the
// humans who review the file; only Fingerprint is matched.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Kind        Kind   `json:"kind"`
	File        string `json:"file"`
	Key         string `json:"key"`
	// Environment is the finding's environment (several environments only).
	Environment string `json:"environment,omitempty"`
}

type baselineFile struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
}

// Baseline is a loaded baseline file.
type Baseline struct {
	Entries []BaselineEntry
	set     map[string]bool
}

// Has reports whether a fingerprint is in the baseline.
func (b *Baseline) Has(fingerprint string) bool {
	return b != nil && b.set[fingerprint]
}

// WriteBaseline writes every finding of r (suppressed ones included, so
// re-writing a baseline does not forget them) as a baseline file.
func WriteBaseline(w io.Writer, r *Report) error {
	seen := map[string]bool{}
	out := baselineFile{Version: baselineVersion, Findings: []BaselineEntry{}}
	for _, list := range [][]Finding{r.Findings, r.Baselined, r.Outside} {
		for _, f := range list {
			if seen[f.Fingerprint] {
				continue
			}
			seen[f.Fingerprint] = true
			out.Findings = append(out.Findings, BaselineEntry{Fingerprint: f.Fingerprint, Kind: f.Kind, File: f.File, Key: f.Key, Environment: f.Environment})
		}
	}
	sort.Slice(out.Findings, func(i, j int) bool {
		a, b := out.Findings[i], out.Findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Fingerprint < b.Fingerprint
	})
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// LoadBaseline reads a baseline written by WriteBaseline.
func LoadBaseline(r io.Reader) (*Baseline, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var f baselineFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("not a baseline file: %v", err)
	}
	if f.Version != baselineVersion {
		return nil, fmt.Errorf("baseline version %d is not supported (want %d)", f.Version, baselineVersion)
	}
	b := &Baseline{Entries: f.Findings, set: make(map[string]bool, len(f.Findings))}
	for i, e := range f.Findings {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("findings[%d]: no fingerprint", i)
		}
		b.set[e.Fingerprint] = true
	}
	return b, nil
}

// LoadBaselineFile is LoadBaseline on a file; errors are *config.Error (exit code 2).
func LoadBaselineFile(path string) (*Baseline, error) {
	data, err := inputfile.ReadFile(path, inputfile.DataLimit)
	if err != nil {
		return nil, &config.Error{File: path, Msg: pathErrMsg(err), Err: err}
	}
	b, err := LoadBaseline(bytes.NewReader(data))
	if err != nil {
		var ce *config.Error
		if errors.As(err, &ce) {
			return nil, err
		}
		return nil, &config.Error{File: path, Msg: err.Error()}
	}
	return b, nil
}
