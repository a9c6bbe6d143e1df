package com.example.billing;

import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.LDClient;

public final class Ranking {
    private static final String SEARCH_FLAG = "search-ranking-v3";

    private final LDClient client;

    public Ranking(LDClient client) {
        this.client = client;
    }

    public String variant(LDContext context) {
        // Stale and inconsistent: the experiment decides, the off variation is "control".
        return client.stringVariation(SEARCH_FLAG, context, "treatment");
    }

    public boolean premiumDashboard(LDContext context) {
        // Fresh: the prerequisite is mixed, so the off variation false is the safe answer.
        return client.boolVariation("premium-dashboard", context, false);
    }

    public int uploadLimit(LDContext context) {
        // Wrong type: max-upload-mb is a number flag, boolVariation would return false with WRONG_TYPE.
        return client.boolVariation("max-upload-mb", context, true) ? 1 : 0;
    }
}
