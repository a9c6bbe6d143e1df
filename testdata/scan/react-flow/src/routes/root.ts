import { createRootRouteWithContext } from '@tanstack/react-router';

import type { RouterContext } from './types';

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  beforeLoad: ({ context }) => {
    if (context.flags.iamNav) { // want key="iam-nav" method=routerContext
      return;
    }
  },
});
