package fetch

import (
	"fmt"
	"strings"
)

// redacted replaces the SDK key wherever it would otherwise be printed.
const redacted = "[redacted SDK key]"

// checkKey validates the SDK key before it goes into a header. Its messages
// name the position and kind of a bad character, never the character or the
// key itself: a key pasted with a newline must not echo into a CI log.
func checkKey(key string, n Names) error {
	if key == "" {
		if n.Missing != "" {
			return fmt.Errorf("%s", n.Missing)
		}
		return fmt.Errorf("no %s: pass %s or set %s (or read a file with --payload)", n.Credential, n.Flag, n.Env)
	}
	for _, scheme := range []string{"bearer ", "api_key ", "basic "} {
		if len(key) > len(scheme) && strings.EqualFold(key[:len(scheme)], scheme) {
			return fmt.Errorf("the %s starts with a scheme word (%q): pass the raw %s alone", n.Credential, strings.TrimSpace(key[:len(scheme)]), n.Credential)
		}
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c == '\n' || c == '\r':
			return fmt.Errorf("the %s contains a line break at byte %d of %d: pass it alone, on one line", n.Credential, i+1, len(key))
		case c < 0x20 || c == 0x7f:
			return fmt.Errorf("the %s contains a control character at byte %d of %d", n.Credential, i+1, len(key))
		case c == ' ':
			return fmt.Errorf("the %s contains a space at byte %d of %d", n.Credential, i+1, len(key))
		case c > 0x7e:
			return fmt.Errorf("the %s contains a non-ASCII character at byte %d of %d (a copy-paste artefact?)", n.Credential, i+1, len(key))
		}
	}
	return nil
}

// keyKind names the kind of LaunchDarkly credential the key looks like.
type keyKind int

const (
	kindUnknown      keyKind = iota
	kindServer               // sdk-…
	kindMobile               // mob-…
	kindClientSideID         // 24 hex digits
)

func classifyKey(key string) keyKind {
	switch {
	case strings.HasPrefix(key, "sdk-"):
		return kindServer
	case strings.HasPrefix(key, "mob-"):
		return kindMobile
	case isClientSideID(key):
		return kindClientSideID
	}
	return kindUnknown
}

// isClientSideID reports whether key has the shape of a client-side ID
// (24 lowercase hex digits, a MongoDB object ID), which is public and is not
// accepted by the server-side endpoints.
func isClientSideID(key string) bool {
	if len(key) != 24 {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// keyHint is the advice added to a warning or to a 401/403 error for a key
// that is not a server-side SDK key. It never includes the key.
func keyHint(kind keyKind) string {
	switch kind {
	case kindMobile:
		return `the key starts with "mob-": that is a mobile key; use the environment's server-side SDK key ("sdk-…")`
	case kindClientSideID:
		return `the key looks like a client-side ID (24 hex digits); use the environment's server-side SDK key ("sdk-…")`
	case kindUnknown:
		return `server-side SDK keys start with "sdk-"`
	}
	return ""
}

// scrubber removes the key from any text about to leave the package: error
// messages, log lines and URLs. It is the last line of defence; the key is
// only ever put in the Authorization header.
type scrubber struct {
	secrets []string
	mask    string // what replaces a secret: redacted, or the credential's own words
}

func newScrubber(secrets ...string) scrubber {
	s := scrubber{mask: redacted}
	for _, sec := range secrets {
		// Very short strings would redact ordinary words; a real key is long.
		if len(sec) >= 8 {
			s.secrets = append(s.secrets, sec)
		}
	}
	return s
}

func (s scrubber) scrub(text string) string {
	for _, sec := range s.secrets {
		if strings.Contains(text, sec) {
			text = strings.ReplaceAll(text, sec, s.mask)
		}
	}
	return text
}

// contains reports whether text holds the key in any form the scrubber knows.
func (s scrubber) contains(text string) bool {
	for _, sec := range s.secrets {
		if strings.Contains(text, sec) {
			return true
		}
	}
	return false
}
