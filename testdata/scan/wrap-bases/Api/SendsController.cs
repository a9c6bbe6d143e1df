using Vault.Core;
using Vault.Core.Services;

namespace Vault.Api;

// The service is injected as the interface the wrapper's class implements.
public class SendsController(IToggles toggles, ILogLevels levels)
{
    private readonly IToggles _featureService = toggles;

    public bool Limited() => _featureService.IsEnabled(FlagKeys.SendLimits); // want key="send-limits" fallback=false

    public int Seats() => toggles.GetIntVariation(FlagKeys.MaxSeats, 10); // want key="max-seats" fallback=10

    // Another interface's IsEnabled: not a flag.
    public bool Verbose() => levels.IsEnabled("debug");
}
