package app.flags

import com.launchdarkly.sdk.android.LDClient

object FlagKeys {
    const val NEW_CHECKOUT = "new-checkout"
}

interface Flags {
    fun isOn(key: String, default: Boolean = false): Boolean
}

class LaunchDarklyFlags(private val client: LDClient) : Flags {
    override fun isOn(key: String, default: Boolean): Boolean {
        val k = key
        return client.boolVariation(k, default) // want key=null dynamic
    }

    fun theme(key: String) = client.stringVariation(key, "light") // want key=null fallback="light"

    fun checkout() = isOn(FlagKeys.NEW_CHECKOUT, true) // want key="new-checkout" fallback=true
}
