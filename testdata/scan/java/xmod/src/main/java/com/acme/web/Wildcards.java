package com.acme.web;

import com.acme.a.*;
import com.acme.b.*;
import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.LDClient;

// Keys is in both packages imported whole: ambiguous, left unresolved.
class Wildcards {
    boolean run(LDClient ld, LDContext ctx) {
        return ld.boolVariation(Keys.SHARED, ctx, false); // want key=null keyExpr=Keys.SHARED
    }
}
