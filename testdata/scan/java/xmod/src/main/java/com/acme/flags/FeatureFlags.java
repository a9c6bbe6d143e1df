package com.acme.flags;

public final class FeatureFlags {
    public static final String NEW_CHECKOUT = "java-new-checkout";
    public static final boolean CHECKOUT_DEFAULT = true;
    public static final String ALIAS = Defaults.BANNER;

    private FeatureFlags() {}
}
