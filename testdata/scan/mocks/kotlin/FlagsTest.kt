import com.launchdarkly.sdk.server.LDClient
import com.launchdarkly.sdk.LDContext
import io.mockk.every
import io.mockk.mockk
import io.mockk.verify

class FlagsTest {
    private val ldClient = mockk<LDClient>()
    private val context = LDContext.create("user-1")

    fun stubs() {
        every { ldClient.boolVariation("new-checkout", any(), false) } returns true
        verify(exactly = 1) { ldClient.boolVariation("new-checkout", context, false) }
        val on = ldClient.boolVariation("new-checkout", context, true) // want key="new-checkout" fallback=true
    }
}
