import LaunchDarkly

// The application's own wrapper around the SDK: callers never see the SDK.
final class FeatureFlags {
    private let client: LDClient

    init(client: LDClient) { self.client = client }

    // The key parameter is passed by position (`_`), the fallback by its label.
    func isOn(_ key: String, default d: Bool = false) -> Bool {
        client.boolVariation(forKey: key, defaultValue: d) // want key=null dynamic
    }

    // External and internal names differ: callers write `forKey:`.
    func text(forKey key: String, fallback: String = "none") -> String {
        let k = key
        return client.stringVariation(forKey: k, defaultValue: fallback) // want key=null dynamic
    }

    // A wrapper of the wrapper: key passed by the label `flag`, fallback fixed.
    func beta(flag: String) -> Bool {
        isOn(flag, default: true)
    }

    // The key fixed inside, the fallback passed by the caller.
    func darkMode(default d: Bool) -> Bool {
        client.boolVariation(forKey: "dark-mode", defaultValue: d) // want key="dark-mode" dynamic
    }

    func checkout() -> Bool {
        self.isOn(FlagKeys.newCheckout, default: true) // want key="new-checkout" fallback=true
    }
}
