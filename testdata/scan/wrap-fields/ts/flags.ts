import * as ld from '@launchdarkly/node-server-sdk';

export class FlagService {
  constructor(private readonly client: ld.LDClient) {}

  isOn(key: string): Promise<boolean> {
    return this.client.variation(key, { key: 'svc' }, false); // want key=null fallback=false
  }
}

// A constructor parameter property holds the key.
export class FeatureGate {
  constructor(private readonly flags: FlagService, private readonly flagKey: string) {}

  allowed(): Promise<boolean> {
    return this.flags.isOn(this.flagKey);
  }
}

// A plain constructor parameter stored with `this.k = k`.
export class LegacyGate {
  private k: string;
  constructor(private flags: FlagService, k: string) {
    this.k = k;
  }
  allowed(): Promise<boolean> {
    return this.flags.isOn(this.k);
  }
}

// Not a wrapper: a plain parameter (no modifier) is not a field; this.flagKey is the initialised one.
export class Unbound {
  flagKey = 'other';
  constructor(private flags: FlagService, flagKey: string) {}
  allowed(): Promise<boolean> {
    return this.flags.isOn(this.flagKey); // want key="other"
  }
}

const shared = new FlagService(ld.init('sdk-key'));

// A decorator factory: the key reaches isOn through the closures.
export function RequireFlag(key: string) {
  return function (target: object, name: string, desc: PropertyDescriptor) {
    const original = desc.value;
    desc.value = async function (...args: unknown[]) {
      if (!(await shared.isOn(key))) {
        return undefined;
      }
      return original.apply(this, args);
    };
  };
}
