package flags

// Flag keys, typed so a typo does not compile.
type Key string

const (
	NewCheckout Key = "new-checkout"
	DarkMode        = "dark-mode"
)

const PageSizeDefault = 25
