const { OpenFeature } = require('@openfeature/server-sdk');

const client = OpenFeature.getClient();
// An SDK call, found once (not again through the SDK's own method of the same name).
const on = client.getBooleanValue('of-checkout', false); // want key="of-checkout" fallback=false
module.exports = { on };
