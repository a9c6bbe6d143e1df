// Package flags holds the flag keys and defaults, as real code often does.
package flags

// NewCheckout is an untyped string constant.
const NewCheckout = "new-checkout"

// Key is a typed flag key.
type Key string

// Typed keys.
const (
	Banner  Key = "banner-text"
	Retries Key = "max-" + "retries" // folded by the type checker
)

// Defaults, some declared as other constants.
const (
	DefaultOn      = true
	AliasOn        = DefaultOn
	DefaultRetries = 3
	DefaultBanner  = "welcome"
	Ratio          = 0.25
)

// Tier uses iota: its values have no literal to rewrite.
type Tier int

// Tiers.
const (
	TierFree Tier = iota
	TierPro
)
