package shop;

import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.LDClient;
import dev.openfeature.sdk.Client;

public class Checkout {
    static final String NEW_CHECKOUT = "new-checkout";
    private LDClient ld;
    private Client of;

    boolean run(LDContext ctx) {
        boolean a = ld.boolVariation(NEW_CHECKOUT, ctx, false); // want key="new-checkout" fallback=false type=bool
        String b = ld.stringVariation("banner", ctx, "a\tb"); // want key="banner" fallback="a\tb" type=string
        long c = ld.intVariation("limit", ctx, 0x10); // want key="limit" fallback=16 type=number
        boolean d = of.getBooleanValue("of-flag", true); // want key="of-flag" fallback=true type=bool
        boolean e = ld.boolVariation("two-args", false); // not the server shape: (key, default) is the Android client's
        return a && d;
    }
}

class Migrations {
    private LDClient ld;
    private dev.openfeature.sdk.Client of;

    long run(LDContext ctx) {
        MigrationVariation mv = ld.migrationVariation("db-move", ctx, MigrationStage.OFF); // want key="db-move" dynamic type=string
        long quota = of.getLongValue("quota", 5000000000L); // want key="quota" fallback=5000000000 type=number
        return quota;
    }
}
