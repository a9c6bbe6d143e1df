// Package flagname maps flag keys to the property names under which the
// React SDKs' useFlags() / withLDConsumer expose them, so that a read such as
// `flags.myFlag` can be mapped back to the flag key `my-flag`. The scanner
// uses it with the keys of a provider's default map; check uses it with the
// payload's keys. It depends on nothing else in the project.
package flagname

import (
	"regexp"
	"sort"
	"strings"
)

// Rule is how an SDK turns a flag key into a property name.
type Rule string

const (
	// Lodash is launchdarkly-react-client-sdk (v2, v3): `camelCase(rawFlag)`
	// from lodash.camelcase 4.3.0 in src/getFlagsProxy.ts and src/utils.ts.
	Lodash Rule = "lodash.camelcase"
	// ReactSDK is @launchdarkly/react-sdk's deprecated useFlags():
	// toCamelCase in packages/sdk/react/src/client/deprecated-hooks/flagKeyUtils.ts.
	ReactSDK Rule = "react-sdk.toCamelCase"
)

// Name returns the property name rule gives key, and false when it cannot
// be computed here (a key outside ASCII, which LaunchDarkly keys never are,
// or an unknown rule): a name is then never matched rather than guessed.
func (r Rule) Name(key string) (string, bool) {
	for i := 0; i < len(key); i++ {
		if key[i] >= 0x80 {
			return "", false
		}
	}
	switch r {
	case Lodash:
		return lodashCamelCase(key), true
	case ReactSDK:
		return reactSDKCamelCase(key), true
	}
	return "", false
}

// Keys returns the keys, sorted, that rule maps to name. Keys starting with
// '$' are the SDK's system keys and are never exposed.
func (r Rule) Keys(name string, keys []string) []string {
	var out []string
	for _, k := range keys {
		if strings.HasPrefix(k, "$") {
			continue
		}
		if n, ok := r.Name(k); ok && n == name {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// Valid reports whether s names a rule.
func Valid(s string) bool { return Rule(s) == Lodash || Rule(s) == ReactSDK }

// --- lodash.camelcase 4.3.0, for ASCII input ---
//
// camelCase = createCompounder((result, word, index) => result + (index ? capitalize(word.toLowerCase()) : word.toLowerCase()))
// createCompounder: words(deburr(string).replace(reApos, '')); deburr does
// nothing to ASCII. words uses reUnicodeWord when reHasUnicodeWord matches,
// else reAsciiWord (runs of letters and digits). For ASCII, reUnicodeWord's
// alternatives reduce to (U = [A-Z], L = [a-z], B = any other non-digit):
//   1. U?L+(?=B|U|$)   2. U+(?=B|UL|$)   3. U?L+   4. U+   5. \d+
// (rsMisc and the emoji alternative match no ASCII character).

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }
func isLower(b byte) bool { return b >= 'a' && b <= 'z' }
func isDigit(b byte) bool { return b >= '0' && b <= '9' }
func isBreak(b byte) bool { return !isUpper(b) && !isLower(b) && !isDigit(b) }

var hasUnicodeWord = regexp.MustCompile(`[a-z][A-Z]|[A-Z]{2,}[a-z]|[0-9][a-zA-Z]|[a-zA-Z][0-9]|[^a-zA-Z0-9 ]`)

func lodashWords(s string) []string {
	if !hasUnicodeWord.MatchString(s) {
		return strings.FieldsFunc(s, func(r rune) bool { return r > 0x7f || isBreak(byte(r)) })
	}
	var out []string
	run := func(p int, class func(byte) bool) int { // end of the run of class from p
		for p < len(s) && class(s[p]) {
			p++
		}
		return p
	}
	for p := 0; p < len(s); {
		if end := unicodeWordAt(s, p, run); end > p {
			out = append(out, s[p:end])
			p = end
			continue
		}
		p++
	}
	return out
}

// unicodeWordAt returns the end of the word matched at p, or p when none is.
func unicodeWordAt(s string, p int, run func(int, func(byte) bool) int) int {
	at := func(i int) byte {
		if i < len(s) {
			return s[i]
		}
		return 0
	}
	// 1. U?L+(?=B|U|$)
	q := p
	if isUpper(at(q)) {
		q++
	}
	if isLower(at(q)) {
		k := run(q, isLower)
		if k == len(s) || isBreak(s[k]) || isUpper(s[k]) {
			return k
		}
	}
	// 2. U+(?=B|UL|$)
	if isUpper(at(p)) {
		k := run(p, isUpper)
		if k == len(s) || isBreak(s[k]) {
			return k
		}
		if isLower(s[k]) && k-1 > p {
			return k - 1
		}
	}
	// 3. U?L+
	if isLower(at(q)) {
		return run(q, isLower)
	}
	// 4. U+
	if isUpper(at(p)) {
		return run(p, isUpper)
	}
	// 5. \d+
	if isDigit(at(p)) {
		return run(p, isDigit)
	}
	return p
}

func lodashCamelCase(key string) string {
	var b strings.Builder
	for i, w := range lodashWords(strings.ReplaceAll(key, "'", "")) {
		w = strings.ToLower(w)
		if i > 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
	}
	return b.String()
}

// --- @launchdarkly/react-sdk toCamelCase ---
//
//	key.replace(/([a-z\d])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
//	   .split(/[-._\s]+/).filter(Boolean)
//	   .map((word, i) => i === 0 ? word.toLowerCase() : upperFirst(word.toLowerCase())).join('')

var (
	reLowerUpper = regexp.MustCompile(`([a-z\d])([A-Z])`)
	reUpperRun   = regexp.MustCompile(`([A-Z]+)([A-Z][a-z])`)
	reSeparators = regexp.MustCompile(`[-._\s\v]+`)
)

func reactSDKCamelCase(key string) string {
	s := reLowerUpper.ReplaceAllString(key, "$1 $2")
	s = reUpperRun.ReplaceAllString(s, "$1 $2")
	var b strings.Builder
	i := 0
	for _, w := range reSeparators.Split(s, -1) {
		if w == "" {
			continue
		}
		w = strings.ToLower(w)
		if i > 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
		i++
	}
	return b.String()
}
