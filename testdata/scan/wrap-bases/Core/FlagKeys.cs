namespace Vault.Core;

public static class FlagKeys
{
    public const string SendLimits = "send-limits";
    public const string MaxSeats = "max-seats";
}
