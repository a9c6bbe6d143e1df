const LaunchDarkly = require('@launchdarkly/node-server-sdk');

// A class wrapping the Node server SDK.
class FeatureFlagClient {
  constructor(sdkKey) {
    this.client = LaunchDarkly.init(sdkKey);
  }

  async isEnabled(flagKey, context, defaultValue = false) {
    return this.client.variation(flagKey, context, defaultValue); // want key=null dynamic
  }

  async getConfig(flagKey, context) {
    return this.client.variation(flagKey, context, { retries: 3 }); // want key=null fallback={"retries":3}
  }
}

// A wrapper of the wrapper: anonymous context, the default fixed to true.
const flags = new FeatureFlagClient(process.env.LD_SDK_KEY);
const anonymous = { kind: 'user', key: 'anonymous', anonymous: true };
async function isOnForEveryone(key) {
  return flags.isEnabled(key, anonymous, true);
}

module.exports = { FeatureFlagClient, isOnForEveryone, flags };
