import { useFlags as ldUseFlags } from 'launchdarkly-react-client-sdk';

import type { FlagSet } from 'src/featureFlags';

// The application's own hook: its cast teaches that FlagSet is the flags object's type.
export const useFlags = () => {
  const flags = ldUseFlags() as FlagSet;
  return { ...flags };
};
