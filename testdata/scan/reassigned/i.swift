import LaunchDarkly

func f(x: Bool) -> Bool {
  var d = false
  if x { d = true }
  return LDClient.get()!.boolVariation(forKey: "swift-flag", defaultValue: d) // want key="swift-flag" dynamic
}
