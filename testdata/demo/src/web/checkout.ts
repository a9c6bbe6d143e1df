import { init, LDClient, LDContext } from '@launchdarkly/node-server-sdk';
import { variationWithFallback } from './wrapper';

const client: LDClient = init(process.env.LD_SDK_KEY ?? '');

export async function renderCheckout(context: LDContext): Promise<string> {
  // Fresh: the flag serves true to everyone, and so does the fallback.
  const newFlow = await client.variation('new-checkout-flow', context, true);

  // Stale: checkout-api is off, so every context gets false; this falls back to true.
  const useApi = await client.boolVariation('checkout-api', context, true);

  // Stale string: the banner flag serves different texts, so the safest fallback is its off variation "".
  const banner = await client.stringVariation('pricing-banner-text', context, 'Summer sale');

  // Typo: no such flag in the environment.
  const legacy = await client.variation('new-chekout-flow', context, false);

  // Through the wrapper: the fallback lives in fallback-config.json.
  const nav = await variationWithFallback(client, 'mobile-nav-v2', context);
  const exportOn = await variationWithFallback(client, 'legacy-export', context);

  return JSON.stringify({ newFlow, useApi, banner, legacy, nav, exportOn });
}
