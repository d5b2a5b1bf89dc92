using System.Collections.Concurrent;
using Chorus.Mentions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// Builds the connector for each configured source. All connectors send through the sources' client from
/// <see cref="IHttpClientFactory"/> (registered by <see cref="MentionServiceCollectionExtensions.AddMentionSources"/>,
/// with its resilience pipeline); each request carries a descriptive User-Agent, so that the people running an API can
/// tell who is calling and how to reach them.
/// </summary>
public sealed class MentionSourceFactory : IDisposable
{
    /// <summary>The Algolia base URL used for Kind HackerNews when no Endpoint is configured.</summary>
    internal static readonly Uri DefaultHackerNewsEndpoint = new("https://hn.algolia.com/");

    /// <summary>The API base URL used for Kind X when no Endpoint is configured.</summary>
    internal static readonly Uri DefaultXEndpoint = new("https://api.x.com/");

    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly BlueskyReachCache _blueskyReach;
    private readonly ConcurrentDictionary<string, MonthlyReadBudget> _budgets = new(StringComparer.Ordinal);

    /// <summary>Creates a factory whose connectors send through <paramref name="clients"/>' client named <c>Chorus.Mentions</c>.</summary>
    public MentionSourceFactory(IHttpClientFactory clients, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _clients = clients;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _blueskyReach = new BlueskyReachCache(_timeProvider);
    }

    /// <summary>Builds a connector for one source.</summary>
    /// <param name="name">The source's configured name (<c>Mentions:Sources:{name}</c>).</param>
    /// <param name="options">The source's settings.</param>
    /// <exception cref="ArgumentException">The settings are not valid; the message lists every problem.</exception>
    public IMentionSource Create(string name, MentionSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [.. MentionsOptionsValidator.CheckSource(name, options)];
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }

        if (!options.Enabled)
        {
            throw new ArgumentException($"{MentionsOptions.SectionName}:Sources:{name} is disabled (Enabled is false).", nameof(options));
        }

        _ = MentionsOptionsValidator.TryParseKind(options.Kind, out MentionSourceKind kind);
        SourceHttp http = new(_clients, name, _timeProvider);
        int cap = options.MaxItemsPerPoll;
        return kind switch
        {
            MentionSourceKind.Rss => new RssMentionSource(name, options.Endpoint!, cap, http),
            MentionSourceKind.Mastodon => new MastodonMentionSource(name, AsBase(options.Endpoint!), options.AccessToken!, cap, http),
            MentionSourceKind.Bluesky => new BlueskyMentionSource(
                name, AsBase(options.Endpoint!), options.Handle!, options.AppPassword!, Blank(options.Query), cap, http, _blueskyReach, _loggerFactory.CreateLogger<BlueskyMentionSource>()),
            MentionSourceKind.HackerNews => new HackerNewsMentionSource(name, AsBase(options.Endpoint ?? DefaultHackerNewsEndpoint), options.Query!, cap, http),
            MentionSourceKind.X => new XMentionSource(
                name, AsBase(options.Endpoint ?? DefaultXEndpoint), options.AccessToken!, Blank(options.UserId), Blank(options.Query), cap, Budget(name, options.MonthlyReadBudget), http),
            _ => throw new InvalidOperationException($"No connector for Kind {kind}."),
        };
    }

    /// <summary>Builds a connector for every enabled source, in name order.</summary>
    /// <exception cref="ArgumentException">A source's settings are not valid.</exception>
    public IReadOnlyList<IMentionSource> CreateAll(MentionsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. options.Sources
            .Where(source => source.Value.Enabled)
            .OrderBy(source => source.Key, StringComparer.Ordinal)
            .Select(source => Create(source.Key, source.Value))];
    }

    /// <summary>
    /// Gets the read budget of a source that has one (Kind X), to persist its <see cref="MonthlyReadBudget.Usage"/>
    /// after a poll or <see cref="MonthlyReadBudget.Restore"/> it at start.
    /// </summary>
    public bool TryGetReadBudget(string sourceName, out MonthlyReadBudget budget) =>
        _budgets.TryGetValue(sourceName, out budget!);

    /// <inheritdoc/>
    public void Dispose() => _blueskyReach.Dispose();

    /// <summary>A source created again under the same name keeps counting where it was.</summary>
    private MonthlyReadBudget Budget(string name, int limit) =>
        _budgets.AddOrUpdate(
            name,
            _ => new MonthlyReadBudget(limit, _timeProvider),
            (_, existing) =>
            {
                if (existing.Limit == limit)
                {
                    return existing;
                }

                MonthlyReadBudget resized = new(limit, _timeProvider);
                resized.Restore(existing.Usage);
                return resized;
            });

    /// <summary>Makes a base URL end in a slash, so that relative paths are appended to it rather than replacing its last segment.</summary>
    private static Uri AsBase(Uri endpoint) =>
        endpoint.AbsolutePath.EndsWith('/') ? endpoint : new UriBuilder(endpoint) { Path = endpoint.AbsolutePath + "/" }.Uri;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
