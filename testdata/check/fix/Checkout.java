package shop;

import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.LDClient;

public class Checkout {
    private final LDClient client;

    public Checkout(LDClient client) {
        this.client = client;
    }

    public boolean enabled(LDContext ctx) {
        return client.boolVariation("checkout-api", ctx, true);
    }

    public String banner(LDContext ctx) {
        return client.stringVariation("banner-text", ctx, "Hello");
    }
}
