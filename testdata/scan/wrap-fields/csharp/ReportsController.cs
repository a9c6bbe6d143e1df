using Store.Core;
using Store.Filters;

namespace Store.Api
{
    [FlagGate(Keys.Reports)] // want key="reports-v2" fallback=false method=FlagGate
    public class ReportsController : Controller
    {
        [FlagGateAttribute(Keys.Invites)] // want key="invite-links" fallback=false
        public IActionResult Invite() => Ok();

        [HttpGet, FlagGate("inline-flag")] // want key="inline-flag" fallback=false
        public IActionResult Inline() => Ok();

        // A named property argument sets a member after the construction: not followed.
        [FlagGate(Order = 2)]
        public IActionResult Ordered() => Ok();

        [RetargetableGate(Keys.Audit)]
        [PermissionGate("reports.read")]
        public IActionResult Audit() => Ok();

        public void Map(RouteGroupBuilder group)
        {
            group.RequireFlag(Keys.Vault); // want key="vault-access" fallback=false
            var filter = new FlagGateEndpointFilter("direct-filter"); // want key="direct-filter" fallback=false
        }
    }
}
