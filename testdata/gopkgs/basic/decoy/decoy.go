// Package decoy is another vendor's flag client that reuses LaunchDarkly's method names.
package decoy

// User is the vendor's user.
type User struct{ ID string }

// Client is the vendor's client.
type Client struct{}

// BoolVariation has LaunchDarkly's name and a different meaning.
func (c *Client) BoolVariation(key string, user User, def bool) bool { return def }

// Flags is the vendor's interface.
type Flags interface {
	BoolVariation(key string, def bool) (bool, error)
}
