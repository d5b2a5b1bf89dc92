using Microsoft.Extensions.Options;

namespace Chorus.Posts.Publishing;

/// <summary>Checks <see cref="PublishingOptions"/> at start-up, with one message per problem naming the setting to fix.</summary>
internal sealed class PublishingOptionsValidator : IValidateOptions<PublishingOptions>
{
    private const string Prefix = PublishingOptions.SectionName + ":";
    private const int MaxRetriesLimit = 10;
    private static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, PublishingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [.. Check(options)];
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Returns one message per problem, each naming the configuration key to fix.</summary>
    internal static IEnumerable<string> Check(PublishingOptions options)
    {
        if (options.HttpTimeout < MinTimeout || options.HttpTimeout > MaxTimeout)
        {
            yield return $"{Prefix}HttpTimeout must be between {MinTimeout} and {MaxTimeout} (got {options.HttpTimeout}).";
        }

        if (options.MaxRetries is < 0 or > MaxRetriesLimit)
        {
            yield return $"{Prefix}MaxRetries must be between 0 and {MaxRetriesLimit} (got {options.MaxRetries}).";
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > options.MaxRetryDelay)
        {
            yield return $"{Prefix}RetryDelay must be between 0 and {Prefix}MaxRetryDelay (got {options.RetryDelay}).";
        }

        if (options.MaxRetryDelay < TimeSpan.Zero || options.MaxRetryDelay > MaxWait)
        {
            yield return $"{Prefix}MaxRetryDelay must be between 0 and {MaxWait} (got {options.MaxRetryDelay}).";
        }

        if (!IsWebAddress(options.MastodonShareInstance))
        {
            yield return $"{Prefix}MastodonShareInstance must be an absolute http(s) address (got '{options.MastodonShareInstance}').";
        }

        Dictionary<Channel, string> served = [];
        foreach ((string name, PublishingAccountOptions account) in options.Accounts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            string at = $"{Prefix}Accounts:{name}:";
            if (account.Network is not { } network)
            {
                yield return $"{at}Network is required: mastodon, bluesky or x.";
                continue;
            }

            if (account.EffectiveBaseUrl is not { } baseUrl)
            {
                yield return $"{at}BaseUrl is required for Mastodon: the instance's address, e.g. https://mastodon.social.";
            }
            else if (!IsWebAddress(baseUrl))
            {
                yield return $"{at}BaseUrl must be an absolute http(s) address (got '{account.BaseUrl}').";
            }

            if (network == PublishingNetwork.Bluesky)
            {
                if (string.IsNullOrWhiteSpace(account.Identifier))
                {
                    yield return $"{at}Identifier is required for Bluesky: the account's handle or DID.";
                }

                if (string.IsNullOrWhiteSpace(account.AppPassword))
                {
                    yield return $"{at}AppPassword is required for Bluesky: an app password made under Settings, Privacy and security, App passwords.";
                }
            }
            else if (string.IsNullOrWhiteSpace(account.AccessToken))
            {
                yield return network == PublishingNetwork.Mastodon
                    ? $"{at}AccessToken is required for Mastodon: an application token with the write:statuses scope."
                    : $"{at}AccessToken is required for X: an OAuth 2.0 user access token with tweet.read, tweet.write and users.read.";
            }

            Channel channel = account.EffectiveChannel!.Value;
            if (served.TryGetValue(channel, out string? first))
            {
                yield return $"{at}Channel: the {channel} channel is already served by {Prefix}Accounts:{first}; give each channel at most one account.";
            }
            else
            {
                served[channel] = name;
            }
        }
    }

    private static bool IsWebAddress(Uri? uri) => uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
