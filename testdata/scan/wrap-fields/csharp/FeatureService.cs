using LaunchDarkly.Sdk;
using LaunchDarkly.Sdk.Server.Interfaces;

namespace Store.Core
{
    public interface IFeatureService
    {
        bool IsEnabled(string key);
    }

    public class FeatureService : IFeatureService
    {
        private readonly ILdClient _client;
        private readonly Context _context = Context.New("svc");

        public FeatureService(ILdClient client) { _client = client; }

        public bool IsEnabled(string key) => _client.BoolVariation(key, _context); // want key=null fallback=false implicit
    }

    public static class Keys
    {
        public const string Reports = "reports-v2";
        public const string Invites = "invite-links";
        public const string Vault = "vault-access";
        public const string Audit = "audit-log";
    }
}
