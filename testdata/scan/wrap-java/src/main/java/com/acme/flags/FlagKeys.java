package com.acme.flags;

public interface FlagKeys {
    String NEW_CHECKOUT = "new-checkout";
    String DARK_MODE = "dark-mode";
}
