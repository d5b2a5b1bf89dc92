using Chorus.Mail;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Mail;

/// <summary>Checks <see cref="SmtpOptions"/> at start-up, with one message per problem naming the setting to fix.</summary>
internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    private const string Prefix = SmtpOptions.SectionName + ":";

    internal static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [.. Check(options)];
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static IEnumerable<string> Check(SmtpOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            yield return $"{Prefix}Host is required: the SMTP server to send through (e.g. smtp.example.com, or 127.0.0.1 for a local maildev).";
        }

        if (options.Port is < 1 or > 65535)
        {
            yield return $"{Prefix}Port must be between 1 and 65535 (got {options.Port}).";
        }

        if (options.SecureSocket is null || !SmtpOptions.SecureSocketValues.ContainsKey(options.SecureSocket))
        {
            yield return $"{Prefix}SecureSocket must be one of {string.Join(", ", SmtpOptions.SecureSocketValues.Keys)} (got '{options.SecureSocket}').";
        }

        if (string.IsNullOrEmpty(options.UserName) != string.IsNullOrEmpty(options.Password))
        {
            yield return $"Set both {Prefix}UserName and {Prefix}Password, or neither: only {(string.IsNullOrEmpty(options.UserName) ? "Password" : "UserName")} is set.";
        }

        if (string.IsNullOrWhiteSpace(options.FromAddress))
        {
            yield return $"{Prefix}FromAddress is required: the sender's email address, e.g. chorus@example.com.";
        }
        else if (!EmailAddress.IsValid(options.FromAddress))
        {
            yield return $"{Prefix}FromAddress must be a plain email address such as chorus@example.com, without a display name (set {Prefix}FromName for that) (got '{options.FromAddress}').";
        }

        if (options.Timeout < MinTimeout || options.Timeout > MaxTimeout)
        {
            yield return $"{Prefix}Timeout must be between {MinTimeout} and {MaxTimeout} (got {options.Timeout}).";
        }
    }
}
