package shop

import com.launchdarkly.sdk.android.LDClient

fun checkoutEnabled(): Boolean = LDClient.get().boolVariation("checkout-api", true)

fun banner(): String = LDClient.get().stringVariation("banner-text", "Hello")

fun ratio(): Double = LDClient.get().doubleVariation("ratio", 1.5)
