package fix

import (
	"io"
	"os"
	"path/filepath"
	"unicode/utf8"
)

// Pos is a position in a file: Line and Column count from 1; Column counts
// Unicode code points (SARIF's columnKind unicodeCodePoints, the scanner's
// unit), ByteColumn counts bytes (reviewdog's rdjson).
type Pos struct {
	Line, Column, ByteColumn int
}

// Suggestion is an edit Apply would make, with the positions of its span
// (End is exclusive), for reports that offer fixes (SARIF fixes, rdjson
// suggestions) instead of writing them.
type Suggestion struct {
	Edit
	Start, End Pos
}

// Suggest runs Apply's checks without writing (the span still holds the
// checked value, the new text renders, the file still parses) and returns
// the edits that pass, with positions. What Apply would skip is returned as
// skipped.
func Suggest(root string, edits []Edit) ([]Suggestion, []Skipped, error) {
	res, err := Apply(root, edits, true, io.Discard)
	if err != nil {
		return nil, nil, err
	}
	var out []Suggestion
	srcs := map[string][]byte{}
	for _, e := range res.Applied {
		src, ok := srcs[e.File]
		if !ok {
			path := filepath.FromSlash(e.File)
			if !filepath.IsAbs(path) {
				path = filepath.Join(root, path)
			}
			if src, err = os.ReadFile(path); err != nil {
				res.Skipped = append(res.Skipped, skipEdit(e, err.Error()))
				continue
			}
			srcs[e.File] = src
		}
		if e.End > len(src) {
			res.Skipped = append(res.Skipped, skipEdit(e, "the file changed while it was read"))
			continue
		}
		out = append(out, Suggestion{Edit: e, Start: position(src, e.Start), End: position(src, e.End)})
	}
	return out, res.Skipped, nil
}

// position converts a byte offset of src into a Pos.
func position(src []byte, off int) Pos {
	line, lineStart := 1, 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return Pos{Line: line, Column: utf8.RuneCount(src[lineStart:off]) + 1, ByteColumn: off - lineStart + 1}
}
