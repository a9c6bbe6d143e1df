package com.acme.flags

object FeatureFlags {
    const val NEW_CHECKOUT = "kt-new-checkout"
    const val DARK_MODE = "kt-dark-mode"
}
