package com.acme.a;

public class Keys { public static final String SHARED = "java-a"; }
