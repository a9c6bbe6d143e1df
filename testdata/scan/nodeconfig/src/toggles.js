const settings = require('config');
const ld = require('@launchdarkly/node-server-sdk');

const client = ld.init(settings.toggles.sdkKey);

class Toggles {
  guard(req, res, next, state, name, then) {
    return this.evaluate({ req, res, next, state, name, then });
  }

  evaluate(opts) {
    const flagKey = settings.toggles[opts.name];
    let fallback = false;
    if (opts.state && opts.state.overrides) {
      fallback = opts.state.overrides[opts.name];
    }
    client.variation(flagKey, { key: 'anon' }, fallback, (err, on) => opts.then(on)); // want key=null dynamic
  }
}

// The key looked up with config.get and a dotted path built from the parameter.
function byPath(which, context) {
  return client.variation(settings.get('toggles.' + which), context, true); // want key=null fallback=true
}

// A parameter object destructured in the parameter list.
function isOn({ flag, context }) {
  return client.boolVariation(flag, context, false); // want key=null fallback=false
}

// A parameter object read by property, no config involved.
function check(options) {
  return client.stringVariation(options.key, options.context, 'off'); // want key=null fallback="off"
}

// A property of a destructured property: not followed (its callers are not sites).
function nested({ opts }, context) {
  return client.boolVariation(opts.key, context, false); // want key=null fallback=false
}

module.exports = { Toggles, byPath, isOn, check, nested };
