import { initialize } from 'launchdarkly-js-client-sdk';
// A package import that no alias maps: not followed, the key stays unknown.
import { Flags } from 'some-package/flags';

const client = initialize('client-side-id', { kind: 'user', key: 'anon' });
client.variation(Flags.Old, false); // want key=null keyExpr=Flags.Old fallback=false
