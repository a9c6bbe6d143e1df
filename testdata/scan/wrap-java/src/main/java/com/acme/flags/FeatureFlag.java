package com.acme.flags;

public enum FeatureFlag {
    NEW_CHECKOUT("new-checkout");

    private final String key;

    FeatureFlag(String key) {
        this.key = key;
    }

    public String getKey() {
        return key;
    }
}
