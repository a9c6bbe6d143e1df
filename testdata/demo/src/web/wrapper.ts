import { LDClient, LDContext, LDEvaluationDetail } from '@launchdarkly/node-server-sdk';
import fallbackConfig from '../../fallback-config.json';

// The guide's wrapper: one source of truth for fallback values.
export async function variationWithFallback(
  client: LDClient,
  flagKey: string,
  context: LDContext,
): Promise<LDEvaluationDetail> {
  let fallbackValue = (fallbackConfig as Record<string, unknown>)[flagKey];
  if (fallbackValue === undefined) {
    console.warn(`No fallback value defined for flag: ${flagKey}`);
    if (flagKey.startsWith('release-')) {
      fallbackValue = false;
    }
  }
  // ldfallback:ignore the wrapper itself: its callers are checked against fallback-config.json
  return client.variationDetail(flagKey, context, fallbackValue);
}
