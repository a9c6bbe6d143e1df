import { useBooleanFlagValue } from '@openfeature/react-sdk';
import { useLDClient } from '@launchdarkly/react-client-sdk';

export function Toggle() {
  const on = useBooleanFlagValue('toggle-visible', false); // want key="toggle-visible" fallback=false type=bool
  const ld = useLDClient();
  const v = ld?.boolVariation('tsx-flag', true); // want key="tsx-flag" fallback=true type=bool
  return <span>{String(on && v)}</span>;
}
