use launchdarkly_server_sdk::{Client, ContextBuilder};
use open_feature::OpenFeature;
use serde_json::json;

use crate::flags::{limits, PRICING};

const NEW_CHECKOUT: &str = "new-checkout";
const DEFAULT_TIER: &str = "free";

pub async fn checkout(client: &Client, user_id: &str) -> bool {
    let context = ContextBuilder::new(user_id).build().unwrap();
    let enabled = client.bool_variation(&context, NEW_CHECKOUT, false); // want key="new-checkout" fallback=false type=bool
    let tier = client.str_variation(&context, PRICING, "free".to_string()); // want key="pricing-v2" fallback="free" type=string
    let tier2 = client.str_variation(&context, "tier-b", String::from("gold")); // want key="tier-b" fallback="gold" type=string
    let tier3 = client.str_variation(&context, "tier-c", DEFAULT_TIER.into()); // want key="tier-c" dynamic
    let rate = client.float_variation_detail( // want key="rate-limits" fallback=-1.5 type=number
        &context,
        limits::RATE,
        -1.5,
    );
    let items = client.int_variation(&context, "max-items", 10); // want key="max-items" fallback=10 type=number
    let cfg = client.json_variation(&context, "config", json!({"a": 1})); // want key="config" dynamic type=json
    let dyn_key = client.bool_variation(&context, &format!("exp-{}", user_id), false); // want key=null fallback=false
    // client.bool_variation(&context, "commented-out", true);
    let s = "client.bool_variation(&context, \"in-a-string\", true)";
    let raw = r#"client.bool_variation(&context, "in-a-raw-string", true)"#;

    let of = OpenFeature::singleton().await.create_client();
    let dark = of.get_bool_value("dark-mode", None, None).await.unwrap_or(true); // want key="dark-mode" type=bool
    let _ = (tier, tier2, tier3, rate, items, cfg, dyn_key, s, raw, dark);
    enabled
}
