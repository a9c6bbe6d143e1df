import * as LaunchDarkly from '@launchdarkly/node-server-sdk';
import { FLAGS, DEFAULTS as D } from '../config/flags';
import * as config from '../config';
import bannerDefault from '../config/defaults';
import { SEARCH_KEY } from '../config';
import { SHARED_KEY } from '../ambiguous';
import { CYCLE_A, CYCLE_MISSING } from '../cycle/b';
import { PACKAGE_KEY } from 'some-package';
const { LIMIT_KEY, LIMIT_DEFAULT: LIMIT } = require('../config/cjs');
const cjs = require('../config/cjs.js');

const client = LaunchDarkly.init(process.env.LD_SDK_KEY);

export async function handler(ctx) {
  await client.boolVariation(FLAGS.newCheckout, ctx, D.darkMode); // want key="js-new-checkout" fallback=false fallbackFile=xmod/config/flags.js
  await client.boolVariation(config.FLAGS.darkMode, ctx, config.DEFAULTS.darkMode); // want key="js-dark-mode" fallback=false fallbackFile=xmod/config/flags.js
  await client.stringVariation(SEARCH_KEY, ctx, bannerDefault); // want key="js-search" fallback="Welcome" fallbackFile=xmod/config/defaults.js
  await client.numberVariation(LIMIT_KEY, ctx, LIMIT); // want key="js-limit" fallback=10 fallbackFile=xmod/config/cjs.js
  await client.numberVariation(cjs.LIMIT_KEY, ctx, cjs.LIMIT_DEFAULT); // want key="js-limit" fallback=10
  await client.boolVariation(SHARED_KEY, ctx, false); // want key=null keyExpr=SHARED_KEY
  await client.boolVariation(CYCLE_A, ctx, false); // want key="js-cycle-a"
  await client.boolVariation(CYCLE_MISSING, ctx, false); // want key=null keyExpr=CYCLE_MISSING
  await client.boolVariation(PACKAGE_KEY, ctx, false); // want key=null keyExpr=PACKAGE_KEY
  await client.boolVariation(config.RETIRED, ctx, false); // want key=null keyExpr=config.RETIRED
}
