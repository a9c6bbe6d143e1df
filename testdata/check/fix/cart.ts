import * as ld from '@launchdarkly/node-server-sdk';

const client = ld.init(process.env.LD_SDK_KEY ?? '');

export async function cart(context: ld.LDContext): Promise<number> {
  const enabled = await client.variation('checkout-api', context, true);
  const theme = await client.variation('theme', context, { dark: true });
  const banner = await client.variation('banner-text', context, `Hello`);
  console.log(enabled, theme, banner);
  return client.variation('max-cart-items', context, 10);
}
