using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Chorus.Host.LocalDevelopment;

/// <summary>
/// DataProtection keys in the run command's dev folder, so whatever is protected with them (cookies, antiforgery
/// tokens) survives a restart. Nothing in Chorus protects data with them today (API keys and bearer tokens are
/// stateless, approval pages are bound to signed links), but authentication registers DataProtection and would
/// otherwise make a key under the user's profile, or an ephemeral one, and warn at start.
/// </summary>
internal static class LocalDataProtection
{
    public static IServiceCollection KeepDataProtectionKeysIn(this IServiceCollection services, string folder)
    {
        services.AddDataProtection().SetApplicationName("Chorus").PersistKeysToFileSystem(new DirectoryInfo(folder));

        // The keys sit unencrypted in the owner-only dev folder, as the dev keys beside them do: a certificate kept in
        // the same folder would protect nothing. Choosing that explicitly is what replaces the "No XML encryptor
        // configured" warning.
        services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = new NullXmlEncryptor());
        return services;
    }
}
