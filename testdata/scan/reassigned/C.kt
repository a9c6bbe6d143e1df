import com.launchdarkly.sdk.server.LDClient

class C(val ld: LDClient) {
  fun f(x: Boolean): Boolean {
    var d = false
    if (x) d = true
    return ld.boolVariation("kt-flag", ctx, d) // want key="kt-flag" dynamic
  }

  fun g(): Boolean {
    val e = true
    return ld.boolVariation("kt-flag2", ctx, e) // want key="kt-flag2" fallback=true
  }
}
