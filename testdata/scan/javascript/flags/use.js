import { featureFlags } from './definitions';
import { isEnabled, variationWithFallback } from '../lib/flags';

export function render(client, ctx) {
  if (isEnabled(featureFlags.newCheckout)) { // want key="new-checkout" fallback=false method=isEnabled fallbackFile=flags/definitions.js
    return variationWithFallback(client, 'search-v2', ctx); // want key="search-v2" fromConfig method=variationWithFallback
  }
  return null;
}
