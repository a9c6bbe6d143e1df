package app

import com.launchdarkly.sdk.android.LDClient
import dev.openfeature.kotlin.sdk.OpenFeatureAPI

object Flags {
    const val NEW_CHECKOUT = "new-checkout"
}

fun render(client: LDClient) {
    val a = client.boolVariation(Flags.NEW_CHECKOUT, false) // want key="new-checkout" fallback=false type=bool
    val b = client.stringVariation("banner", null) // want key="banner" fallback=null type=string
    val of = OpenFeatureAPI.getClient()
    val c = of.getBooleanValue(defaultValue = true, key = "of-flag") // want key="of-flag" fallback=true type=bool
    val d = client.doubleVariation("ratio", -2.5) // want key="ratio" fallback=-2.5 type=number
    val e = client.stringVariation("tmpl", "hi $a") // want key="tmpl" dynamic
    val f = of.getLongValue(key = "quota", defaultValue = 10L) // want key="quota" fallback=10 type=number
}
