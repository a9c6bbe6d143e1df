using LaunchDarkly.Sdk;
using LaunchDarkly.Sdk.Server;

namespace Example.Dotnet
{
    public class Theme
    {
        private readonly LdClient _client;

        public Theme(LdClient client) { _client = client; }

        // Fresh: experimental-feature is a 50/50 rollout; the off variation false is the safest.
        public bool Experimental(Context context) => _client.BoolVariation("experimental-feature", context, false);

        // Dynamic: the fallback is computed, so it is noted, not compared.
        public string Banner(Context context, string fallback) => _client.StringVariation("pricing-banner-text", context, fallback);
    }
}
