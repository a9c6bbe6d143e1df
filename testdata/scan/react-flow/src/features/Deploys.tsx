import useFeatureFlag, { useFlagByKey } from 'src/hooks/features';
import useAppFlags from '../hooks/useAppFlags';

export const Deploys = () => {
  const on = useFeatureFlag('betaBanner'); // want key="beta-banner" method=useFeatureFlag
  const deploys = useFlagByKey('deploys-module'); // want key="deploys-module" method=useFlagByKey
  const flags = useAppFlags();
  return on && deploys && flags.grbTab; // want key="grb-tab" method=useAppFlags
};
