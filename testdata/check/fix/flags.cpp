#include <launchdarkly/server_side/client.hpp>

bool Checkout(launchdarkly::server_side::Client& client, launchdarkly::Context const& ctx) {
    return client.BoolVariation(ctx, "checkout-api", true);
}

std::string Banner(launchdarkly::server_side::Client& client, launchdarkly::Context const& ctx) {
    return client.StringVariation(ctx, "banner-text", "Hello");
}
