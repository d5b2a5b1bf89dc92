using System.Globalization;

namespace Chorus.Infrastructure.Topics;

/// <summary>The topic table's partitions: one per UTC hour, keyed <c>yyyyMMddHH</c>.</summary>
internal static class TopicHours
{
    /// <summary>The partition of the hour <paramref name="at"/> falls in.</summary>
    public static string Of(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    /// <summary>The start of the hour <paramref name="at"/> falls in.</summary>
    public static DateTimeOffset StartOf(DateTimeOffset at)
    {
        DateTime utc = at.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The partitions of the hours that overlap <paramref name="from"/> to <paramref name="to"/>, newest first.</summary>
    public static List<(string Partition, DateTimeOffset Start)> Between(DateTimeOffset from, DateTimeOffset to)
    {
        List<(string, DateTimeOffset)> hours = [];
        for (DateTimeOffset hour = StartOf(to); hour >= StartOf(from); hour = hour.AddHours(-1))
        {
            hours.Add((Of(hour), hour));
        }

        return hours;
    }
}
