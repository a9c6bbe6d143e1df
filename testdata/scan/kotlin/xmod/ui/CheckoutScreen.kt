package com.acme.ui

import com.launchdarkly.sdk.android.LDClient
import com.acme.flags.FeatureFlags
import com.acme.flags.CheckoutDefaults

fun checkout(client: LDClient) {
    val a = client.boolVariation(FeatureFlags.NEW_CHECKOUT, CheckoutDefaults.ENABLED) // want key="kt-new-checkout" fallback=false fallbackFile=xmod/flags/Defaults.kt
    val b = client.stringVariation(FeatureFlags.DARK_MODE, CheckoutDefaults.THEME) // want key="kt-dark-mode" fallback="light"
    val c = client.boolVariation(Variant.KEY, false) // want key=null keyExpr=Variant.KEY
    val d = client.boolVariation(CheckoutDefaults.LOOP_A, false) // want key=null keyExpr=CheckoutDefaults.LOOP_A
}
