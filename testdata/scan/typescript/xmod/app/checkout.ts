import { init, LDContext } from '@launchdarkly/node-server-sdk';
import { FeatureFlag, FLAG_DEFAULTS, Limits } from '../shared';
import * as flags from '../shared/flags.js';
import defs from '../shared/flags';
import { DUP } from '../ambiguous';
import { A_KEY, LOOP } from '../cycle/a';
import { ALIASED } from '@/shared/flags';

const ld = init(process.env.LD_SDK_KEY as string);

export async function run(ctx: LDContext) {
  await ld.boolVariation(FeatureFlag.NewCheckout, ctx, FLAG_DEFAULTS.newCheckout); // want key="ts-new-checkout" fallback=false fallbackFile=xmod/shared/flags.ts
  await ld.stringVariation(flags.FeatureFlag.Pricing, ctx, flags.FLAG_DEFAULTS.pricing); // want key="ts-pricing" fallback="v1" fallbackFile=xmod/shared/flags.ts
  await ld.numberVariation('quota', ctx, Limits.quota); // want key="quota" fallback=25 type=number fallbackFile=xmod/shared/flags.ts
  await ld.stringVariation(defs.banner.flag, ctx, defs.banner.defaultValue); // want key="ts-banner" fallback="hello"
  await ld.boolVariation(DUP, ctx, false); // want key=null keyExpr=DUP
  await ld.boolVariation(A_KEY, ctx, false); // want key="ts-cycle"
  await ld.boolVariation(LOOP, ctx, false); // want key=null keyExpr=LOOP
  await ld.boolVariation(ALIASED, ctx, false); // want key=null keyExpr=ALIASED
}
