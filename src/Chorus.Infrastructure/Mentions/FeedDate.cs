using System.Globalization;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// Reads feed dates: RFC 822 for RSS (<c>Tue, 10 Jun 2003 04:00:00 GMT</c>, with the zone names and two-digit years
/// feeds still use) and RFC 3339 for Atom, with a lenient fallback for feeds that put one where the other belongs.
/// </summary>
internal static class FeedDate
{
    private static readonly string[] Rfc822Formats = ["d MMM yyyy H:mm:ss", "d MMM yyyy H:mm", "d MMM yy H:mm:ss", "d MMM yy H:mm"];

    private static readonly Dictionary<string, TimeSpan> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = TimeSpan.Zero,
        ["UT"] = TimeSpan.Zero,
        ["UTC"] = TimeSpan.Zero,
        ["Z"] = TimeSpan.Zero,
        ["EST"] = TimeSpan.FromHours(-5),
        ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6),
        ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7),
        ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8),
        ["PDT"] = TimeSpan.FromHours(-7),
    };

    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        return TryParseRfc822(text, out time)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out time);
    }

    private static bool TryParseRfc822(string text, out DateTimeOffset time)
    {
        time = default;

        // The day name is optional and redundant; some feeds get it wrong, so it is not checked.
        int comma = text.IndexOf(',', StringComparison.Ordinal);
        string rest = comma is > 0 and <= 10 ? text[(comma + 1)..] : text;
        string[] parts = rest.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 4 or > 5)
        {
            return false;
        }

        TimeSpan offset = TimeSpan.Zero;
        if (parts.Length == 5 && !TryParseZone(parts[4], out offset))
        {
            return false;
        }

        if (!DateTime.TryParseExact(string.Join(' ', parts[..4]), Rfc822Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            return false;
        }

        time = new DateTimeOffset(local, offset);
        return true;
    }

    private static bool TryParseZone(string zone, out TimeSpan offset)
    {
        if (Zones.TryGetValue(zone, out offset))
        {
            return true;
        }

        if (zone.Length == 5 && (zone[0] == '+' || zone[0] == '-')
            && int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int hours)
            && int.TryParse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int minutes)
            && hours <= 14 && minutes < 60)
        {
            offset = new TimeSpan(hours, minutes, 0);
            offset = zone[0] == '-' ? offset.Negate() : offset;
            return true;
        }

        return false;
    }
}
