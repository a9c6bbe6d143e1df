package scanner

import (
	"bytes"
	"strings"
)

// ignoredAt reports whether an ldfallback:ignore comment is on the line of
// byte offset off or the line above. It reads only those two lines: a scan
// from the top of the file for every call made a file with 48,000 calls
// quadratic.
func ignoredAt(src []byte, comments []string, off int) (bool, string) {
	line := lineAt(src, off)
	for _, text := range [][]byte{src[line.start:line.end], lineBefore(src, line.start)} {
		i := bytes.Index(text, []byte("ldfallback:ignore"))
		if i < 0 {
			continue
		}
		before := string(text[:i])
		isComment := false
		for _, c := range comments {
			if strings.Contains(before, c) {
				isComment = true
			}
		}
		if !isComment {
			continue
		}
		reason := string(text[i+len("ldfallback:ignore"):])
		for _, closer := range []string{"*/", "-->", "#}", "--]]"} {
			reason = strings.TrimSuffix(strings.TrimSpace(reason), closer)
		}
		return true, strings.TrimSpace(reason)
	}
	return false, ""
}

// lineAt returns the bounds of the line holding byte offset off (without its
// newline). It costs the length of that line, not of the file before it.
func lineAt(src []byte, off int) span {
	off = min(max(off, 0), len(src))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	end := bytes.IndexByte(src[off:], '\n')
	if end < 0 {
		return span{start, len(src)}
	}
	return span{start, off + end}
}

// lineBefore returns the line that ends just before lineStart, nil for the first line.
func lineBefore(src []byte, lineStart int) []byte {
	if lineStart <= 0 {
		return nil
	}
	prev := lineAt(src, lineStart-1)
	return src[prev.start:prev.end]
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
