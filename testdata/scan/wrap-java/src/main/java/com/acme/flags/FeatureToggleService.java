package com.acme.flags;

import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.LDClient;

public class FeatureToggleService {
    private final LDClient ldClient;
    private final LDContext context = LDContext.create("service");

    public FeatureToggleService(LDClient ldClient) {
        this.ldClient = ldClient;
    }

    public boolean isEnabled(String key, boolean defaultValue) {
        return ldClient.boolVariation(key, context, defaultValue); // want key=null dynamic
    }

    public boolean isEnabled(FeatureFlag flag) {
        // The key comes from the enum's accessor: not followed, so its callers' keys stay null.
        return ldClient.boolVariation(flag.getKey(), context, false); // want key=null fallback=false
    }
}
