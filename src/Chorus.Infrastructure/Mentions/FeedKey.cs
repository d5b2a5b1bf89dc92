using System.Globalization;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// Where a feed entry sits: its time, then its id, so that entries published in the same second are still told apart.
/// As a cursor it is written <c>{time, ISO 8601 UTC}|{id}</c>.
/// </summary>
internal readonly record struct FeedKey(DateTimeOffset Time, string Id) : IComparable<FeedKey>
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public int CompareTo(FeedKey other)
    {
        int byTime = Time.CompareTo(other.Time);
        return byTime != 0 ? byTime : string.CompareOrdinal(Id, other.Id);
    }

    public override string ToString() => $"{Time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}|{Id}";

    /// <summary>Reads a cursor written by <see cref="ToString"/>.</summary>
    public static bool TryParse(string cursor, out FeedKey key)
    {
        int bar = cursor.IndexOf('|', StringComparison.Ordinal);
        if (bar > 0 && DateTimeOffset.TryParseExact(cursor[..bar], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
        {
            key = new FeedKey(time, cursor[(bar + 1)..]);
            return true;
        }

        key = default;
        return false;
    }
}
