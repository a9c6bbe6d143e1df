#include "launchdarkly/api.h"

void legacy(struct LDClient *client, struct LDUser *user)
{
    LDBoolean on = LDBoolVariation(client, user, "legacy-server", LDBooleanFalse, NULL); // want key="legacy-server" dynamic type=bool
    int n = LDIntVariation(client, user, "legacy-limit", 5, NULL); // want key="legacy-limit" fallback=5 type=number
    LDBoolean mob = LDBoolVariation(client, "legacy-mobile", false); // want key="legacy-mobile" fallback=false type=bool
    (void)on; (void)n; (void)mob;
}
