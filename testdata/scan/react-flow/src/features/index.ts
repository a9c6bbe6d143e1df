import { withLDConsumer, useFlags } from 'launchdarkly-react-client-sdk';

import { Panel } from './Panel';

export const ConnectedPanel = withLDConsumer()(Panel);

export const useBanner = () => {
  const banner: boolean = useFlags()[ // want key="beta-banner"
    'betaBanner'
  ];
  return banner;
};
