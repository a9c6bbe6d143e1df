#include <stdbool.h>
#include "flags.h"

struct prefs {
    bool (*flag_on)(const char *key, bool fallback);
};

void handle(struct prefs *prefs)
{
    bool a = flag_on(PRICING_FLAG, true); /* want key="pricing-v2" fallback=true type=bool */
    bool b = flag_on("new-onboarding", false); /* want key="new-onboarding" fallback=false type=bool */
    bool c = flag_enabled("search-v2"); /* want key="search-v2" fallback=false type=bool */
    bool d = flag_beta("beta-search"); /* want key="beta-search" fallback=true type=bool */
    bool e = dark_mode(true); /* want key="dark-mode" fallback=true type=bool */
    char *f = flag_text("banner", "none"); /* want key="banner" fallback="none" type=string */
    /* Another object's flag_on: a preference, not a flag. */
    bool g = prefs->flag_on("sound", true);
}
