import { useFlags } from 'launchdarkly-react-client-sdk'
import { KEYS } from '../utils/keys'

export function Week() {
  const flags = useFlags()
  return flags[KEYS.WEEK_PICKER] ? <b /> : null // want key="date-and-week"
}
