const ld = require('@launchdarkly/node-server-sdk');

// A service whose fallback went stale: new-checkout-flow is off in
// LaunchDarkly (serves false), but the code still falls back to true.
async function checkout(client, context) {
  const enabled = await client.variation('new-checkout-flow', context, true);
  return enabled ? 'new' : 'legacy';
}

module.exports = { checkout };
