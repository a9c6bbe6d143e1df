// Decoy: another vendor's Rust SDK with the same method names.
use unleash_api_client::Client;

fn decoy(client: &Client) -> bool {
    client.bool_variation(&ctx, "not-launchdarkly", false)
}
