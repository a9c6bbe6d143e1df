package scanner

import "unicode/utf8"

// Column is the 1-based column of byte offset off in src, counted in Unicode
// code points (characters), as editors show it and as SARIF's
// "unicodeCodePoints" column kind means it. Tree-sitter and go/token count bytes.
func Column(src []byte, off int) int {
	if off > len(src) {
		off = len(src)
	}
	start := off
	for start > 0 && src[start-1] != '\n' {
		start--
	}
	return utf8.RuneCount(src[start:off]) + 1
}
