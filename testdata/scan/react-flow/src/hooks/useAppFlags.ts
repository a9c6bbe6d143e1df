import { useFlags } from 'launchdarkly-react-client-sdk';

export default function useAppFlags() {
  return useFlags();
}
