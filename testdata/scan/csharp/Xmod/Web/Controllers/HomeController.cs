using LaunchDarkly.Sdk;
using LaunchDarkly.Sdk.Server;
using Demo.Shared.Config;

namespace Demo.Web.Controllers
{
    public class HomeController
    {
        private readonly LdClient _ld;

        public void Index(Context ctx)
        {
            var a = _ld.BoolVariation(DemoParameters.FeatureFlagKey, ctx, DemoParameters.DefaultOn); // want key="cs-demo-flag" fallback=false fallbackFile=Xmod/Shared/Config/DemoParameters.cs
            var b = _ld.StringVariation(PricingFlags.Tier, ctx, PricingFlags.TierDefault); // want key="cs-pricing-tier" fallback="free" fallbackFile=Xmod/Shared/Flags.cs
            var c = _ld.BoolVariation(Keys.Shared, ctx, false); // want key=null keyExpr=Keys.Shared
            var d = _ld.BoolVariation(Keys.Same, ctx, false); // want key="cs-same"
            var e = _ld.BoolVariation(Ping.Key, ctx, false); // want key=null keyExpr=Ping.Key
            var f = _ld.BoolVariation(Demo.Shared.Config.DemoParameters.FeatureFlagKey, ctx, true); // want key="cs-demo-flag" fallback=true
            var g = _ld.BoolVariation(settings.Key, ctx, false); // want key=null keyExpr=settings.Key
        }
    }
}
