const LaunchDarkly = require('@launchdarkly/node-server-sdk');
const { NEW_CHECKOUT, PRICING } = require('./keys');

const client = LaunchDarkly.init(process.env.LD_SDK_KEY);

async function handler(req, res) {
  const context = { kind: 'user', key: req.user.id };
  const enabled = await client.variation('new-checkout', context, false); // want key="new-checkout" fallback=false type=bool
  const banner = await client.stringVariation("banner-text", context, "Welcome\n"); // want key="banner-text" fallback="Welcome\n" type=string
  const limit = await client.numberVariation( // want key="rate-limit" fallback=-1.50 type=number
    'rate-limit',
    context,
    -1.5e0,
  );
  const cfg = await client.jsonVariation('ui-config', context, { theme: 'dark', sizes: [1, 2] }); // want key="ui-config" fallback={"theme":"dark","sizes":[1,2]} type=json
  const flag = await client.boolVariation(NEW_CHECKOUT, context, true); // want key="checkout-v2" fallback=true type=bool
  const pricing = await client.variation(PRICING.key, context, PRICING_DEFAULT); // want key="pricing-page" fallback="legacy" type=string
  const dyn = await client.boolVariation(req.query.flag, context, computeDefault()); // want key=null keyExpr=req.query.flag dynamic type=bool
  const shared = await client.boolVariation(NEW_CHECKOUT, context, SHARED_DEFAULT); // want key="checkout-v2" fallback=true fallbackFile=server/keys.js
  // client.boolVariation('in-a-comment', context, true) is documentation, not a call
  const doc = "client.boolVariation('in-a-string', context, true)";
  // ldfallback:ignore kill switch is meant to default on
  const ks = await client.boolVariation('kill-switch', context, true); // want key="kill-switch" fallback=true ignored
  const tmpl = await client.stringVariation(`greeting`, context, `hi ${req.user.name}`); // want key="greeting" dynamic type=string
  return { enabled, banner, limit, cfg, flag, pricing, dyn, doc, ks, tmpl };
}

const PRICING_DEFAULT = 'legacy';
module.exports = { handler };

async function migrate(ld, ctx) {
  const [stage] = await ld.migrationVariation('db-move', ctx, 'off'); // want key="db-move" fallback="off" type=string
  return stage;
}
