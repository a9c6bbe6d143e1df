export enum FeatureFlag {
  NewCheckout = 'ts-new-checkout',
  Pricing = 'ts-pricing',
}

export const FLAG_DEFAULTS = {
  newCheckout: false,
  pricing: 'v1',
} as const;

export class Limits {
  static readonly quota = 25;
}

const featureFlags = {
  banner: { flag: 'ts-banner', defaultValue: 'hello' },
};
export default featureFlags;
