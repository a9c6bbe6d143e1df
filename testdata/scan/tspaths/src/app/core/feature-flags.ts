export enum FeatureFlags {
  NewCheckout = 'new-checkout',
  DarkMode = 'dark-mode',
}
