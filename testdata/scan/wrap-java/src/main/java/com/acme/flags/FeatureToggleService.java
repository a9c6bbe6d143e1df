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
        // The key is the enum's accessor: a caller's enum constant gives its constructor argument.
        return ldClient.boolVariation(flag.getKey(), context, false); // want key=null fallback=false
    }

    public String variant(FeatureFlag flag) {
        // name() is the constant's Java name, not the flag key: not a wrapper.
        return ldClient.stringVariation(flag.name(), context, "control"); // want key=null fallback="control"
    }
}
