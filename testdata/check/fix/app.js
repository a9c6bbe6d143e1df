const LaunchDarkly = require('@launchdarkly/node-server-sdk');

const client = LaunchDarkly.init(process.env.LD_SDK_KEY);

async function enabled(context) {
  return client.variation("checkout-api", context, true);
}

async function banner(context) {
  return client.variation("banner-text", context, 'Hello');
}

module.exports = { enabled, banner };
