import { useFlags, useBoolVariation } from '@launchdarkly/react-sdk';

export function Panel() {
  const flags = useFlags();
  const wide = useBoolVariation('wide-panel', false); // want key="wide-panel" fallback=false type=bool
  return [flags['wide-panel'], wide]; // want key="wide-panel" fallback=null implicit name=wide-panel
}
