import { Injectable } from '@angular/core';
import * as LDClient from 'launchdarkly-js-client-sdk';
import { FeatureFlags } from '../feature-flags';

// An Angular service wrapping the client SDK: every component asks it, not the SDK.
@Injectable({ providedIn: 'root' })
export class LaunchDarklyService {
  private client: LDClient.LDClient;

  getFlag(flag: FeatureFlags, defaultValue: boolean = false): boolean {
    return this.client.variation(flag, defaultValue); // want key=null dynamic
  }

  // The reverse shape: the key is fixed here, the caller passes the default.
  bannerText(fallback: string): string {
    return this.client.variation('banner-text', fallback); // want key="banner-text" dynamic
  }

  isBetaBannerOn(): boolean {
    return this.getFlag(FeatureFlags.BetaBanner); // want key="beta-banner" fallback=false
  }
}
