package languages

import (
	"fmt"

	"github.com/ldfallback/ldfallback/internal/flagname"
)

// FlagObject is an SDK that hands code every flag at once, as one object
// whose properties are the flags (the React SDKs' useFlags() and
// withLDConsumer): each property read is an evaluation. The property names
// come from the flag keys by the Names rule unless a provider turns it off.
type FlagObject struct {
	// Imports identify the SDK in a file's imports.
	Imports []string `yaml:"imports"`
	// Names is the key → property-name rule (internal/flagname).
	Names string `yaml:"names"`
	// Hooks return the flags object: `const flags = useFlags()`.
	Hooks []string `yaml:"hooks,omitempty"`
	// Consumers are higher-order component factories: `withLDConsumer()(C)`
	// gives C a `flags` prop.
	Consumers []string `yaml:"consumers,omitempty"`
	// Types are the flags object's type: a parameter `flags: LDFlagSet` is one.
	Types []string `yaml:"types,omitempty"`
	// PropsTypes are props types whose `flags` member is the flags object (LDProps).
	PropsTypes []string `yaml:"propsTypes,omitempty"`
	// Providers are the functions and components that configure the object
	// (withLDProvider, asyncWithLDProvider, <LDProvider>): their object
	// arguments or JSX attributes may hold DefaultsProperty, a `bootstrap`
	// object and NamesOption.
	Providers []string `yaml:"providers,omitempty"`
	// DefaultsProperty names the provider's map of flag key → default; the
	// object then holds only those keys.
	DefaultsProperty string `yaml:"defaultsProperty,omitempty"`
	// NamesOption is the boolean option that, false, makes names the keys themselves.
	NamesOption string `yaml:"namesOption,omitempty"`
	Source      string `yaml:"source"`
}

func (f FlagObject) validate(lang string, i int) error {
	switch {
	case len(f.Imports) == 0:
		return fmt.Errorf("language %s: flagObjects[%d] has no imports", lang, i)
	case !flagname.Valid(f.Names):
		return fmt.Errorf("language %s: flagObjects[%d]: names %q is not %s or %s", lang, i, f.Names, flagname.Lodash, flagname.ReactSDK)
	case f.Source == "":
		return fmt.Errorf("language %s: flagObjects[%d] cites no source", lang, i)
	}
	return nil
}
