package com.acme.flags;

import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.LDClient;

public class Flags {
    public static final String CHECKOUT = "java-checkout";

    private final LDClient client;
    private final LDContext ctx;

    public Flags(LDClient client, LDContext ctx) {
        this.client = client;
        this.ctx = ctx;
    }

    public boolean on(String key) {
        return client.boolVariation(key, ctx, false); // want key=null fallback=false
    }
}
