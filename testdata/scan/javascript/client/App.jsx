import React from 'react';
import { useFlags, useLDClient } from 'launchdarkly-react-client-sdk';

export function App() {
  const flags = useFlags();
  const ldClient = useLDClient();
  const dark = ldClient.variation('dark-mode', false); // want key="dark-mode" fallback=false type=bool
  const implicitDefault = ldClient?.variation('beta-banner'); // want key="beta-banner" fallback=null implicit type=unknown
  const size = ldClient.numberVariation('page-size', 20); // want key="page-size" fallback=20 type=number
  return <div className={dark ? 'dark' : ''}>{flags.betaBanner && implicitDefault}{size}</div>; // want key=null name=betaBanner names=lodash.camelcase dynamic method=useFlags
}
