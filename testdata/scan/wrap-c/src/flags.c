/* The application's own wrappers around the C binding of the server SDK.
 * C has no default arguments: "a call omitting the default" cannot be
 * written; the fixed-fallback wrapper below stands for it. C has no methods:
 * the unrelated same-named function is a struct's function pointer. */
#include <stdbool.h>
#include <launchdarkly/server_side/bindings/c/sdk.h>
#include "flags.h"

static LDServerSDK sdk;
static LDContext ctx;

bool flag_on(const char *key, bool fallback)
{
    return LDServerSDK_BoolVariation(sdk, ctx, key, fallback); /* want key=null dynamic */
}

/* The fallback fixed inside; the key passes through a local. */
bool flag_enabled(const char *flag)
{
    const char *k = flag;
    return LDServerSDK_BoolVariation(sdk, ctx, k, false); /* want key=null fallback=false */
}

/* A wrapper of the wrapper. */
bool flag_beta(const char *name)
{
    return flag_on(name, true);
}

/* The key fixed inside, the fallback passed by the caller. */
bool dark_mode(bool fallback)
{
    return LDServerSDK_BoolVariation(sdk, ctx, "dark-mode", fallback); /* want key="dark-mode" dynamic */
}

/* A pointer return type: the declarator nests the name. */
char *flag_text(const char key[], const char *fallback)
{
    return LDServerSDK_StringVariation(sdk, ctx, key, fallback); /* want key=null dynamic */
}
