#include <launchdarkly/server_side/bindings/c/sdk.h>

bool f(LDServerSDK sdk, LDContext ctx, bool x) {
  bool d = false;
  if (x) d = true;
  return LDServerSDK_BoolVariation(sdk, ctx, "c-flag", d); // want key="c-flag" dynamic
}
