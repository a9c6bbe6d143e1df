// Imports the application's hook through a tsconfig-style alias, not the SDK.
import { useShopFlags } from 'src/hooks/useShopFlags';
import { notAHook } from 'src/hooks/useShopFlags';
import { useShopFlags as otherHook } from './elsewhere/useOtherFlags';

export function Promo() {
  const { newCheckout } = useShopFlags(); // want key="new-checkout" fallback=true method=useShopFlags
  const flags = useShopFlags();
  const other = otherHook();
  return [newCheckout, flags.bannerText, notAHook().darkMode, other.darkMode]; // want key="banner-text" fallback="Welcome"
}
