namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// A mention's text from a heading (a feed entry's or a story's title, a Mastodon content warning) and a body: both,
/// the heading first, unless that would say the same thing twice. The triage email's subject is the text's opening,
/// so a repeated heading would show there as "Acme charged me twice Acme charged me twice".
/// </summary>
internal static class MentionText
{
    public static string Compose(string heading, string body)
    {
        ArgumentNullException.ThrowIfNull(heading);
        ArgumentNullException.ThrowIfNull(body);

        // The heading is often the whole mention (Google Alerts); the body adds to it unless it merely repeats it, or
        // the heading is only the body's opening words (review and comment feeds, stories whose text restates the title).
        return body.Length == 0 || body == heading ? heading
            : heading.Length == 0 || OpensWith(body, heading) ? body
            : $"{heading}\n\n{body}";
    }

    /// <summary>Whether <paramref name="body"/> starts with <paramref name="heading"/>, less a trailing ellipsis, case and spacing aside.</summary>
    private static bool OpensWith(string body, string heading)
    {
        string opening = Collapse(heading).TrimEnd('…', '.', ' ');
        return opening.Length > 0 && Collapse(body).StartsWith(opening, StringComparison.OrdinalIgnoreCase);
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
