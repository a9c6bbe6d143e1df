use launchdarkly_server_sdk::{Client, Context};

pub fn checkout(client: &Client, ctx: &Context) -> bool {
    client.bool_variation(ctx, "checkout-api", true)
}

pub fn banner(client: &Client, ctx: &Context) -> String {
    client.str_variation(ctx, "banner-text", "Hello".to_string())
}
