package codegen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxIdent caps identifier length: C# rejects names over 511 characters and
// nobody wants to read a 300-character constant. Longer names are cut and
// made unique again with a hash of the full key.
const maxIdent = 100

// words splits a flag key into ASCII words. Separators are any character that
// is not a letter or digit; camelCase and acronym boundaries also split
// ("newCheckout" → new, Checkout; "HTTPServer" → HTTP, Server). Accents are
// dropped (NFD, then combining marks removed: "ñandú" → nandu); any other
// non-ASCII letter or digit becomes its own word U+hex ("日" → U65E5), so every
// name is ASCII and legal in every target language and file encoding.
func words(key string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(norm.NFD.String(key))
	for i, r := range rs {
		switch {
		case unicode.Is(unicode.Mn, r):
			// A combining mark left by NFD: drop it, keep the base letter.
		case isASCIILetter(r) || isASCIIDigit(r):
			if len(cur) > 0 && isASCIIUpper(r) {
				prev := cur[len(cur)-1]
				nextLower := i+1 < len(rs) && isASCIILower(rs[i+1])
				if isASCIILower(prev) || isASCIIDigit(prev) || (isASCIIUpper(prev) && nextLower) {
					flush()
				}
			}
			cur = append(cur, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flush()
			out = append(out, fmt.Sprintf("U%04X", r))
		default:
			flush()
		}
	}
	flush()
	return out
}

func isASCIILetter(r rune) bool { return isASCIIUpper(r) || isASCIILower(r) }
func isASCIIUpper(r rune) bool  { return r >= 'A' && r <= 'Z' }
func isASCIILower(r rune) bool  { return r >= 'a' && r <= 'z' }
func isASCIIDigit(r rune) bool  { return r >= '0' && r <= '9' }

// pascal converts a key to PascalCase ("new-checkout-flow" → NewCheckoutFlow).
// A name that would start with a digit, or be empty, gets the prefix "Flag".
func pascal(key string) string {
	var b strings.Builder
	for _, w := range words(key) {
		b.WriteString(strings.ToUpper(w[:1]))
		b.WriteString(w[1:])
	}
	s := b.String()
	if s == "" || isASCIIDigit(rune(s[0])) {
		s = "Flag" + s
	}
	return capLength(s, key, "")
}

// upperSnake converts a key to UPPER_SNAKE_CASE ("new-checkout-flow" →
// NEW_CHECKOUT_FLOW), prefixing "FLAG_" when it would start with a digit.
func upperSnake(key string) string {
	ws := words(key)
	for i, w := range ws {
		ws[i] = strings.ToUpper(w)
	}
	s := strings.Join(ws, "_")
	switch {
	case s == "":
		s = "FLAG"
	case isASCIIDigit(rune(s[0])):
		s = "FLAG_" + s
	}
	return capLength(s, key, "_")
}

// capLength cuts an over-long name and appends a hash of the whole key, so
// two long keys sharing a prefix still get different names.
func capLength(s, key, sep string) string {
	if len(s) <= maxIdent {
		return s
	}
	sum := sha256.Sum256([]byte(key))
	h := hex.EncodeToString(sum[:4])
	if sep == "" {
		h = strings.ToUpper(h[:1]) + h[1:]
	}
	cut := maxIdent - len(sep) - len(h)
	return strings.TrimRight(s[:cut], "_") + sep + h
}

// assignNames gives every flag its identifier. reserved names (generated
// members, keywords in the naming scheme) get a trailing underscore. Keys are
// visited in sorted order, so the collision reported is deterministic.
func assignNames(flags []entry, lang string, conv func(string) string, reserved map[string]bool) error {
	byName := make(map[string]string, len(flags))
	for i := range flags {
		name := conv(flags[i].Key)
		if reserved[name] {
			name += "_"
		}
		if other, dup := byName[name]; dup {
			return fmt.Errorf("codegen %s: flag keys %q and %q both become identifier %s", lang, other, flags[i].Key, name)
		}
		byName[name] = flags[i].Key
		flags[i].Name = name
	}
	return nil
}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
