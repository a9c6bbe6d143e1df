using Acme.Infrastructure;

namespace Acme.Services
{
    // No SDK import: the client comes from the application's own namespace,
    // and `_ldClient` could be either SDK's. The arguments decide.
    public class FlagReader
    {
        private readonly IAppFlags _ldClient;

        public FlagReader(IAppFlags ldClient) { _ldClient = ldClient; }

        public void Read(LaunchDarkly.Sdk.Context userContext, bool enabled)
        {
            var a = _ldClient.BoolVariation("dark-mode", userContext); // want key="dark-mode" fallback=false implicit type=bool
            var b = _ldClient.BoolVariation("beta-banner", true); // want key="beta-banner" fallback=true type=bool
            var c = _ldClient.StringVariation("theme", userContext, "light"); // want key="theme" fallback="light" type=string
            var d = _ldClient.BoolVariation("maybe-either", enabled); // want key="maybe-either" dynamic type=bool
            var e = _ldClient.IntVariation("page-size", 20); // want key="page-size" fallback=20 type=number
        }
    }
}
