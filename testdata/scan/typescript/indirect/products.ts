// Reduced from launchdarkly-labs/talkin-ship-workshop-app src/utils/products-helpers.ts:
// the server client comes from the app's own module, not from an SDK import.
import { getServerClient } from '@/utils/ld-server';

export async function products(ctx: object) {
  const ldClient = await getServerClient(process.env.LD_SDK_KEY || '');
  const stripe = await ldClient.variation('enableStripe', ctx, false); // want key="enableStripe" fallback=false type=bool
  const access = await ldClient.variation( // want key="new-product-experience" fallback="off" type=string
    'new-product-experience',
    ctx,
    'off',
  );
  return { stripe, access };
}

// A global browser client loaded by a <script> tag (SupportService app/static/shared/js/nps.js).
declare const ldclient: { variation(k: string, d?: unknown): unknown };
export const nps = ldclient.variation('show-nps-survey', false); // want key="show-nps-survey" fallback=false type=bool

// Not LaunchDarkly: other receivers are left alone without an SDK import.
declare const client: { variation(k: string, c: object, d: unknown): unknown };
export const other = client.variation('unrelated', {}, true);
