const ld = require('@launchdarkly/node-server-sdk');
const client = ld.init(process.env.LD_SDK_KEY);

function limit() {
  let d = 10;
  d++;
  return client.variation('js-limit', { key: 'u' }, d); // want key="js-limit" dynamic
}

function plain() {
  const d = 10;
  return client.variation('js-plain', { key: 'u' }, d); // want key="js-plain" fallback=10
}
