package com.acme;

import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.interfaces.LDClientInterface;
import org.junit.jupiter.api.Test;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class FeatureToggleServiceTest {
    private final LDClientInterface ldClient = mock(LDClientInterface.class);
    private final LDContext context = LDContext.create("user-1");

    @Test
    void stubsAndVerifies() {
        when(ldClient.boolVariation(eq("new-checkout"), any(LDContext.class), eq(false))).thenReturn(true);
        when(ldClient.stringVariation("banner-text", context, "off"))
            .thenReturn("on");
        given(ldClient.intVariation("max-items", context, 10)).willReturn(20);
        doReturn(true).when(ldClient).boolVariation("dark-mode", context, false);

        new FeatureToggleService(ldClient).run();

        verify(ldClient).boolVariation("new-checkout", context, false);
        verify(ldClient, times(2)).stringVariation("banner-text", context, "off");
        then(ldClient).should().intVariation("max-items", context, 10);
    }

    @Test
    void evaluatesForReal() {
        // A real evaluation in a test is still an evaluation.
        boolean on = ldClient.boolVariation("new-checkout", context, true); // want key="new-checkout" fallback=true
    }
}
