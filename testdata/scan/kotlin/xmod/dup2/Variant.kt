package com.acme.dup2

object Variant { const val KEY = "kt-two" }
