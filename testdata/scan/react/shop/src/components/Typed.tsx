import React from 'react';
import type { LDFlagSet, LDProps } from 'launchdarkly-react-client-sdk';

export function Banner({ flags }: { flags: LDFlagSet }) {
  return flags.bannerText; // want key="banner-text" fallback="Welcome" method=LDFlagSet
}

interface CartProps extends LDProps {
  title: string;
}

export function Cart({ flags, title }: CartProps) {
  return `${title}: ${flags?.maxItems}`; // want key="max-items" fallback=10 method=CartProps
}

export const isDark = (f: LDFlagSet): boolean => f.darkMode; // want key="dark_mode" fallback=false method=LDFlagSet

export function WithProps(props: LDProps) {
  const { flags } = props;
  return flags!.newCheckout; // want key="new-checkout" fallback=true method=LDProps
}

export function Untyped(props: { flags: Record<string, boolean> }) {
  return props.flags.newCheckout;
}
