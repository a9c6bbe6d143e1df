use launchdarkly_server_sdk::Client;

fn f(client: &Client, x: bool) -> bool {
    let mut d = false;
    if x {
        d = true;
    }
    client.bool_variation(&ctx, "rs-flag", d) // want key="rs-flag" dynamic
}

fn g(client: &Client, n: i64) -> i64 {
    let mut limit = 10;
    limit += n;
    client.int_variation(&ctx, "rs-limit", limit) // want key="rs-limit" dynamic
}
