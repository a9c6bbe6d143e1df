// Reduced from js-core packages/sdk/react/contract-tests: the new @launchdarkly/react-sdk
// package (hooks take an optional third argument, the React context).
import { useBoolVariation, useLDClient, useStringVariationDetail } from '@launchdarkly/react-sdk';
import { useSuspenseFlag } from '@openfeature/react-sdk';

export function Entity({ ctx }: { ctx: unknown }) {
  const client = useLDClient();
  const on = useBoolVariation('react-sdk-flag', false); // want key="react-sdk-flag" fallback=false type=bool
  const d = useStringVariationDetail('copy', 'Hello', ctx as never); // want key="copy" fallback="Hello" type=string
  const n = client.numberVariationDetail('limit', 3); // want key="limit" fallback=3 type=number
  const s = useSuspenseFlag('of-suspense', 'a'); // want key="of-suspense" fallback="a" type=string
  return <p>{String(on)}{d.value}{n.value}{String(s.value)}</p>;
}
