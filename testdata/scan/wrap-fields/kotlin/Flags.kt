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

// A secondary constructor sets the property.
class Legacy {
    private val flags: Flags
    private val key: String

    constructor(flags: Flags, key: String) {
        this.flags = flags
        this.key = key
    }

    fun open(): Boolean = flags.on(key)
}

fun screen(flags: Flags): Boolean {
    val g = Gate(flags, "kt-gate") // want key="kt-gate" fallback=false
    val s = Shifting(flags, "kt-shift")
    val l = Legacy(flags, "kt-legacy") // want key="kt-legacy" fallback=false
    return g.open() && s.open()
}
