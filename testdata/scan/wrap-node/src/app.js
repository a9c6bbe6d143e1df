const { FeatureFlagClient, isOnForEveryone } = require('./flags');
const Cache = require('./cache');

const flagClient = new FeatureFlagClient(process.env.LD_SDK_KEY);
const cache = new Cache();

async function handler(req) {
  const user = { kind: 'user', key: req.user.id };
  const a = await flagClient.isEnabled('new-checkout', user); // want key="new-checkout" fallback=false
  const b = await flagClient.isEnabled('dark-mode', user, true); // want key="dark-mode" fallback=true
  const c = await flagClient.getConfig('retry-policy', user); // want key="retry-policy" fallback={"retries":3}
  const d = await isOnForEveryone('maintenance-banner'); // want key="maintenance-banner" fallback=true
  // A cache with an isEnabled of its own: not the wrapper.
  const e = cache.isEnabled('new-checkout', user);
  return a && b && c && d && e;
}

module.exports = { handler };
