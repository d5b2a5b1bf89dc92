using System.Globalization;

namespace Chorus.Posts.Policy;

/// <summary>Small phrasing helpers for explanations, which are read by people rather than parsed.</summary>
internal static class Wording
{
    /// <summary>Joins choices as a person would: "#ad", "#ad or #ChorusEmployee", "a, b or c".</summary>
    public static string OneOf(IReadOnlyList<string> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return choices.Count switch
        {
            0 => string.Empty,
            1 => choices[0],
            _ => string.Join(", ", choices.Take(choices.Count - 1)) + " or " + choices[^1],
        };
    }

    /// <summary>Formats a count with thousands separators, the same whatever the server's culture: 3,000.</summary>
    public static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
