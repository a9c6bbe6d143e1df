using LaunchDarkly.Sdk.Server;

class B {
  LdClient _ld;

  bool F(bool x) {
    var d = false;
    if (x) d = true;
    return _ld.BoolVariation("cs-flag", ctx, d); // want key="cs-flag" dynamic
  }

  bool G() {
    var e = true;
    return _ld.BoolVariation("cs-flag2", ctx, e); // want key="cs-flag2" fallback=true
  }
}
