import LaunchDarkly

func checkoutEnabled() -> Bool {
    return LDClient.get()!.boolVariation(forKey: "checkout-api", defaultValue: true)
}

func banner() -> String {
    return LDClient.get()!.stringVariation(forKey: "banner-text", defaultValue: "Hello")
}
