// The provider's default map lives in its own module; index.tsx imports it.
export const shopFlagDefaults = {
  'new-checkout': true,
  'banner-text': 'Welcome',
  dark_mode: false,
  'max-items': 10,
  'promo-v2': { discount: 5 },
  'promo_v2': { discount: 10 },
};
