// Pre-v6 server SDK (namespace LaunchDarkly.Client, User instead of Context) and the
// pre-v2 Xamarin client SDK, whose files import both namespaces.
using LaunchDarkly.Client;
using LaunchDarkly.Xamarin;

namespace Legacy
{
    public class Old
    {
        public bool Run(LdClient server, ILdMobileClient mobile, User user)
        {
            var a = server.BoolVariation("old-server", user, true); // want key="old-server" fallback=true type=bool
            var b = mobile.BoolVariation("old-mobile", true); // want key="old-mobile" fallback=true type=bool
            var c = mobile.IntVariation("old-limit"); // want key="old-limit" fallback=0 implicit type=number
            return a && b && c > 0;
        }
    }
}
