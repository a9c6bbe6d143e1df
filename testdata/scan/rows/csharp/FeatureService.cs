using LaunchDarkly.Sdk;
using LaunchDarkly.Sdk.Server;
using LaunchDarkly.Sdk.Server.Interfaces;

namespace Acme.Services
{
    // The server SDK is imported, and the client's name also reads like the
    // client SDK's (`_ldClient`): the import decides.
    public class FeatureService
    {
        private readonly ILdClient _ldClient;

        public FeatureService(ILdClient ldClient) { _ldClient = ldClient; }

        public bool IsCheckoutOn(Context context) =>
            _ldClient.BoolVariation("new-checkout", context); // want key="new-checkout" fallback=false implicit type=bool

        public bool IsSearchOn(Context context) =>
            _ldClient.BoolVariation("fast-search", context, true); // want key="fast-search" fallback=true type=bool
    }
}
