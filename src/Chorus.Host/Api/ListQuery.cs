using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Chorus.Host.Api;

/// <summary>The query parameters every list shares (page size, dates, the retired page number) and its next link.</summary>
internal static class ListQuery
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The page size: <c>pageSize</c>, 1 to 100, 20 when absent.</summary>
    public static int PageSize(string? value, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return DefaultPageSize;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size is >= 1 and <= MaxPageSize)
        {
            return size;
        }

        errors["pageSize"] = [$"pageSize must be a whole number from 1 to {MaxPageSize}."];
        return DefaultPageSize;
    }

    /// <summary>
    /// Refuses <c>page</c>: lists are read with a cursor now, and a numbered page silently read as the first would
    /// mislead a caller still sending it.
    /// </summary>
    public static void RefusePageNumber(string? page, Dictionary<string, string[]> errors)
    {
        if (page is not null)
        {
            errors["page"] = ["Lists are no longer numbered: read the first page without 'page', then follow each page's 'next' link."];
        }
    }

    /// <summary>
    /// A time bound: an ISO 8601 date or date and time (UTC unless it says otherwise). A date alone at the end of a
    /// range means the end of that day, so <c>to=2026-11-30</c> includes the 30th.
    /// </summary>
    public static DateTimeOffset? Time(string? value, string name, bool endOfDay, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day) && day.Year is > 1 and < 9999)
        {
            return new DateTimeOffset(day.ToDateTime(endOfDay ? TimeOnly.MaxValue : TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed) && parsed.UtcDateTime.Year is > 1 and < 9999)
        {
            return parsed.ToUniversalTime();
        }

        errors[name] = [$"'{name}' must be an ISO 8601 date or date and time."];
        return null;
    }

    /// <summary>A UTC day: a date, or the day of a date and time.</summary>
    public static DateOnly? Day(string? value, string name, Dictionary<string, string[]> errors)
        => Time(value, name, endOfDay: false, errors) is { } time ? DateOnly.FromDateTime(time.UtcDateTime) : null;

    /// <summary>Refuses a range that ends before it starts.</summary>
    public static void Ordered<T>(T? from, T? to, Dictionary<string, string[]> errors)
        where T : struct, IComparable<T>
    {
        if (from is { } start && to is { } end && end.CompareTo(start) < 0)
        {
            errors["to"] = ["'to' must not be before 'from'."];
        }
    }

    /// <summary>The link to the next page: the same path and filters, the page size, and the cursor.</summary>
    public static string Next(string path, IEnumerable<KeyValuePair<string, string?>> filters, int pageSize, string cursor)
        => QueryHelpers.AddQueryString(
            path,
            [.. filters.Where(f => f.Value is not null), new("pageSize", pageSize.ToString(CultureInfo.InvariantCulture)), new(ListCursor.Field, cursor)]);
}
