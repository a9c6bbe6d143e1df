import { Injectable } from '@angular/core';
import * as LDClient from 'launchdarkly-js-client-sdk';

@Injectable({ providedIn: 'root' })
export class FlagsService {
  private client: LDClient.LDClient;

  isOn(flagKey: string, defaultValue: boolean = false): boolean {
    return this.client.variation(flagKey, defaultValue); // want key=null dynamic
  }
}
