import com.launchdarkly.sdk.server.LDClient;

class A {
  LDClient ld;

  boolean f(boolean x) {
    boolean d = false;
    if (x) { d = true; }
    return ld.boolVariation("java-flag", ctx, d); // want key="java-flag" dynamic
  }

  boolean g() {
    boolean e = true;
    return ld.boolVariation("java-flag2", ctx, e); // want key="java-flag2" fallback=true
  }

  int h() {
    int limit = 10;
    limit++;
    return ld.intVariation("java-limit", ctx, limit); // want key="java-limit" dynamic
  }
}
