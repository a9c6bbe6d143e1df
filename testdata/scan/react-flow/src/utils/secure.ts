import type { FlagSet } from 'src/featureFlags';

export const secureNotice = (preference: string, flags: FlagSet) => {
  if (flags.secureCopy) { // want key="secure-copy" method=FlagSet
    return preference;
  }
  let later: FlagSet;
  later = flags;
  return later?.iamNav; // want key="iam-nav"
};

// A flag's value type is not the flags object.
export const copy = (value: FlagSet['secureCopy']) => value;
