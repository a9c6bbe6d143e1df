import { useFlags } from 'launchdarkly-react-client-sdk';

import user from 'src/utils/user';
import { hasVerbose, isOwner } from '../utils/user';

export const Home = ({ groups }: { groups: string[] }) => {
  const flags = useFlags();
  const args = { verbose: true };
  if (hasVerbose(flags) || hasVerbose(args) || isOwner(flags)) {
    return null;
  }
  return user.isAdmin(groups, flags) && user.isBasic(groups, flags);
};
