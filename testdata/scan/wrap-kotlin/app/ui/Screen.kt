package app.ui

import app.flags.FlagKeys
import app.flags.Flags

class Screen(private val flags: Flags, private val prefs: Preferences) {
    fun render() {
        // The default is declared on the interface only: not followed (dynamic, never a guess).
        if (flags.isOn(FlagKeys.NEW_CHECKOUT)) { // want key="new-checkout" dynamic
        }
        val t = flags.theme("app-theme") // want key="app-theme" fallback="light"
        // Another object's isOn: a preference, not a flag.
        prefs.isOn("sound")
        listOf("a").forEach { flag -> flags.isOn(flag, true) } // want key=null fallback=true
    }
}
