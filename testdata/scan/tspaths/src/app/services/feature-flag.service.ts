import { Injectable } from '@angular/core';
import { initialize, LDClient } from 'launchdarkly-js-client-sdk';
import { FeatureFlags } from '@app/core/feature-flags';
import { environment } from '@env';
import { LIMITS, PAGE_SIZE_DEFAULT } from 'shared/limits';

@Injectable({ providedIn: 'root' })
export class FeatureFlagService {
  private client: LDClient = initialize('client-side-id', { kind: 'user', key: 'anon' });

  checkout(): boolean {
    return this.client.variation(FeatureFlags.NewCheckout, false); // want key="new-checkout" fallback=false
  }

  banner(): boolean {
    return this.client.variation(environment.bannerFlag, true); // want key="promo-banner" fallback=true
  }

  pageSize(): number {
    return this.client.variation(LIMITS.pageSize.flag, PAGE_SIZE_DEFAULT); // want key="page-size" fallback=25 fallbackFile=src/shared/limits.ts
  }
}
