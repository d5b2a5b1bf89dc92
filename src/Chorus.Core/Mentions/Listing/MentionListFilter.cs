using Chorus.Listing;

namespace Chorus.Mentions.Listing;

/// <summary>Which mentions a list asks for: any combination of source, label and the UTC days they were written.</summary>
public sealed record MentionListFilter(string? Source, string? Label, DateOnly? FromDay, DateOnly? ToDay)
{
    /// <summary>Gets the days as a time range.</summary>
    public TimeRange Written => TimeRange.Days(FromDay, ToDay);
}
