package scanner

import (
	"bytes"
	"path"
	"slices"
	"strings"

	"github.com/ldfallback/ldfallback/languages"
)

// scriptBlockExts are the markup files whose code lives in <script> blocks:
// Vue and Svelte components, and plain HTML pages (the browser SDK's examples).
var scriptBlockExts = []string{".vue", ".svelte", ".html", ".htm"}

// HasScriptBlocks reports whether a file's code is in <script> blocks.
func HasScriptBlocks(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return slices.Contains(scriptBlockExts, ext)
}

// ScriptBlocks blanks everything of a markup file (a Vue or Svelte component,
// an HTML page) outside its <script> blocks, keeping byte offsets and lines,
// so the script parses as JavaScript or TypeScript with positions that are
// the file's own.
func ScriptBlocks(src []byte) []byte {
	out := blank(src)
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

// ScriptLang is the language of a file's first <script> block:
// "typescript", "tsx", or "" for JavaScript.
func ScriptLang(src []byte) string {
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

// isMarkup reports whether a file's code is embedded in markup: <script>
// blocks (Vue, Svelte, HTML) or a Razor view's C#.
func isMarkup(name string) bool { return HasScriptBlocks(name) || IsRazor(name) }

// codeSource is the language and source the parser sees for a file: a
// markup file's code with the markup blanked (same offsets and lines), any
// other file as it is.
func (s *scanner) codeSource(rel string, lang *languages.Language, src []byte) (*languages.Language, []byte) {
	switch {
	case IsRazor(rel):
		return lang, RazorCode(src)
	case HasScriptBlocks(rel):
		return s.scriptSource(lang, src)
	}
	return lang, src
}

// scriptSource is a markup file's language and source as the parser sees them:
// the language its <script lang=...> names (lang when none or unknown) and
// the source with everything outside the script blocks blanked.
func (s *scanner) scriptSource(lang *languages.Language, src []byte) (*languages.Language, []byte) {
	if ts := ScriptLang(src); ts != "" {
		for _, l := range s.langs {
			if l.Name == ts {
				lang = l
			}
		}
	}
	return lang, ScriptBlocks(src)
}

// blank is src with every byte but newlines made a space.
func blank(src []byte) []byte {
	out := make([]byte, len(src))
	for i, b := range src {
		if b == '\n' {
			out[i] = '\n'
		} else {
			out[i] = ' '
		}
	}
	return out
}
