import { useFlags } from 'launchdarkly-react-client-sdk';
import camelCase from 'lodash/camelCase';

export default function useFeatureFlag(key: string) {
  const flags = useFlags();
  return flags && flags[key]; // want key=null
}

export const useFlagByKey = (key: string) => useFlags()[camelCase(key)]; // want key=null
