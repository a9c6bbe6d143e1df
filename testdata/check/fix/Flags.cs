using LaunchDarkly.Sdk;
using LaunchDarkly.Sdk.Server;

public class Flags
{
    private readonly LdClient _client;

    public Flags(LdClient client) { _client = client; }

    public bool Checkout(Context ctx) => _client.BoolVariation("checkout-api", ctx, true);

    public string Banner(Context ctx) => _client.StringVariation("banner-text", ctx, "Hello");
}
