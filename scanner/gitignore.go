package scanner

import (
	"bytes"
	"path"
	"strings"
)

// This file matches paths against .gitignore files as git does
// (gitignore(5), dir.c and wildmatch.c): github.com/sabhiram/go-gitignore
// let a negation act only within its own file and did not strip a BOM, so
// `neg/*` + `!neg/in.py` skipped a file git keeps. TestGitignoreMatchesGit
// compares the walk with `git ls-files` on generated cases.

// ignorePattern is one line of a .gitignore.
type ignorePattern struct {
	glob    string // without "!", the leading "/" and the trailing "/"
	negate  bool   // "!pattern": re-include
	dirOnly bool   // "pattern/": directories only
	// anchored patterns (a "/" before the last character) match the path
	// relative to the .gitignore's directory; the others, the base name.
	anchored bool
	// kind lets the common shapes skip wildmatch (a walk checks every path
	// against every pattern of every level above it): a literal ("bin",
	// "obj/Debug") or "*" before a literal without '/' ("*.user"); lit is
	// the literal.
	kind globKind
	lit  string
}

type globKind uint8

const (
	globGeneral globKind = iota
	globLiteral
	globStarSuffix
)

// globShape classifies a glob for ignorePattern.kind.
func globShape(glob string) (globKind, string) {
	const special = "*?[\\"
	if !strings.ContainsAny(glob, special) {
		return globLiteral, glob
	}
	if rest := glob[1:]; glob[0] == '*' && rest != "" && !strings.ContainsAny(rest, special+"/") {
		return globStarSuffix, rest
	}
	return globGeneral, ""
}

// parseGitignore reads a .gitignore's patterns, in order.
func parseGitignore(data []byte) []ignorePattern {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // git skips a UTF-8 BOM
	var out []ignorePattern
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		line = trimTrailingSpaces(line)
		p := ignorePattern{}
		if line[0] == '!' {
			p.negate = true
			line = line[1:]
		}
		if strings.HasSuffix(line, "/") {
			p.dirOnly = true
			line = strings.TrimSuffix(line, "/")
		}
		if line == "" {
			continue
		}
		if strings.Contains(line, "/") {
			p.anchored = true
			line = strings.TrimPrefix(line, "/")
		}
		p.glob = line
		p.kind, p.lit = globShape(line)
		out = append(out, p)
	}
	return out
}

// trimTrailingSpaces drops unescaped trailing spaces ("a\ " keeps one).
func trimTrailingSpaces(s string) string {
	end := len(s)
	for end > 0 && s[end-1] == ' ' {
		// Count the backslashes before this space: an odd number escapes it.
		bs := 0
		for i := end - 2; i >= 0 && s[i] == '\\'; i-- {
			bs++
		}
		if bs%2 == 1 {
			break
		}
		end--
	}
	return s[:end]
}

// match reports whether p matches rel (relative to the .gitignore's directory, '/'-separated).
func (p ignorePattern) match(rel string, isDir bool) bool {
	if p.dirOnly && !isDir {
		return false
	}
	text := rel
	if !p.anchored {
		text = path.Base(rel)
	}
	switch p.kind {
	case globLiteral:
		return text == p.lit
	case globStarSuffix:
		// '*' matches anything but '/'.
		return strings.HasSuffix(text, p.lit) && !strings.Contains(text[:len(text)-len(p.lit)], "/")
	}
	return wildmatch(p.glob, text)
}

// ignoreLevel is one directory's .gitignore.
type ignoreLevel struct {
	dir      string // root-relative, "" for the root
	patterns []ignorePattern
}

func newIgnoreLevel(dir string, data []byte) ignoreLevel {
	return ignoreLevel{dir: dir, patterns: parseGitignore(data)}
}

// ignoredBy applies the .gitignore files from the root down to rel's
// directory: the last matching pattern decides, and a deeper file's patterns
// come after a shallower one's. A directory that is ignored is not entered
// (so nothing under it can be re-included, as in git).
func ignoredBy(levels []ignoreLevel, rel string, isDir bool) bool {
	for i := len(levels) - 1; i >= 0; i-- {
		lv := levels[i]
		sub := rel
		if lv.dir != "" {
			sub = strings.TrimPrefix(rel, lv.dir+"/")
		}
		for j := len(lv.patterns) - 1; j >= 0; j-- {
			if p := lv.patterns[j]; p.match(sub, isDir) {
				return !p.negate
			}
		}
	}
	return false
}

// wildmatch matches text against a git glob with WM_PATHNAME: '*' and '?'
// never match '/', "**" between slashes matches any number of directories,
// '[...]' is a class ('!' or '^' negates, ranges, [:alpha:]...), '\' escapes.
func wildmatch(glob, text string) bool {
	return dowild(glob, text) == wmMatch
}

const (
	wmMatch = iota
	wmNoMatch
	wmAbortAll
	wmAbortToStarStar
)

// dowild is a port of git's wildmatch.c dowild (WM_PATHNAME, case-sensitive).
func dowild(p, text string) int {
	ti := 0
	for pi := 0; pi < len(p); pi++ {
		pc := p[pi]
		if ti >= len(text) && pc != '*' {
			return wmAbortAll
		}
		switch pc {
		case '\\':
			pi++
			if pi >= len(p) {
				return wmAbortAll // a trailing backslash matches nothing
			}
			if text[ti] != p[pi] {
				return wmNoMatch
			}
		case '?':
			if text[ti] == '/' {
				return wmNoMatch
			}
		case '*':
			matchSlash := false
			if pi+1 < len(p) && p[pi+1] == '*' {
				start := pi
				for pi+1 < len(p) && p[pi+1] == '*' {
					pi++
				}
				// "**" is special only as a whole path segment.
				if (start == 0 || p[start-1] == '/') && (pi+1 == len(p) || p[pi+1] == '/') {
					if pi+1 < len(p) && p[pi+1] == '/' && dowild(p[pi+2:], text[ti:]) == wmMatch {
						return wmMatch // "**/" matching no directory
					}
					matchSlash = true
				}
			}
			pi++
			if pi == len(p) {
				// A trailing star matches the rest, within the segment unless "**".
				if !matchSlash && strings.IndexByte(text[ti:], '/') >= 0 {
					return wmAbortToStarStar
				}
				return wmMatch
			}
			if !matchSlash && p[pi] == '/' {
				// "*/": the star spans to the next slash.
				slash := strings.IndexByte(text[ti:], '/')
				if slash < 0 {
					return wmAbortAll
				}
				ti += slash
				pi-- // the loop's pi++ brings it back to the '/'
				continue
			}
			for ; ti < len(text); ti++ {
				if r := dowild(p[pi:], text[ti:]); r != wmNoMatch {
					if !matchSlash || r != wmAbortToStarStar {
						return r
					}
				} else if !matchSlash && text[ti] == '/' {
					return wmAbortToStarStar
				}
			}
			return wmAbortAll
		case '[':
			next, ok, matched := matchClass(p, pi, text[ti])
			if !ok {
				return wmAbortAll // an unterminated class matches nothing
			}
			if !matched || text[ti] == '/' {
				return wmNoMatch
			}
			pi = next
		default:
			if text[ti] != pc {
				return wmNoMatch
			}
		}
		ti++
	}
	if ti < len(text) {
		return wmNoMatch
	}
	return wmMatch
}

// matchClass matches c against the class starting at p[pi] == '['. It
// returns the index of the closing ']', whether the class is well formed,
// and whether c is in it.
func matchClass(p string, pi int, c byte) (end int, ok, matched bool) {
	i := pi + 1
	negated := false
	if i < len(p) && (p[i] == '!' || p[i] == '^') {
		negated = true
		i++
	}
	var prev byte
	first := true
	for ; i < len(p); i++ {
		pc := p[i]
		if pc == ']' && !first {
			return i, true, matched != negated
		}
		first = false
		switch {
		case pc == '\\':
			i++
			if i >= len(p) {
				return 0, false, false
			}
			pc = p[i]
			if c == pc {
				matched = true
			}
		case pc == '-' && prev != 0 && i+1 < len(p) && p[i+1] != ']':
			i++
			hi := p[i]
			if hi == '\\' {
				i++
				if i >= len(p) {
					return 0, false, false
				}
				hi = p[i]
			}
			if prev <= c && c <= hi {
				matched = true
			}
			pc = 0
		case pc == '[' && i+1 < len(p) && p[i+1] == ':':
			j := strings.Index(p[i+2:], ":]")
			if j < 0 {
				if c == '[' {
					matched = true
				}
				break
			}
			if inCharClass(p[i+2:i+2+j], c) {
				matched = true
			}
			i += j + 3
			pc = 0
		default:
			if c == pc {
				matched = true
			}
		}
		prev = pc
	}
	return 0, false, false
}

func inCharClass(name string, c byte) bool {
	isUpper, isLower, isDigit := c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9'
	switch name {
	case "alnum":
		return isUpper || isLower || isDigit
	case "alpha":
		return isUpper || isLower
	case "blank":
		return c == ' ' || c == '\t'
	case "cntrl":
		return c < 0x20 || c == 0x7f
	case "digit":
		return isDigit
	case "graph":
		return c > 0x20 && c < 0x7f
	case "lower":
		return isLower
	case "print":
		return c >= 0x20 && c < 0x7f
	case "punct":
		return c > 0x20 && c < 0x7f && !isUpper && !isLower && !isDigit
	case "space":
		return c == ' ' || c >= '\t' && c <= '\r'
	case "upper":
		return isUpper
	case "xdigit":
		return isDigit || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
	}
	return false
}
