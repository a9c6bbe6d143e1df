package com.acme.flags;

class Cycle { static final String KEY = Other.KEY; }
class Other { static final String KEY = Cycle.KEY; }
