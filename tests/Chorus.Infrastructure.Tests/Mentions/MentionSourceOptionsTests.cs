using Chorus.Infrastructure.Mentions;
using Chorus.Mentions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary><c>AddMentionSources</c>: the <c>Mentions</c> section, its start-up validation, and the sources it registers.</summary>
public sealed class MentionSourceOptionsTests
{
    private static readonly Dictionary<string, string?> EverySource = new()
    {
        ["Mentions:HttpTimeout"] = "00:00:20",
        ["Mentions:Sources:google-alerts:Kind"] = "Rss",
        ["Mentions:Sources:google-alerts:Schedule"] = "*/30 * * * *",
        ["Mentions:Sources:google-alerts:Endpoint"] = "https://www.google.com/alerts/feeds/00244493797674210195/10094940863257283524",
        ["Mentions:Sources:mastodon:Kind"] = "Mastodon",
        ["Mentions:Sources:mastodon:Schedule"] = "*/5 * * * *",
        ["Mentions:Sources:mastodon:Endpoint"] = "https://mastodon.social",
        ["Mentions:Sources:mastodon:AccessToken"] = "mastodon-token",
        ["Mentions:Sources:bluesky:Kind"] = "bluesky",
        ["Mentions:Sources:bluesky:Schedule"] = "0 */5 * * * *",
        ["Mentions:Sources:bluesky:Endpoint"] = "https://bsky.social/",
        ["Mentions:Sources:bluesky:Handle"] = "acme.bsky.social",
        ["Mentions:Sources:bluesky:AppPassword"] = "abcd-efgh-ijkl-mnop",
        ["Mentions:Sources:hn:Kind"] = "HackerNews",
        ["Mentions:Sources:hn:Schedule"] = "0 * * * *",
        ["Mentions:Sources:hn:Query"] = "acme",
        ["Mentions:Sources:hn:MaxItemsPerPoll"] = "50",
        ["Mentions:Sources:x-mentions:Kind"] = "X",
        ["Mentions:Sources:x-mentions:Schedule"] = "0 */2 * * *",
        ["Mentions:Sources:x-mentions:AccessToken"] = "x-bearer",
        ["Mentions:Sources:x-mentions:UserId"] = "1612345678901234567",
        ["Mentions:Sources:x-mentions:MonthlyReadBudget"] = "1500",
        ["Mentions:Sources:x-search:Kind"] = "X",
        ["Mentions:Sources:x-search:Schedule"] = "0 */2 * * *",
        ["Mentions:Sources:x-search:AccessToken"] = "x-bearer",
        ["Mentions:Sources:x-search:Query"] = "acme -is:retweet",
        ["Mentions:Sources:x-search:Enabled"] = "false",
    };

    [Fact]
    public void Every_kind_binds_from_the_section_and_the_rest_defaults()
    {
        MentionsOptions options = Register(EverySource).CreateOptions<MentionsOptions>();

        Assert.Equal(TimeSpan.FromSeconds(20), options.HttpTimeout);
        Assert.Equal(["bluesky", "google-alerts", "hn", "mastodon", "x-mentions", "x-search"], options.Sources.Keys.Order(StringComparer.Ordinal));
        MentionSourceOptions mastodon = options.Sources["mastodon"];
        Assert.Equal(("Mastodon", "*/5 * * * *", new Uri("https://mastodon.social"), "mastodon-token"), (mastodon.Kind, mastodon.Schedule, mastodon.Endpoint, mastodon.AccessToken));
        Assert.Equal((200, 10_000, true), (mastodon.MaxItemsPerPoll, mastodon.MonthlyReadBudget, mastodon.Enabled));
        Assert.Equal(("acme.bsky.social", "abcd-efgh-ijkl-mnop"), (options.Sources["bluesky"].Handle, options.Sources["bluesky"].AppPassword));
        Assert.Equal(("acme", 50, (Uri?)null), (options.Sources["hn"].Query, options.Sources["hn"].MaxItemsPerPoll, options.Sources["hn"].Endpoint));
        Assert.Equal(("1612345678901234567", 1500), (options.Sources["x-mentions"].UserId, options.Sources["x-mentions"].MonthlyReadBudget));
        Assert.False(options.Sources["x-search"].Enabled);
    }

    [Fact]
    public void No_sources_is_valid()
    {
        MentionsOptions options = Register([]).CreateOptions<MentionsOptions>();

        Assert.Empty(options.Sources);
        Assert.Equal(TimeSpan.FromSeconds(30), options.HttpTimeout);
    }

    [Fact]
    public void The_registered_enumerable_holds_a_connector_for_each_enabled_source_and_validation_runs_at_start()
    {
        IServiceCollection services = Register(EverySource);
        using ServiceProvider provider = services.BuildServiceProvider();

        IEnumerable<IMentionSource> sources = provider.GetRequiredService<IEnumerable<IMentionSource>>();

        Assert.Collection(
            sources,
            source => Assert.Equal("bluesky", Assert.IsType<BlueskyMentionSource>(source).Name),
            source => Assert.Equal("google-alerts", Assert.IsType<RssMentionSource>(source).Name),
            source => Assert.Equal("hn", Assert.IsType<HackerNewsMentionSource>(source).Name),
            source => Assert.Equal("mastodon", Assert.IsType<MastodonMentionSource>(source).Name),
            source => Assert.Equal("x-mentions", Assert.IsType<XMentionSource>(source).Name));
        MentionSourceFactory factory = provider.GetRequiredService<MentionSourceFactory>();
        Assert.True(factory.TryGetReadBudget("x-mentions", out MonthlyReadBudget budget));
        Assert.Equal(1500, budget.Limit);
        Assert.False(factory.TryGetReadBudget("hn", out _));
        Assert.Contains(services, d => d.ServiceType == typeof(IStartupValidator));
    }

    [Fact]
    public void The_sources_client_has_the_total_timeout_and_a_cap_on_what_it_buffers()
    {
        using ServiceProvider provider = Register(new() { ["Mentions:Resilience:TotalTimeout"] = "00:04:00" }).BuildServiceProvider();

        using HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(SourceHttp.ClientName);

        Assert.Equal((TimeSpan.FromMinutes(4), 16L * 1024 * 1024), (client.Timeout, client.MaxResponseContentBufferSize));
    }

    [Theory]
    [InlineData("Acme", "Mentions:Sources:Acme is not a valid source name: use 1-40 lowercase letters, digits and hyphens (the name becomes a blob path segment).")]
    [InlineData("a_b", "Mentions:Sources:a_b is not a valid source name: use 1-40 lowercase letters, digits and hyphens (the name becomes a blob path segment).")]
    [InlineData("a-name-that-is-far-too-long-to-be-a-path-x", "Mentions:Sources:a-name-that-is-far-too-long-to-be-a-path-x is not a valid source name: use 1-40 lowercase letters, digits and hyphens (the name becomes a blob path segment).")]
    public void A_source_name_that_cannot_be_a_path_segment_fails_start_up(string name, string message) =>
        Assert.Equal(message, Failure(new() { [$"Mentions:Sources:{name}:Kind"] = "HackerNews", [$"Mentions:Sources:{name}:Schedule"] = "0 * * * *", [$"Mentions:Sources:{name}:Query"] = "acme" }));

    [Fact]
    public void A_forty_character_name_is_fine()
    {
        string name = new('a', 40);

        MentionsOptions options = Register(new() { [$"Mentions:Sources:{name}:Kind"] = "HackerNews", [$"Mentions:Sources:{name}:Schedule"] = "0 * * * *", [$"Mentions:Sources:{name}:Query"] = "acme" })
            .CreateOptions<MentionsOptions>();

        Assert.Single(options.Sources);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Each_problem_fails_start_up_naming_the_setting(string kind, Dictionary<string, string?> settings, string message)
    {
        Dictionary<string, string?> all = new() { ["Mentions:Sources:src:Kind"] = kind, ["Mentions:Sources:src:Schedule"] = "*/10 * * * *" };
        foreach ((string key, string? value) in settings)
        {
            all[$"Mentions:Sources:src:{key}"] = value;
        }

        Assert.Equal(message, Failure(all));
    }

    public static TheoryData<string, Dictionary<string, string?>, string> Problems() => new()
    {
        { string.Empty, [], "Mentions:Sources:src:Kind is required: one of Rss, Mastodon, Bluesky, HackerNews, X." },
        { "Reddit", [], "Mentions:Sources:src:Kind must be one of Rss, Mastodon, Bluesky, HackerNews, X (got 'Reddit')." },
        { "1", [], "Mentions:Sources:src:Kind must be one of Rss, Mastodon, Bluesky, HackerNews, X (got '1')." },
        { "HackerNews", new() { ["Query"] = "acme", ["Schedule"] = " " }, "Mentions:Sources:src:Schedule is required: a cron expression with 5 or 6 fields, e.g. '*/15 * * * *'." },
        { "HackerNews", new() { ["Query"] = "acme", ["Schedule"] = "every 5 minutes" }, "Mentions:Sources:src:Schedule 'every 5 minutes' is not a cron expression: use 5 fields (minute hour day month weekday, e.g. '*/15 * * * *') or 6 with seconds first, in UTC." },
        { "HackerNews", new() { ["Query"] = "acme", ["Schedule"] = "*/61 * * * *" }, "Mentions:Sources:src:Schedule '*/61 * * * *' is not a cron expression: use 5 fields (minute hour day month weekday, e.g. '*/15 * * * *') or 6 with seconds first, in UTC." },
        { "Rss", [], "Mentions:Sources:src:Endpoint is required for Kind Rss: the feed's URL, e.g. a Google Alerts feed." },
        { "Rss", new() { ["Endpoint"] = "feeds/acme.xml" }, "Mentions:Sources:src:Endpoint must be an absolute http(s) URL (got 'feeds/acme.xml')." },
        { "Rss", new() { ["Endpoint"] = "ftp://example.com/feed.xml" }, "Mentions:Sources:src:Endpoint must be an absolute http(s) URL (got 'ftp://example.com/feed.xml')." },
        { "Mastodon", new() { ["AccessToken"] = "t" }, "Mentions:Sources:src:Endpoint is required for Kind Mastodon: the instance's base URL, e.g. https://mastodon.social/." },
        { "Mastodon", new() { ["Endpoint"] = "https://mastodon.social/" }, "Mentions:Sources:src:AccessToken is required for Kind Mastodon: a token of the monitored account with the read:notifications scope." },
        { "Bluesky", new() { ["Handle"] = "a.bsky.social", ["AppPassword"] = "p" }, "Mentions:Sources:src:Endpoint is required for Kind Bluesky: the account's PDS or an AppView base URL, e.g. https://bsky.social/." },
        { "Bluesky", new() { ["Endpoint"] = "https://bsky.social/", ["AppPassword"] = "p" }, "Mentions:Sources:src:Handle is required for Kind Bluesky: the account to sign in as, e.g. chorus.bsky.social." },
        { "Bluesky", new() { ["Endpoint"] = "https://bsky.social/", ["Handle"] = "a.bsky.social" }, "Mentions:Sources:src:AppPassword is required for Kind Bluesky: an app password created in the account's settings." },
        { "HackerNews", [], "Mentions:Sources:src:Query is required for Kind HackerNews: the search terms, e.g. the company's name." },
        { "X", new() { ["UserId"] = "123" }, "Mentions:Sources:src:AccessToken is required for Kind X: the app's bearer token." },
        { "X", new() { ["AccessToken"] = "t" }, "Set Mentions:Sources:src:UserId (the numeric id of the account whose mentions are read) or Mentions:Sources:src:Query (search terms) for Kind X." },
        { "X", new() { ["AccessToken"] = "t", ["UserId"] = "123", ["Query"] = "acme" }, "Set only one of Mentions:Sources:src:UserId and Mentions:Sources:src:Query for Kind X: both are set, and it is not clear whether to read the account's mentions or to search." },
        { "X", new() { ["AccessToken"] = "t", ["UserId"] = "@acme" }, "Mentions:Sources:src:UserId must be the account's numeric id, not its handle (got '@acme')." },
        { "X", new() { ["AccessToken"] = "t", ["UserId"] = "123", ["MonthlyReadBudget"] = "0" }, "Mentions:Sources:src:MonthlyReadBudget must be at least 1 (got 0)." },
        { "HackerNews", new() { ["Query"] = "acme", ["MaxItemsPerPoll"] = "0" }, "Mentions:Sources:src:MaxItemsPerPoll must be between 1 and 10000 (got 0)." },
        { "HackerNews", new() { ["Query"] = "acme", ["MaxItemsPerPoll"] = "10001" }, "Mentions:Sources:src:MaxItemsPerPoll must be between 1 and 10000 (got 10001)." },
    };

    [Fact]
    public void A_timeout_out_of_range_fails_start_up() =>
        Assert.Equal(
            "Mentions:HttpTimeout must be between 00:00:01 and 00:05:00 (got 00:10:00).",
            Failure(new() { ["Mentions:HttpTimeout"] = "00:10:00", ["Mentions:Resilience:TotalTimeout"] = "00:20:00" }));

    [Fact]
    public void The_resilience_settings_default_to_three_retries_a_30_second_cap_and_a_circuit_per_host()
    {
        MentionsResilienceOptions resilience = Register([]).CreateOptions<MentionsOptions>().Resilience;

        Assert.Equal(
            (3, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3), 8, TimeSpan.FromMinutes(2)),
            (resilience.MaxRetries, resilience.RetryDelay, resilience.MaxRetryDelay, resilience.TotalTimeout, resilience.CircuitMinimumRequests, resilience.CircuitBreakDuration));
    }

    [Theory]
    [MemberData(nameof(ResilienceProblems))]
    public void A_resilience_setting_out_of_range_fails_start_up_naming_it(Dictionary<string, string?> settings, string message) =>
        Assert.Equal(message, Failure(settings));

    public static TheoryData<Dictionary<string, string?>, string> ResilienceProblems() => new()
    {
        { new() { ["Mentions:Resilience:MaxRetries"] = "11" }, "Mentions:Resilience:MaxRetries must be between 0 and 10 (got 11)." },
        { new() { ["Mentions:Resilience:MaxRetries"] = "-1" }, "Mentions:Resilience:MaxRetries must be between 0 and 10 (got -1)." },
        { new() { ["Mentions:Resilience:RetryDelay"] = "00:02:00", ["Mentions:Resilience:MaxRetryDelay"] = "00:05:00" }, "Mentions:Resilience:RetryDelay must be between 00:00:00 and 00:01:00 (got 00:02:00)." },
        { new() { ["Mentions:Resilience:RetryDelay"] = "00:00:10", ["Mentions:Resilience:MaxRetryDelay"] = "00:00:05" }, "Mentions:Resilience:MaxRetryDelay must be at least Mentions:Resilience:RetryDelay (00:00:10) and at most 00:10:00 (got 00:00:05)." },
        { new() { ["Mentions:Resilience:MaxRetryDelay"] = "01:00:00" }, "Mentions:Resilience:MaxRetryDelay must be at least Mentions:Resilience:RetryDelay (00:00:02) and at most 00:10:00 (got 01:00:00)." },
        { new() { ["Mentions:HttpTimeout"] = "00:01:00", ["Mentions:Resilience:TotalTimeout"] = "00:00:30" }, "Mentions:Resilience:TotalTimeout must be at least Mentions:HttpTimeout (00:01:00) and at most 00:30:00 (got 00:00:30)." },
        { new() { ["Mentions:Resilience:CircuitMinimumRequests"] = "1" }, "Mentions:Resilience:CircuitMinimumRequests must be between 2 and 1000 (got 1)." },
        { new() { ["Mentions:Resilience:CircuitBreakDuration"] = "00:00:00.500" }, "Mentions:Resilience:CircuitBreakDuration must be between 00:00:01 and 01:00:00 (got 00:00:00.5000000)." },
    };

    [Fact]
    public void A_disabled_source_is_parked_half_configured_but_still_needs_a_valid_name()
    {
        MentionsOptions options = Register(new() { ["Mentions:Sources:later:Kind"] = "Mastodon", ["Mentions:Sources:later:Enabled"] = "false" }).CreateOptions<MentionsOptions>();

        Assert.False(options.Sources["later"].Enabled);
        Assert.StartsWith("Mentions:Sources:Later is not a valid source name", Failure(new() { ["Mentions:Sources:Later:Enabled"] = "false" }), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_every_source_is_reported_at_once()
    {
        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => Register(new()
        {
            ["Mentions:Sources:one:Kind"] = "Mastodon",
            ["Mentions:Sources:two:Kind"] = "X",
            ["Mentions:Sources:two:Schedule"] = "0 * * * *",
        }).CreateOptions<MentionsOptions>());

        Assert.Equal(
            [
                "Mentions:Sources:one:Schedule is required: a cron expression with 5 or 6 fields, e.g. '*/15 * * * *'.",
                "Mentions:Sources:one:Endpoint is required for Kind Mastodon: the instance's base URL, e.g. https://mastodon.social/.",
                "Mentions:Sources:one:AccessToken is required for Kind Mastodon: a token of the monitored account with the read:notifications scope.",
                "Mentions:Sources:two:AccessToken is required for Kind X: the app's bearer token.",
                "Set Mentions:Sources:two:UserId (the numeric id of the account whose mentions are read) or Mentions:Sources:two:Query (search terms) for Kind X.",
            ],
            error.Failures);
    }

    [Fact]
    public void The_factory_refuses_invalid_or_disabled_settings()
    {
        using ServiceProvider provider = Register([]).BuildServiceProvider();
        MentionSourceFactory factory = provider.GetRequiredService<MentionSourceFactory>();

        ArgumentException invalid = Assert.Throws<ArgumentException>(() => factory.Create("hn", new MentionSourceOptions { Kind = "HackerNews", Schedule = "0 * * * *" }));
        ArgumentException disabled = Assert.Throws<ArgumentException>(() => factory.Create("hn", new MentionSourceOptions { Kind = "HackerNews", Schedule = "0 * * * *", Query = "acme", Enabled = false }));

        Assert.StartsWith("Mentions:Sources:hn:Query is required for Kind HackerNews", invalid.Message, StringComparison.Ordinal);
        Assert.StartsWith("Mentions:Sources:hn is disabled", disabled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_created_again_keeps_its_read_count()
    {
        using ServiceProvider provider = Register([]).BuildServiceProvider();
        MentionSourceFactory factory = provider.GetRequiredService<MentionSourceFactory>();
        MentionSourceOptions x = new() { Kind = "X", Schedule = "0 * * * *", AccessToken = "t", UserId = "1", MonthlyReadBudget = 100 };
        factory.Create("x", x);
        Assert.True(factory.TryGetReadBudget("x", out MonthlyReadBudget first));
        first.Restore(first.Usage with { Reads = 40 });

        x.MonthlyReadBudget = 50;
        factory.Create("x", x);

        Assert.True(factory.TryGetReadBudget("x", out MonthlyReadBudget second));
        Assert.Equal((50, 40, 10), (second.Limit, second.Usage.Reads, second.Remaining));
    }

    private static IServiceCollection Register(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddMentionSources(configuration);
    }

    private static string Failure(Dictionary<string, string?> settings)
    {
        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => Register(settings).CreateOptions<MentionsOptions>());
        return Assert.Single(error.Failures);
    }
}
