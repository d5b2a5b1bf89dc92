using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Chorus.Approvals;

/// <summary>
/// Checks <see cref="ApprovalLinkOptions"/> at start-up. Messages name the setting to fix and never echo a secret,
/// because start-up failures end up in logs.
/// </summary>
internal sealed partial class ApprovalLinkOptionsValidator : IValidateOptions<ApprovalLinkOptions>
{
    private const string Prefix = ApprovalLinkOptions.SectionName + ":";
    private const string HowToMakeAKey = "generate one with 'openssl rand -base64 32'";

    public ValidateOptionsResult Validate(string? name, ApprovalLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [.. Check(options)];
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Returns whether a key id can travel in a token: it sits between dots, so it must not contain one.</summary>
    internal static bool IsWellFormedKeyId(ReadOnlySpan<char> keyId) => KeyIdPattern().IsMatch(keyId);

    /// <summary>Decodes a configured secret, or returns null when it is not base64.</summary>
    internal static byte[]? DecodeSecret(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        byte[] buffer = new byte[secret.Length];
        return Convert.TryFromBase64String(secret.Trim(), buffer, out int written) ? buffer[..written] : null;
    }

    /// <summary>Returns one message per problem, each naming the configuration key to fix.</summary>
    internal static IEnumerable<string> Check(ApprovalLinkOptions options)
    {
        if (options.SigningKeys.Count == 0)
        {
            yield return $"{Prefix}SigningKeys must list at least one signing key, as {Prefix}SigningKeys:<key id>=<base64 secret of at least {ApprovalLinkOptions.MinimumKeyBytes} bytes>; {HowToMakeAKey}.";
        }

        foreach ((string keyId, string secret) in options.SigningKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            if (!IsWellFormedKeyId(keyId))
            {
                yield return $"{Prefix}SigningKeys key id '{keyId}' is not allowed: use 1-32 letters, digits, '-' or '_' (it is carried in every link).";
            }

            byte[]? decoded = DecodeSecret(secret);
            if (decoded is null)
            {
                yield return $"{Prefix}SigningKeys:{keyId} must be a base64 secret; {HowToMakeAKey}.";
            }
            else if (decoded.Length < ApprovalLinkOptions.MinimumKeyBytes)
            {
                yield return $"{Prefix}SigningKeys:{keyId} decodes to {decoded.Length} bytes; it must be at least {ApprovalLinkOptions.MinimumKeyBytes} random bytes ({HowToMakeAKey}).";
            }
        }

        string configured = options.SigningKeys.Count == 0 ? "none are configured" : "configured: " + string.Join(", ", options.SigningKeys.Keys.Order(StringComparer.Ordinal));
        if (string.IsNullOrWhiteSpace(options.ActiveKeyId))
        {
            yield return $"{Prefix}ActiveKeyId is required: set it to the id of the key under {Prefix}SigningKeys that signs new links ({configured}).";
        }
        else if (!options.SigningKeys.ContainsKey(options.ActiveKeyId))
        {
            yield return $"{Prefix}ActiveKeyId '{options.ActiveKeyId}' is not one of the keys under {Prefix}SigningKeys ({configured}).";
        }

        if (options.LinkLifetime <= TimeSpan.Zero || options.LinkLifetime > ApprovalLinkOptions.MaxLinkLifetime)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{Prefix}LinkLifetime must be more than zero and at most {ApprovalLinkOptions.MaxLinkLifetime.TotalDays:0} days, e.g. 7.00:00:00 (got {options.LinkLifetime}).");
        }

        Uri? baseUrl = options.PublicBaseUrl;
        if (baseUrl is null)
        {
            yield return $"{Prefix}PublicBaseUrl is required: the absolute http(s) address approvers open, e.g. https://chorus.example.org/.";
        }
        else if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            yield return $"{Prefix}PublicBaseUrl must be an absolute http(s) address such as https://chorus.example.org/ (got '{baseUrl.OriginalString}').";
        }
        else if (!string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment) || !string.IsNullOrEmpty(baseUrl.UserInfo))
        {
            yield return $"{Prefix}PublicBaseUrl must not have a query, fragment or user info; links are built as <PublicBaseUrl>approvals/<token>. (The value is not repeated here because user info may hold a password.)";
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();
}
