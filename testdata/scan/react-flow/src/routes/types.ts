import type { FlagSet } from 'src/featureFlags';

export type RouterContext = {
  flags: FlagSet;
  region?: string;
};
