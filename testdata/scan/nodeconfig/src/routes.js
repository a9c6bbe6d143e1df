const { Toggles, byPath, isOn, check, nested } = require('./toggles');

const toggles = new Toggles();
const ctx = { kind: 'user', key: 'u' };

function routes(router) {
  router.get('/checkout', (req, res, next) => toggles.guard(req, res, next, res.locals.state, 'checkout', next)); // want key="shop-new-checkout" dynamic
  router.get('/banner', (req, res, next) => toggles.guard(req, res, next, res.locals.state, 'banner', next)); // want key="shop-banner" dynamic
  // Overridden with another value in production.yaml: not one key.
  router.get('/pricing', (req, res, next) => toggles.guard(req, res, next, res.locals.state, 'pricing', next)); // want key=null dynamic
  // Mapped to an environment variable: not one key.
  router.get('/search', (req, res, next) => toggles.guard(req, res, next, res.locals.state, 'search', next)); // want key=null dynamic
  // No such entry in the config files.
  router.get('/missing', (req, res, next) => toggles.guard(req, res, next, res.locals.state, 'nowhere', next)); // want key=null dynamic
  // A number, not a flag key.
  router.get('/retries', (req, res, next) => toggles.guard(req, res, next, res.locals.state, 'retries', next)); // want key=null dynamic
}

const a = byPath('checkout', ctx); // want key="shop-new-checkout" fallback=true
const b = isOn({ flag: 'destructured-flag', context: ctx }); // want key="destructured-flag" fallback=false
const c = check({ key: 'options-flag', context: ctx }); // want key="options-flag" fallback="off"

const d = nested({ opts: { key: 'nested-flag' } }, ctx);

// A lookup in the config files passed to a wrapper: directly, or computed from a parameter.
const settings = require('config');
const e = check({ key: settings.flags.direct, context: ctx }); // want key="shop-direct" fallback="off"
function viaWrapper(name) {
  return isOn({ flag: settings.toggles[name], context: ctx });
}
const f = viaWrapper('banner'); // want key="shop-banner" fallback=false

module.exports = { routes, a, b, c, d, e, f };
