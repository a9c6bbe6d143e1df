package com.acme.flags;

public class Checkout {
    private final Flags flags;

    Checkout(Flags flags) {
        this.flags = flags;
    }

    boolean run() {
        Toggle t = new Toggle(flags, Flags.CHECKOUT); // want key="java-checkout" fallback=false
        Gate g = new Gate(flags, "java-gate"); // want key="java-gate" fallback=false
        Switchable s = new Switchable(flags, "java-switch");
        return t.isActive() && g.open() && s.isActive();
    }
}
