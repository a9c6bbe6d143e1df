using LaunchDarkly.Sdk;
using LaunchDarkly.Sdk.Server;

namespace Vault.Core.Services;

public class LaunchDarklyToggles : IToggles, IDisposable
{
    private readonly LdClient _client;
    private readonly Context _context = Context.New("anonymous");

    public bool IsEnabled(string key, bool defaultValue = false) =>
        _client.BoolVariation(key, _context, defaultValue); // want key=null dynamic

    public int GetIntVariation(string key, int defaultValue = 0) =>
        _client.IntVariation(key, _context, defaultValue); // want key=null dynamic

    public void Dispose() => _client.Dispose();
}
