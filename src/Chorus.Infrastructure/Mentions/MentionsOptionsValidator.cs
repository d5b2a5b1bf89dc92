using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Mentions;

/// <summary>Checks <see cref="MentionsOptions"/> at start-up, with one message per problem naming the setting to fix.</summary>
internal sealed partial class MentionsOptionsValidator : IValidateOptions<MentionsOptions>
{
    private const string Prefix = MentionsOptions.SectionName + ":";
    private const int MaxItemsLimit = 10_000;

    internal static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);

    private const int MaxRetriesLimit = 10;
    private const int MinCircuitRequests = 2;
    private const int MaxCircuitRequests = 1_000;
    private static readonly TimeSpan MaxRetryDelayLimit = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxRetryWaitLimit = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaxTotalTimeout = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan MinBreak = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBreak = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, MentionsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [.. Check(options)];
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static IEnumerable<string> Check(MentionsOptions options)
    {
        if (options.HttpTimeout < MinTimeout || options.HttpTimeout > MaxTimeout)
        {
            yield return $"{Prefix}HttpTimeout must be between {MinTimeout} and {MaxTimeout} (got {options.HttpTimeout}).";
        }

        foreach (string failure in CheckResilience(options.Resilience, options.HttpTimeout))
        {
            yield return failure;
        }

        foreach ((string name, MentionSourceOptions source) in options.Sources.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            foreach (string failure in CheckSource(name, source))
            {
                yield return failure;
            }
        }
    }

    private static IEnumerable<string> CheckResilience(MentionsResilienceOptions resilience, TimeSpan attemptTimeout)
    {
        const string At = Prefix + "Resilience:";
        if (resilience.MaxRetries is < 0 or > MaxRetriesLimit)
        {
            yield return $"{At}MaxRetries must be between 0 and {MaxRetriesLimit} (got {resilience.MaxRetries}).";
        }

        if (resilience.RetryDelay < TimeSpan.Zero || resilience.RetryDelay > MaxRetryDelayLimit)
        {
            yield return $"{At}RetryDelay must be between {TimeSpan.Zero} and {MaxRetryDelayLimit} (got {resilience.RetryDelay}).";
        }

        if (resilience.MaxRetryDelay < resilience.RetryDelay || resilience.MaxRetryDelay > MaxRetryWaitLimit)
        {
            yield return $"{At}MaxRetryDelay must be at least {At}RetryDelay ({resilience.RetryDelay}) and at most {MaxRetryWaitLimit} (got {resilience.MaxRetryDelay}).";
        }

        if (resilience.TotalTimeout < attemptTimeout || resilience.TotalTimeout > MaxTotalTimeout)
        {
            yield return $"{At}TotalTimeout must be at least {Prefix}HttpTimeout ({attemptTimeout}) and at most {MaxTotalTimeout} (got {resilience.TotalTimeout}).";
        }

        if (resilience.CircuitMinimumRequests is < MinCircuitRequests or > MaxCircuitRequests)
        {
            yield return $"{At}CircuitMinimumRequests must be between {MinCircuitRequests} and {MaxCircuitRequests} (got {resilience.CircuitMinimumRequests}).";
        }

        if (resilience.CircuitBreakDuration < MinBreak || resilience.CircuitBreakDuration > MaxBreak)
        {
            yield return $"{At}CircuitBreakDuration must be between {MinBreak} and {MaxBreak} (got {resilience.CircuitBreakDuration}).";
        }
    }

    internal static IEnumerable<string> CheckSource(string name, MentionSourceOptions source)
    {
        string at = $"{Prefix}Sources:{name}:";
        if (!SourceName().IsMatch(name))
        {
            yield return $"{Prefix}Sources:{name} is not a valid source name: use 1-40 lowercase letters, digits and hyphens (the name becomes a blob path segment).";
        }

        // A disabled source may be half-configured: it is parked until someone finishes it.
        if (!source.Enabled)
        {
            yield break;
        }

        if (CronSchedule.Check(at + "Schedule", source.Schedule) is { } schedule)
        {
            yield return schedule;
        }

        if (source.MaxItemsPerPoll is < 1 or > MaxItemsLimit)
        {
            yield return $"{at}MaxItemsPerPoll must be between 1 and {MaxItemsLimit} (got {source.MaxItemsPerPoll}).";
        }

        if (source.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)))
        {
            yield return $"{at}Endpoint must be an absolute http(s) URL (got '{endpoint.OriginalString}').";
        }

        if (string.IsNullOrWhiteSpace(source.Kind))
        {
            yield return $"{at}Kind is required: one of {KindNames}.";
            yield break;
        }

        if (!TryParseKind(source.Kind, out MentionSourceKind kind))
        {
            yield return $"{at}Kind must be one of {KindNames} (got '{source.Kind}').";
            yield break;
        }

        foreach (string failure in CheckKind(at, kind, source))
        {
            yield return failure;
        }
    }

    internal static bool TryParseKind(string? value, out MentionSourceKind kind) =>
        Enum.TryParse(value, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(value, out _);

    private static string KindNames => string.Join(", ", Enum.GetNames<MentionSourceKind>());

    private static IEnumerable<string> CheckKind(string at, MentionSourceKind kind, MentionSourceOptions source)
    {
        switch (kind)
        {
            case MentionSourceKind.Rss:
                if (source.Endpoint is null)
                {
                    yield return $"{at}Endpoint is required for Kind Rss: the feed's URL, e.g. a Google Alerts feed.";
                }

                break;

            case MentionSourceKind.Mastodon:
                if (source.Endpoint is null)
                {
                    yield return $"{at}Endpoint is required for Kind Mastodon: the instance's base URL, e.g. https://mastodon.social/.";
                }

                if (string.IsNullOrWhiteSpace(source.AccessToken))
                {
                    yield return $"{at}AccessToken is required for Kind Mastodon: a token of the monitored account with the read:notifications scope.";
                }

                break;

            case MentionSourceKind.Bluesky:
                if (source.Endpoint is null)
                {
                    yield return $"{at}Endpoint is required for Kind Bluesky: the account's PDS or an AppView base URL, e.g. https://bsky.social/.";
                }

                if (string.IsNullOrWhiteSpace(source.Handle))
                {
                    yield return $"{at}Handle is required for Kind Bluesky: the account to sign in as, e.g. chorus.bsky.social.";
                }

                if (string.IsNullOrWhiteSpace(source.AppPassword))
                {
                    yield return $"{at}AppPassword is required for Kind Bluesky: an app password created in the account's settings.";
                }

                break;

            case MentionSourceKind.HackerNews:
                if (string.IsNullOrWhiteSpace(source.Query))
                {
                    yield return $"{at}Query is required for Kind HackerNews: the search terms, e.g. the company's name.";
                }

                break;

            case MentionSourceKind.X:
                foreach (string failure in CheckX(at, source))
                {
                    yield return failure;
                }

                break;

            default:
                throw new InvalidOperationException($"No checks for Kind {kind}.");
        }
    }

    private static IEnumerable<string> CheckX(string at, MentionSourceOptions source)
    {
        if (string.IsNullOrWhiteSpace(source.AccessToken))
        {
            yield return $"{at}AccessToken is required for Kind X: the app's bearer token.";
        }

        bool hasUser = !string.IsNullOrWhiteSpace(source.UserId);
        bool hasQuery = !string.IsNullOrWhiteSpace(source.Query);
        if (hasUser == hasQuery)
        {
            yield return hasUser
                ? $"Set only one of {at}UserId and {at}Query for Kind X: both are set, and it is not clear whether to read the account's mentions or to search."
                : $"Set {at}UserId (the numeric id of the account whose mentions are read) or {at}Query (search terms) for Kind X.";
        }
        else if (hasUser && !source.UserId!.All(char.IsAsciiDigit))
        {
            yield return $"{at}UserId must be the account's numeric id, not its handle (got '{source.UserId}').";
        }

        if (source.MonthlyReadBudget < 1)
        {
            yield return $"{at}MonthlyReadBudget must be at least 1 (got {source.MonthlyReadBudget}).";
        }
    }

    [GeneratedRegex(@"^[a-z0-9-]{1,40}\z")]
    private static partial Regex SourceName();
}
