// Decoy: another vendor's SDK with LaunchDarkly-like method names.
import Flagship

let flag = visitor.boolVariation(forKey: "not-launchdarkly", defaultValue: false)
let of = visitor.getBooleanValue(key: "not-openfeature", defaultValue: true)
