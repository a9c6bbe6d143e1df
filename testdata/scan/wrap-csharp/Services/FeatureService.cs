using LaunchDarkly.Sdk;
using LaunchDarkly.Sdk.Server.Interfaces;

namespace Shop.Services
{
    public interface IFeatureService
    {
        bool IsEnabled(string flagKey, bool defaultValue = false);
    }

    public class FeatureService : IFeatureService
    {
        private readonly ILdClient _ldClient;
        private readonly Context _context;

        public FeatureService(ILdClient ldClient)
        {
            _ldClient = ldClient;
            _context = Context.New("anonymous");
        }

        public bool IsEnabled(string flagKey, bool defaultValue = false) =>
            _ldClient.BoolVariation(flagKey, _context, defaultValue); // want key=null dynamic

        public string Theme(string flagKey) => _ldClient.StringVariation(flagKey, _context, "light"); // want key=null fallback="light"
    }
}
