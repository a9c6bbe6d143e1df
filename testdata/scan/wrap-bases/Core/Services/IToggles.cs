namespace Vault.Core.Services;

// The application's feature interface: its name is not the implementation's.
public interface IToggles
{
    bool IsEnabled(string key, bool defaultValue = false);
    int GetIntVariation(string key, int defaultValue = 0);
}

// Another service with a method of the same name, unrelated to flags.
public interface ILogLevels
{
    bool IsEnabled(string level);
}
