package report

import (
	"fmt"

	"github.com/ldfallback/ldfallback/check"
)

// Pos is a position in a file, from 1: Column in Unicode code points,
// ByteColumn in UTF-8 bytes.
type Pos struct {
	Line, Column, ByteColumn int
}

// Fix is a --fix edit offered in a report instead of written (SARIF fixes,
// rdjson suggestions): replace File from Start to End (exclusive) with Text.
// At ("file:line") and Key name the finding it fixes.
type Fix struct {
	At    string
	Key   string
	File  string
	Start Pos
	End   Pos
	Text  string
}

// fixesOf returns the fixes of finding f.
func fixesOf(f check.Finding, fixes []Fix) []Fix {
	if len(fixes) == 0 {
		return nil
	}
	at := fmt.Sprintf("%s:%d", f.File, f.Line)
	var out []Fix
	for _, x := range fixes {
		if x.At == at && x.Key == f.Key && (f.Kind == check.KindStaleFallback || f.Kind == check.KindEnvironmentDivergent) {
			out = append(out, x)
		}
	}
	return out
}
