import { asyncWithLDProvider } from 'launchdarkly-react-client-sdk'

// Flag keys are used as they are: the flags object is not camel-cased.
export async function start() {
  return asyncWithLDProvider({
    clientSideID: 'client-side-id',
    reactOptions: { useCamelCaseFlagKeys: false },
  })
}
