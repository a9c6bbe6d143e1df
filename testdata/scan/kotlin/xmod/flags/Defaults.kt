package com.acme.flags

// CheckoutDefaults is not in a file of its own: found by the tree-wide index.
object CheckoutDefaults {
    const val ENABLED = false
    const val THEME = "light"
    const val LOOP_A = CheckoutLoop.B
}

object CheckoutLoop {
    const val B = CheckoutDefaults.LOOP_A
}
