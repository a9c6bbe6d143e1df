import { init, LDContext } from '@launchdarkly/node-server-sdk';
import { OpenFeature } from '@openfeature/server-sdk';

export enum Flag {
  NewCheckout = 'new-checkout',
  Pricing = "pricing-v3",
}

export class Defaults {
  static readonly checkout = false;
}

const ld = init(process.env.LD_SDK_KEY as string);
const of = OpenFeature.getClient();

export async function evaluate(ctx: LDContext) {
  const a = await ld.boolVariation(Flag.NewCheckout, ctx, Defaults.checkout); // want key="new-checkout" fallback=false type=bool
  const b = await ld.variation(Flag.Pricing, ctx, 'v1' as const); // want key="pricing-v3" fallback="v1" type=string
  const c = await of.getBooleanValue('of-flag', true, { targetingKey: ctx.key as string }); // want key="of-flag" fallback=true type=bool
  const d = await of.getObjectValue<{ a: number }>('of-json', { a: 1 }); // want key="of-json" fallback={"a":1} type=json
  const e = await ld.boolVariationDetail(KEYS.search, ctx, false); // want key="search-v2" fallback=false
  return [a, b, c, d, e];
}
