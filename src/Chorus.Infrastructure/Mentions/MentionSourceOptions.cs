namespace Chorus.Infrastructure.Mentions;

/// <summary>One source of mentions, bound from <c>Mentions:Sources:{name}</c>.</summary>
public sealed class MentionSourceOptions
{
    /// <summary>The <see cref="MaxItemsPerPoll"/> used when none is configured.</summary>
    public const int DefaultMaxItemsPerPoll = 200;

    /// <summary>The <see cref="MonthlyReadBudget"/> used when none is configured.</summary>
    public const int DefaultMonthlyReadBudget = 10_000;

    /// <summary>Gets or sets what the source is: <c>Rss</c> (RSS 2.0 or Atom), <c>Mastodon</c>, <c>Bluesky</c>, <c>HackerNews</c> or <c>X</c>.</summary>
    /// <remarks>A string rather than an enum so that a typo fails validation with a message listing the valid kinds.</remarks>
    public string? Kind { get; set; }

    /// <summary>Gets or sets when the source is polled: a cron expression with 5 or 6 fields, read by the scheduler.</summary>
    public string? Schedule { get; set; }

    /// <summary>
    /// Gets or sets where the source is: the feed URL (Rss), the instance's base URL (Mastodon), the PDS or AppView base
    /// URL (Bluesky), the Algolia base URL (HackerNews, default https://hn.algolia.com/) or the API base URL (X, default
    /// https://api.x.com/).
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the search terms: required for HackerNews; for X and Bluesky, search instead of listing mentions of the account.</summary>
    public string? Query { get; set; }

    /// <summary>Gets or sets the Mastodon access token (scope <c>read:notifications</c>) or the X bearer token.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Gets or sets the Bluesky handle (or DID) to open a session as.</summary>
    public string? Handle { get; set; }

    /// <summary>Gets or sets the Bluesky app password for <see cref="Handle"/>.</summary>
    public string? AppPassword { get; set; }

    /// <summary>Gets or sets the numeric id of the X account whose mentions are read (when <see cref="Query"/> is not set).</summary>
    public string? UserId { get; set; }

    /// <summary>Gets or sets the most mentions one poll hands over; the rest follow on the next poll.</summary>
    public int MaxItemsPerPoll { get; set; } = DefaultMaxItemsPerPoll;

    /// <summary>Gets or sets how many posts X may return to this source per calendar month (UTC): X bills every post read.</summary>
    public int MonthlyReadBudget { get; set; } = DefaultMonthlyReadBudget;

    /// <summary>Gets or sets a value indicating whether the source is polled; a disabled source is only checked for a valid name.</summary>
    public bool Enabled { get; set; } = true;
}
