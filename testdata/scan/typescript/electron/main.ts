// Reduced from js-core packages/sdk/electron/example/src/main.ts: the scoped
// @launchdarkly/electron-client-sdk package was not among the import markers.
import { createClient } from '@launchdarkly/electron-client-sdk';

const FLAG_KEY = 'sample-feature';

export async function start(mobileKey: string) {
  const client = createClient(mobileKey, { kind: 'user', key: 'u' });
  await client.start();
  const on = client.variation(FLAG_KEY, false); // want key="sample-feature" fallback=false type=bool
  const label = client.stringVariation('label', 'none'); // want key="label" fallback="none" type=string
  return on ? label : '';
}
