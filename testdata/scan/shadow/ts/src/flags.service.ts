import { init, LDContext } from '@launchdarkly/node-server-sdk';

const client = init('sdk-key');

export class FlagsService {
  evaluateAll(keys: string[], ctx: LDContext) {
    return keys.map((flagName) => client.variation(flagName, ctx, false)); // want key=null keyExpr=flagName fallback=false
  }

  read(ctx: LDContext) {
    const flagKey = ctx.kind === 'user' ? 'user-flag' : 'org-flag';
    return client.variation(flagKey, ctx, false); // want key=null keyExpr=flagKey fallback=false
  }

  first(ctx: LDContext) {
    const key = 'flag-a';
    return client.variation(key, ctx, false); // want key="flag-a" fallback=false
  }

  second(ctx: LDContext) {
    const key = 'flag-b';
    const fallback = 'blue';
    return client.variation(key, ctx, fallback); // want key="flag-b" fallback="blue"
  }
}
