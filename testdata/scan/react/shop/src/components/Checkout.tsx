import React from 'react';
import { useFlags, useLDClient } from 'launchdarkly-react-client-sdk';

export function Checkout() {
  const flags = useFlags();
  const enabled = flags.newCheckout; // want key="new-checkout" fallback=true type=bool fallbackFile=shop/src/ldDefaults.ts name=newCheckout method=useFlags
  const text = flags?.bannerText; // want key="banner-text" fallback="Welcome" type=string name=bannerText
  const dark = flags['darkMode']; // want key="dark_mode" fallback=false name=darkMode
  const wrongCase = flags['dark-mode']; // want key=null name=dark-mode fallback=null implicit
  const typo = flags.newChekout; // want key=null name=newChekout fallback=null implicit
  const promo = flags.promoV2; // want key=null name=promoV2 dynamic
  const limit = flags.maxItems ?? 3; // want key="max-items" fallback=3 type=number name=maxItems
  const own = flags.hasOwnProperty('newCheckout');
  const dynamic = flags[pickFlagName()]; // want key=null keyExpr=flags[pickFlagName()] dynamic
  return { enabled, text, dark, wrongCase, typo, promo, limit, own, dynamic };
}

export function CheckoutSummary() {
  const {
    newCheckout: useNew, // want key="new-checkout" fallback=true name=newCheckout
    maxItems = 25, // want key="max-items" fallback=25 type=number name=maxItems
    'banner-text': legacyText, // want key=null name=banner-text fallback=null implicit
    ...others
  } = useFlags();
  const dark = others.darkMode; // want key="dark_mode" fallback=false
  return { useNew, maxItems, legacyText, dark };
}

export function Direct() {
  return useFlags().newCheckout; // want key="new-checkout" fallback=true
}

// Objects called flags that do not come from the SDK are not flag reads.
export function NotFlags(flags: { newCheckout: boolean }) {
  return flags.newCheckout;
}

export function Shadowed() {
  const flags = useFlags();
  const inner = () => {
    const flags = { darkMode: 'not a flag' };
    return flags.darkMode;
  };
  const client = useLDClient();
  return [inner(), flags.darkMode, client]; // want key="dark_mode" fallback=false
}

function pickFlagName() {
  return 'newCheckout';
}

const BANNER_FLAG = 'bannerText';

export function ByConstant() {
  const flags = useFlags();
  return flags[BANNER_FLAG]; // want key="banner-text" fallback="Welcome" name=bannerText
}

const FLAG_NAMES = { MAX: 'maxItems' };

export function ComputedPattern() {
  const { [FLAG_NAMES.MAX]: max = 7, ['darkMode']: dark } = useFlags(); // want key="max-items" fallback=7 want key="dark_mode" fallback=false
  return [max, dark];
}
