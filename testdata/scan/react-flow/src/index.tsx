import { asyncWithLDProvider } from 'launchdarkly-react-client-sdk';

export const start = () =>
  asyncWithLDProvider({
    clientSideID: 'id',
    flags: {
      'iam-nav': false, // want key="iam-nav" fallback=false
      'vm-maintenance': false, // want key="vm-maintenance" fallback=false
      'secure-copy': false, // want key="secure-copy" fallback=false
      'downgrade-admin': false, // want key="downgrade-admin" fallback=false
      'beta-banner': false, // want key="beta-banner" fallback=false
      'grb-tab': false, // want key="grb-tab" fallback=false
      'deploys-module': false, // want key="deploys-module" fallback=false
    },
  });
