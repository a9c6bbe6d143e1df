import { FeatureGate, FlagService, LegacyGate, RequireFlag, Unbound } from './flags';

export function build(flags: FlagService) {
  const a = new FeatureGate(flags, 'ts-gate'); // want key="ts-gate" fallback=false
  const b = new LegacyGate(flags, 'ts-legacy'); // want key="ts-legacy" fallback=false
  const c = new Unbound(flags, 'ts-unbound');
  return [a, b, c];
}

export class Reports {
  @RequireFlag('ts-decorated') // want key="ts-decorated" fallback=false
  list() {
    return [];
  }
}
