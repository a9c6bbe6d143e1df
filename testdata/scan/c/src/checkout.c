#include <stdbool.h>
#include <launchdarkly/server_side/bindings/c/sdk.h>
#include "flags.h"

#define NEW_CHECKOUT "new-checkout"
static const char *const kLimitsFlag = "rate-limits";

bool checkout(LDServerSDK sdk, LDContext context, const char *user_default)
{
    bool enabled = LDServerSDK_BoolVariation(sdk, context, NEW_CHECKOUT, false); /* want key="new-checkout" fallback=false type=bool */
    char *tier = LDServerSDK_StringVariation(sdk, context, PRICING_FLAG, "free"); // want key="pricing-v2" keyExpr=PRICING_FLAG fallback="free" type=string
    double ratio = LDServerSDK_DoubleVariationDetail( // want key="rate-limits" fallback=-1.5 type=number
        sdk, context,
        kLimitsFlag,
        -1.5,
        LD_DISCARD_DETAILS);
    LDValue cfg = LDServerSDK_JsonVariation(sdk, context, "config", LDValue_NewBool(true)); // want key="config" fallback=true type=json
    int items = LDServerSDK_IntVariation(sdk, context, "max-items", 10); // want key="max-items" fallback=10 type=number
    char *dyn = LDServerSDK_StringVariation(sdk, context, "exp", user_default); // want key="exp" dynamic
    /* LDServerSDK_BoolVariation(sdk, context, "commented-out", true); */
    const char *s = "LDServerSDK_BoolVariation(sdk, context, \"in-a-string\", true)";
    (void)tier; (void)ratio; (void)cfg; (void)items; (void)dyn; (void)s;
    return enabled;
}
