// `config` here is the application's own module, not the config package.
const config = require('./settings');
const ld = require('@launchdarkly/node-server-sdk');

const client = ld.init(process.env.LD_SDK_KEY);

function other(context) {
  return client.variation(config.flags.direct, context, false); // want key=null fallback=false
}

module.exports = { other };
