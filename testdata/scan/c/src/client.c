#include <launchdarkly/client_side/bindings/c/sdk.h>

bool mobile(LDClientSDK sdk)
{
    bool dark = LDClientSDK_BoolVariation(sdk, "dark-mode", true); // want key="dark-mode" fallback=true type=bool
    return dark;
}
