package com.acme

import com.launchdarkly.sdk.android.LDClient

class Flags(private val client: LDClient) {
    fun on(key: String): Boolean = client.boolVariation(key, false) // want key=null fallback=false
}

// A primary constructor property holds the key.
class Gate(private val flags: Flags, private val flagKey: String) {
    fun open(): Boolean = flags.on(flagKey)
}

// Not a wrapper: the property is reassigned.
class Shifting(private val flags: Flags, private var flagKey: String) {
    fun retarget(other: String) {
        flagKey = other
    }

    fun open(): Boolean = flags.on(flagKey) // want key=null
}

fun screen(flags: Flags): Boolean {
    val g = Gate(flags, "kt-gate") // want key="kt-gate" fallback=false
    val s = Shifting(flags, "kt-shift")
    return g.open() && s.open()
}
