import { createClient } from '@launchdarkly/react-sdk';

export const client = createClient('nextgen-client-id', { kind: 'user', key: 'u' }, { useCamelCaseFlagKeys: false });
