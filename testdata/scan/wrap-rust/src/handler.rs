use crate::flags::{keys, tier, FeatureFlags, FlagSource};

/// An unrelated type with a method of the same name: not a flag.
pub struct Preferences;

impl Preferences {
    pub fn is_on(&self, key: &str, default: bool) -> bool {
        key.is_empty() || default
    }
}

pub fn handle(flags: &FeatureFlags, prefs: &Preferences, client: &Client, ctx: &Context) {
    let a = flags.is_on(keys::NEW_CHECKOUT, false); // want key="new-checkout" fallback=false type=bool
    let b = flags.is_on("new-onboarding", true); // want key="new-onboarding" fallback=true type=bool
    let c = flags.enabled("search-v2"); // want key="search-v2" fallback=false type=bool
    let d = flags.beta("beta-search"); // want key="beta-search" fallback=true type=bool
    let e = flags.dark_mode(false); // want key="dark-mode" fallback=false type=bool
    let f = tier(client, ctx, "pricing-v2"); // want key="pricing-v2" fallback="free" type=string
    let g = prefs.is_on("sound", true);
    let _ = (a, b, c, d, e, f, g);
}
