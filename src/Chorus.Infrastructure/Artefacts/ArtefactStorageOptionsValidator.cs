using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Artefacts;

/// <summary>Checks <see cref="ArtefactStorageOptions"/> at start-up, with one message per problem naming the setting to fix.</summary>
internal sealed partial class ArtefactStorageOptionsValidator : IValidateOptions<ArtefactStorageOptions>
{
    private const string Prefix = ArtefactStorageOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, ArtefactStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [.. Check(options)];
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static IEnumerable<string> Check(ArtefactStorageOptions options)
    {
        bool hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        if (!hasConnectionString && options.BlobServiceUri is null)
        {
            yield return $"Set {Prefix}ConnectionString (a storage connection string, e.g. Azurite's) or {Prefix}BlobServiceUri "
                + "(e.g. https://<account>.blob.core.windows.net/, authenticated with DefaultAzureCredential).";
        }
        else if (hasConnectionString && options.BlobServiceUri is not null)
        {
            yield return $"Set only one of {Prefix}ConnectionString and {Prefix}BlobServiceUri: both are set, and it is not clear which account is meant.";
        }
        else if (hasConnectionString && !IsValidConnectionString(options.ConnectionString!))
        {
            // The value is a secret, so the message does not repeat it.
            yield return $"{Prefix}ConnectionString is not a valid storage connection string (expected 'DefaultEndpointsProtocol=...;AccountName=...;AccountKey=...' or 'UseDevelopmentStorage=true').";
        }
        else if (options.BlobServiceUri is { } uri && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            yield return $"{Prefix}BlobServiceUri must be an absolute http(s) URI such as https://<account>.blob.core.windows.net/ (got '{uri.OriginalString}').";
        }

        if (options.ContainerName is null || !ContainerName().IsMatch(options.ContainerName))
        {
            yield return $"{Prefix}ContainerName must be a valid Blob container name: 3-63 lowercase letters, digits and single hyphens, "
                + $"starting and ending with a letter or digit (got '{options.ContainerName}').";
        }
        else if (!TableName().IsMatch(options.ListTableName("mentions")))
        {
            // The longest of the list tables' names: if it is valid, so is the other.
            yield return $"{Prefix}TablePrefix must make valid table names: up to 55 letters and digits, starting with a letter (got '{options.ListTableName(string.Empty)}'"
                + (string.IsNullOrWhiteSpace(options.TablePrefix) ? $", made from {Prefix}ContainerName: set {Prefix}TablePrefix)." : ").");
        }

        if (!hasConnectionString && options.BlobServiceUri is { IsAbsoluteUri: true } && options.ListTableServiceUri is null)
        {
            yield return $"Set {Prefix}TableServiceUri (e.g. https://<account>.table.core.windows.net/): the list indexes live in the account's "
                + $"Table service, which cannot be told from {Prefix}BlobServiceUri '{options.BlobServiceUri}'.";
        }
        else if (options.TableServiceUri is { } table && (!table.IsAbsoluteUri || (table.Scheme != Uri.UriSchemeHttps && table.Scheme != Uri.UriSchemeHttp)))
        {
            yield return $"{Prefix}TableServiceUri must be an absolute http(s) URI such as https://<account>.table.core.windows.net/ (got '{table.OriginalString}').";
        }
    }

    private static bool IsValidConnectionString(string connectionString)
    {
        try
        {
            // Parsing only: the client does not touch the network until it is used.
            _ = new BlobServiceClient(connectionString);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ContainerName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
