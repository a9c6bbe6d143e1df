package com.acme.web;

import com.acme.flags.FeatureFlag;
import com.acme.flags.FeatureToggleService;
import com.acme.flags.FlagKeys;
import org.springframework.core.env.Environment;

public class CheckoutController {
    private final FeatureToggleService featureToggleService;
    private final FeatureProperties properties;

    public CheckoutController(FeatureToggleService featureToggleService, FeatureProperties properties) {
        this.featureToggleService = featureToggleService;
        this.properties = properties;
    }

    public String checkout() {
        if (featureToggleService.isEnabled(FlagKeys.NEW_CHECKOUT, false)) { // want key="new-checkout" fallback=false type=bool
            return "new";
        }
        if (featureToggleService.isEnabled("dark-mode", true)) { // want key="dark-mode" fallback=true
            return "dark";
        }
        if (featureToggleService.isEnabled(FeatureFlag.NEW_CHECKOUT)) { // want key="new-checkout" fallback=false
            return "enum";
        }
        String v = featureToggleService.variant(FeatureFlag.NEW_CHECKOUT);
        // A Spring-properties isFeatureEnabled-style method of another type: not the wrapper.
        if (properties.isEnabled("new-checkout", false)) {
            return "props";
        }
        return "old";
    }
}

class FeatureProperties {
    private Environment env;

    boolean isEnabled(String name, boolean fallback) {
        return env.getProperty("features." + name, Boolean.class, fallback);
    }
}
