import config from 'config';
import { init } from '@launchdarkly/node-server-sdk';

const client = init(process.env.LD_SDK_KEY);

export async function direct(context) {
  const a = await client.variation(config.flags.direct, context, false); // want key="shop-direct" fallback=false
  const b = await client.variation(config.get('flags.nested.deep'), context, false); // want key="shop-deep" fallback=false
  const k = config.toggles['checkout'];
  const c = await client.variation(k, context, false); // want key="shop-new-checkout" fallback=false
  // Not in any config file.
  const d = await client.variation(config.flags.absent, context, false); // want key=null fallback=false
  // Overridden in production.yaml.
  const e = await client.variation(config.get('toggles.pricing'), context, false); // want key=null fallback=false
  return a && b && c && d && e;
}

// A parameter named config shadows the package.
export function shadowed(config, context) {
  return client.variation(config.flags.direct, context, false); // want key=null fallback=false
}

