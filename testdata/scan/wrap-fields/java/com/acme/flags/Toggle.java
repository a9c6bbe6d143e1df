package com.acme.flags;

// The constructor stores the key; isActive evaluates it through Flags.
public class Toggle {
    private final String key;
    private final Flags flags;

    public Toggle(Flags flags, String key) {
        this.flags = flags;
        this.key = key;
    }

    public boolean isActive() {
        return flags.on(key);
    }
}

// A record component is the field itself.
record Gate(Flags flags, String flagKey) {
    boolean open() {
        return flags.on(flagKey);
    }
}

// Not a wrapper: the key field is assigned twice.
class Switchable {
    private String key;
    private final Flags flags;

    Switchable(Flags flags, String key) {
        this.flags = flags;
        this.key = key;
    }

    void use(String other) {
        this.key = other;
    }

    boolean isActive() {
        return flags.on(key); // want key=null
    }
}
