const ld = require('@launchdarkly/node-server-sdk');

// Fallbacks that match the safest value of each flag.
async function render(client, context) {
  const enabled = await client.variation('new-checkout-flow', context, false);
  const banner = await client.variation('banner-text', context, 'hello');
  return { enabled, banner };
}

module.exports = { render };
