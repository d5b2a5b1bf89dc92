namespace Chorus.Listing;

/// <summary>
/// An inclusive time range, either end open. A date given without a time means the whole day at either end, so
/// <c>from=2026-11-01&amp;to=2026-11-30</c> covers November.
/// </summary>
public sealed record TimeRange(DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>Gets the range with no bounds.</summary>
    public static TimeRange All { get; } = new(null, null);

    /// <summary>Whether nothing can fall in the range.</summary>
    public bool IsEmpty => From is { } from && To is { } to && from > to;

    /// <summary>The whole UTC days from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static TimeRange Days(DateOnly? first, DateOnly? last)
        => new(
            first is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            last is { } l ? new DateTimeOffset(l.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero) : null);
}
