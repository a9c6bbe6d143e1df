import { useFlags as useLDFlags } from 'launchdarkly-react-client-sdk';

const overrides: Record<string, unknown> = {};

// The application's own hook: the SDK's flags with local overrides on top.
export const useShopFlags = () => ({ ...useLDFlags(), ...overrides });

export function notAHook() {
  return { ...overrides };
}
