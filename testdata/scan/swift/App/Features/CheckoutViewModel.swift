import Foundation
import LaunchDarkly
import OpenFeature

let newCheckoutKey = "new-checkout"

final class CheckoutViewModel {
    private let defaultTier = "free"

    func load() {
        let enabled = LDClient.get()?.boolVariation(forKey: newCheckoutKey, defaultValue: false) // want key="new-checkout" fallback=false type=bool
        let tier = LDClient.get()!.stringVariation(forKey: FlagKeys.pricing, defaultValue: "free") // want key="pricing-v2" fallback="free" type=string
        let ratio = LDClient.get()?.doubleVariationDetail( // want key="rate-limits" fallback=-1.5 type=number
            forKey: FlagKeys.limits,
            defaultValue: -1.5
        )
        let items = client.intVariation(forKey: "max-items", defaultValue: 10) // want key="max-items" fallback=10 type=number
        let tags = client.jsonVariation(forKey: "tags", defaultValue: ["a", "b"]) // want key="tags" fallback=["a","b"] type=json
        let dyn = client.boolVariation(forKey: "exp-\(userID)", defaultValue: remoteDefault) // want key=null dynamic
        // LDClient.get()?.boolVariation(forKey: "commented-out", defaultValue: true)
        let s = "client.boolVariation(forKey: \"in-a-string\", defaultValue: true)"
        let of = OpenFeatureAPI.shared.getClient()
        let dark = of.getBooleanValue(key: "dark-mode", defaultValue: true) // want key="dark-mode" fallback=true type=bool
        let theme = of.getStringDetails(key: "theme", defaultValue: "light") // want key="theme" fallback="light" type=string
        _ = (enabled, tier, ratio, items, tags, dyn, s, dark, theme)
    }
}
