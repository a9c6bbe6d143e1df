package com.acme.web;

import com.acme.flags.FeatureFlags;
import com.acme.a.Keys;
import static com.acme.flags.FeatureFlags.NEW_CHECKOUT;
import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.LDClient;

public class CheckoutController {
    private LDClient ld;

    boolean run(LDContext ctx) {
        boolean a = ld.boolVariation(FeatureFlags.NEW_CHECKOUT, ctx, FeatureFlags.CHECKOUT_DEFAULT); // want key="java-new-checkout" fallback=true fallbackFile=xmod/src/main/java/com/acme/flags/FeatureFlags.java
        String b = ld.stringVariation(FeatureFlags.ALIAS, ctx, "x"); // want key="java-banner" fallback="x"
        boolean c = ld.boolVariation(Keys.SHARED, ctx, false); // want key="java-a"
        boolean d = ld.boolVariation(Cycle.KEY, ctx, false); // want key=null keyExpr=Cycle.KEY
        boolean e = ld.boolVariation(NEW_CHECKOUT, ctx, false); // want key="java-new-checkout"
        return a && c && d && e;
    }
}
