import { useFlags } from 'launchdarkly-react-client-sdk';

import navItems from './navItems';

export const Nav = () => {
  const flags = useFlags();
  return navItems('x', flags);
};
