package com.example.hello

// Reduced from launchdarkly/hello-android MainActivity.kt: the key is a property of the activity class.
import com.launchdarkly.sdk.android.LDClient

class MainActivity {
    val BOOLEAN_FLAG_KEY = "sample-feature"

    fun onCreate() {
        val client = LDClient.get()
        val on = client.boolVariation(BOOLEAN_FLAG_KEY, false) // want key="sample-feature" fallback=false type=bool
    }
}
