package fix

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ldfallback/ldfallback/check"
	"github.com/ldfallback/ldfallback/scanner"
)

// offsetOf converts a Pos back to a byte offset, by code points or by bytes.
func offsetOf(src []byte, p Pos, byBytes bool) int {
	off := 0
	for line := 1; line < p.Line; line++ {
		off += strings.IndexByte(string(src[off:]), '\n') + 1
	}
	if byBytes {
		return off + p.ByteColumn - 1
	}
	for i := 1; i < p.Column; i++ {
		_, n := utf8.DecodeRune(src[off:])
		off += n
	}
	return off
}

// TestSuggest: Suggest writes nothing, and its positions, read either by code
// points or by bytes, rebuild exactly the files Apply writes.
func TestSuggest(t *testing.T) {
	dir := copyTree(t, fixtures)
	// A line with multi-byte characters before the literal makes code
	// points and bytes differ.
	js := "import { init } from '@launchdarkly/node-server-sdk';\nconst client = init('k');\nconst é = 'ü'; const v = client.variation('checkout-api', ctx, true);\n"
	if err := os.WriteFile(filepath.Join(dir, "unicode.js"), []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	scan, err := scanner.Scan(context.Background(), scanner.Options{Roots: []string{dir}, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	report := check.Check(answers(), scan, check.Options{})
	edits, _ := Plan(report.Findings, scan.Calls)
	origs := map[string][]byte{}
	for _, e := range edits {
		origs[e.File], _ = os.ReadFile(filepath.Join(dir, e.File))
	}
	sugg, skipped, err := Suggest(dir, edits)
	if err != nil {
		t.Fatal(err)
	}
	if len(sugg) == 0 || len(skipped) != 0 {
		t.Fatalf("%d suggestions, skipped %v", len(sugg), skipped)
	}
	var sawUnicode bool
	for _, s := range sugg {
		if s.File == "unicode.js" {
			sawUnicode = true
			if s.Start.Column == s.Start.ByteColumn {
				t.Errorf("unicode.js: code point column %d = byte column %d", s.Start.Column, s.Start.ByteColumn)
			}
		}
	}
	if !sawUnicode {
		t.Fatal("no suggestion for unicode.js")
	}
	for file, orig := range origs {
		if now, _ := os.ReadFile(filepath.Join(dir, file)); string(now) != string(orig) {
			t.Errorf("Suggest wrote %s", file)
		}
	}
	// What Apply writes.
	if _, err := Apply(dir, edits, false, nil); err != nil {
		t.Fatal(err)
	}
	for _, byBytes := range []bool{false, true} {
		rebuilt := map[string]string{}
		byFile := map[string][]Suggestion{}
		for _, s := range sugg {
			byFile[s.File] = append(byFile[s.File], s)
		}
		for file, ss := range byFile {
			src := origs[file]
			sort.Slice(ss, func(i, j int) bool {
				return ss[i].Start.Line > ss[j].Start.Line || ss[i].Start.Line == ss[j].Start.Line && ss[i].Start.Column > ss[j].Start.Column
			})
			out := string(src)
			for _, s := range ss {
				a, b := offsetOf(src, s.Start, byBytes), offsetOf(src, s.End, byBytes)
				out = out[:a] + s.New + out[b:]
			}
			rebuilt[file] = out
		}
		for file, want := range rebuilt {
			got, _ := os.ReadFile(filepath.Join(dir, file))
			if string(got) != want {
				t.Errorf("byBytes=%v: %s rebuilt from the suggestions differs from what Apply wrote:\n%s\nwant\n%s", byBytes, file, want, got)
			}
		}
	}
}
