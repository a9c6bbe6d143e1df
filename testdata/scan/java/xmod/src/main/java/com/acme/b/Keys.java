package com.acme.b;

public class Keys { public static final String SHARED = "java-b"; }
