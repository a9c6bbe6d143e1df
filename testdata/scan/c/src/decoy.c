/* Decoy: another vendor's C API with a same-named function. */
#include "otherflags/api.h"

void decoy(void *client, void *user)
{
    LDBoolVariation(client, user, "not-launchdarkly", 0, 0);
}
