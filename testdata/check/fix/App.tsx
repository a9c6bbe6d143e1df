import { useLDClient } from 'launchdarkly-react-client-sdk';

export function App() {
  const ld = useLDClient();
  const enabled = ld?.variation('checkout-api', true);
  return <div>{enabled ? 'new' : 'old'} {ld?.variation('banner-text', "Hello")}</div>;
}
