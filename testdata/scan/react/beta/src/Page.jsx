import { useFlags } from 'launchdarkly-react-client-sdk';

export function Page() {
  const flags = useFlags();
  const beta = flags.showBeta; // want key="show-beta" names=lodash.camelcase fallback=true
  const other = flags.otherFlag; // want key=null name=otherFlag names=lodash.camelcase fallback=null implicit
  // ldfallback:ignore the experiment ends next week
  const ignored = flags.oldExperiment; // want key=null name=oldExperiment ignored
  return [beta, other, ignored];
}
