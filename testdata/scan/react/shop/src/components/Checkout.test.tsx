import { useFlags } from 'launchdarkly-react-client-sdk';

export function readInTest() {
  return useFlags().newCheckout; // want key="new-checkout" fallback=false
}
