import { useLDClient } from 'launchdarkly-react-client-sdk'
import { runExperiment } from '../generators/experiment'

export function Runner() {
  const client = useLDClient()
  return <button onClick={() => runExperiment({ client })}>run</button>
}
