using LaunchDarkly.Sdk;
using LaunchDarkly.Sdk.Server.Interfaces;

namespace Portal.Services
{
    public interface IFeatureService
    {
        bool IsEnabled(string key, bool defaultValue = false);
    }

    // The application's wrapper: views ask it through the interface.
    public class LaunchDarklyFeatureService : IFeatureService
    {
        private readonly ILdClient _client;

        public LaunchDarklyFeatureService(ILdClient client) { _client = client; }

        public bool IsEnabled(string key, bool defaultValue = false) =>
            _client.BoolVariation(key, Context.New("portal"), defaultValue); // want key=null dynamic
    }

    // Another service with a method of the same name: not the wrapper.
    public class OptionsService
    {
        public bool IsEnabled(string name) => name.Length > 0;
    }
}
