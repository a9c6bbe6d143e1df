import { createRoute, redirect } from '@tanstack/react-router';

import { rootRoute } from './root';

export const accountRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'account',
  beforeLoad: async ({ context, params }) => {
    if (context?.flags?.iamNav) { // want key="iam-nav" method=routerContext
      throw redirect({ to: `/iam/${params}` });
    }
    return context.region;
  },
  loader: ({ context: ctx }) => ctx.flags.betaBanner, // want key="beta-banner"
});
