//! The application's own wrapper around the SDK.
//! Rust has no default arguments: "a call omitting the default" cannot be
//! written; the fixed-fallback wrapper below stands for it.
use launchdarkly_server_sdk::{Client, Context};

pub mod keys {
    pub const NEW_CHECKOUT: &str = "new-checkout";
}

pub trait FlagSource {
    fn is_on(&self, key: &str, default: bool) -> bool;
}

pub struct FeatureFlags {
    client: Client,
    ctx: Context,
}

impl FlagSource for FeatureFlags {
    fn is_on(&self, key: &str, default: bool) -> bool {
        self.client.bool_variation(&self.ctx, key, default) // want key=null dynamic
    }
}

impl FeatureFlags {
    /// The fallback fixed inside: callers pass the key only.
    pub fn enabled(&self, flag: &str) -> bool {
        let k = flag;
        self.client.bool_variation(&self.ctx, k, false) // want key=null fallback=false
    }

    /// A wrapper of the wrapper, with its own fixed fallback.
    pub fn beta(&self, name: &str) -> bool {
        self.is_on(name, true)
    }

    /// The key fixed inside, the fallback passed by the caller.
    pub fn dark_mode(&self, default: bool) -> bool {
        self.client.bool_variation(&self.ctx, "dark-mode", default) // want key="dark-mode" dynamic
    }

    pub fn checkout(&self) -> bool {
        self.is_on(keys::NEW_CHECKOUT, true) // want key="new-checkout" fallback=true
    }
}

/// A free function wrapper.
pub fn tier(client: &Client, ctx: &Context, key: &str) -> String {
    client.str_variation(ctx, key, "free".to_string()) // want key=null fallback="free"
}
