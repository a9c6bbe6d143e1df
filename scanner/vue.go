package scanner

import "bytes"

// VueScript blanks everything of a Vue single-file component outside its
// <script> blocks, keeping byte offsets and lines, so the script parses as
// JavaScript or TypeScript with positions that are the .vue file's.
func VueScript(src []byte) []byte {
	out := make([]byte, len(src))
	for i, b := range src {
		if b == '\n' {
			out[i] = '\n'
		} else {
			out[i] = ' '
		}
	}
	rest := 0
	for {
		i := bytes.Index(src[rest:], []byte("<script"))
		if i < 0 {
			break
		}
		i += rest
		gt := bytes.IndexByte(src[i:], '>')
		if gt < 0 {
			break
		}
		start := i + gt + 1
		end := bytes.Index(src[start:], []byte("</script>"))
		if end < 0 {
			end = len(src) - start
		}
		copy(out[start:start+end], src[start:start+end])
		rest = start + end
	}
	return out
}

// VueLang is the language of a component's first <script> block:
// "typescript", "tsx", or "" for JavaScript.
func VueLang(src []byte) string {
	i := bytes.Index(src, []byte("<script"))
	if i < 0 {
		return ""
	}
	tag := src[i:]
	if gt := bytes.IndexByte(tag, '>'); gt > 0 {
		tag = tag[:gt]
	}
	if bytes.Contains(tag, []byte(`lang="ts"`)) || bytes.Contains(tag, []byte(`lang='ts'`)) {
		return "typescript"
	}
	if bytes.Contains(tag, []byte(`lang="tsx"`)) {
		return "tsx"
	}
	return ""
}
