package com.example.android

import com.launchdarkly.sdk.android.LDClient

class Navigation(private val client: LDClient) {
    // Fresh: keystone-checkout passes for everyone, so checkout-redesign serves true.
    fun redesign(): Boolean = client.boolVariation("checkout-redesign", true)

    // Stale: cache-optimization-v2 serves true everywhere.
    fun cache(): Boolean = client.boolVariation(
        "cache-optimization-v2",
        false,
    )
}
