import * as React from 'react';

import { useFlags } from 'src/hooks/useFlags';

import type { FlagSet } from 'src/featureFlags';

export interface WithFlagsProps {
  flags: FlagSet;
}

export const withFlags = <P>(Component: React.ComponentType<P & WithFlagsProps>) => (props: P) => {
  const flags = useFlags();
  return React.createElement(Component, { ...props, flags });
};
