// An OpenFeature client's own implementation of its API (as in the SDK's dist
// files): getBooleanValue calling getBooleanDetails is not an application wrapper.
const { ProviderEvents } = require('@openfeature/server-sdk');

class OpenFeatureClient {
  getBooleanValue(flagKey, defaultValue, context) {
    return this.getBooleanDetails(flagKey, defaultValue, context).value; // want key=null dynamic
  }
}

module.exports = { OpenFeatureClient, ProviderEvents };
