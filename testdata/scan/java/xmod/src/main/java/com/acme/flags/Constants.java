package com.acme.flags;

// Defaults is not in a file of its own: found by the tree-wide index.
interface Defaults {
    String BANNER = "java-banner";
}
