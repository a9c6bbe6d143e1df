// Flag definitions: key next to its default; the wrapper isEnabled reads them.
export const featureFlags = {
  newCheckout: { flag: 'new-checkout', defaultValue: false }, // want key="new-checkout" fallback=false method=flagDefinition
  heroCopy: { flag: 'hero-copy', defaultValue: 'Buy now' }, // want key="hero-copy" fallback="Buy now" method=flagDefinition
  notAFlag: { flag: someVariable, defaultValue: 1 },
};
