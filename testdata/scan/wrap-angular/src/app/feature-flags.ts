// Flag keys as an enum, imported by the components.
export enum FeatureFlags {
  NewCheckout = 'new-checkout',
  DarkMode = 'dark-mode',
  BetaBanner = 'beta-banner',
}
