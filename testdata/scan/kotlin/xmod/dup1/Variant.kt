package com.acme.dup1

object Variant { const val KEY = "kt-one" }
