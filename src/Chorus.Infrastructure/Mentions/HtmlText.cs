using System.Net;
using System.Text.RegularExpressions;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// Turns the HTML that Mastodon, feeds and Algolia carry into the plain text sentiment analysis reads: tags dropped,
/// block ends kept as line breaks, entities decoded, whitespace tidied.
/// </summary>
internal static partial class HtmlText
{
    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }

        string text = Hidden().Replace(html, string.Empty);
        text = LineBreak().Replace(text, "\n");
        text = BlockBoundary().Replace(text, "\n\n");
        text = Tag().Replace(text, string.Empty);

        // Decode only after the tags are gone, so that an escaped '&lt;b&gt;' stays as text instead of becoming a tag.
        text = WebUtility.HtmlDecode(text);
        return Tidy(text);
    }

    /// <summary>Collapses runs of spaces (including no-break spaces) and of blank lines, and trims.</summary>
    public static string Tidy(string text)
    {
        text = Spaces().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), " ");
        text = SpaceAroundBreak().Replace(text, "\n");
        text = BlankLines().Replace(text, "\n\n");
        return text.Trim();
    }

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineBreak();

    // Opening tags too: Hacker News separates paragraphs with a bare <p>.
    [GeneratedRegex(@"</?(p|div|li|blockquote|pre|tr|h[1-6])\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockBoundary();

    [GeneratedRegex(@"</?[a-zA-Z][^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[^\S\n]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@" ?\n ?")]
    private static partial Regex SpaceAroundBreak();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
