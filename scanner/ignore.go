package scanner

import (
	"bytes"
	"strings"
)

// ignored reports whether an ldfallback:ignore comment is on line or the line above.
func ignored(src []byte, comments []string, line int) (bool, string) {
	for _, l := range []int{line, line - 1} {
		text := lineText(src, l)
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

func lineText(src []byte, line int) []byte {
	if line < 1 {
		return nil
	}
	start := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[start:], '\n')
		if i < 0 {
			return nil
		}
		start += i + 1
	}
	end := bytes.IndexByte(src[start:], '\n')
	if end < 0 {
		return src[start:]
	}
	return src[start : start+end]
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
