import UIKit

// An unrelated class with a method of the same name: not a flag.
final class Preferences {
    func isOn(_ key: String, default d: Bool = false) -> Bool { UserDefaults.standard.bool(forKey: key) }
}

final class Screen {
    let flags: FeatureFlags
    let prefs: Preferences

    init(flags: FeatureFlags, prefs: Preferences) {
        self.flags = flags
        self.prefs = prefs
    }

    func render() {
        let a = flags.isOn(FlagKeys.pricing, default: true) // want key="pricing-v2" fallback=true type=bool
        let b = flags.isOn("new-onboarding") // want key="new-onboarding" fallback=false type=bool
        let c = flags.text(forKey: "banner") // want key="banner" fallback="none" type=string
        let d = flags.text(forKey: "title", fallback: "Hello") // want key="title" fallback="Hello" type=string
        let e = flags.beta(flag: "beta-search") // want key="beta-search" fallback=true type=bool
        let f = flags.darkMode(default: false) // want key="dark-mode" fallback=false type=bool
        let g = prefs.isOn("sound", default: true)
        _ = (a, b, c, d, e, f, g)
    }
}
