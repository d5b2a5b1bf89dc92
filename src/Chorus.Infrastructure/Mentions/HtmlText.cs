using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// Turns the HTML that Mastodon, feeds and Algolia carry into the plain text sentiment analysis reads, by parsing it
/// as a browser does (AngleSharp's HTML5 parser, so a <c>&gt;</c> inside an attribute or a bare <c>&lt;</c> in text
/// is what HTML says it is): the text of every node, blocks and <c>&lt;br&gt;</c> kept as line breaks, entities
/// decoded, scripts, styles and comments dropped, whitespace tidied.
/// </summary>
internal static partial class HtmlText
{
    // Elements that start and end a paragraph of their own; list items, table rows and definitions take one line each.
    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "ul",
    };

    private static readonly HashSet<string> Lines = new(StringComparer.OrdinalIgnoreCase) { "dd", "dt", "li", "tr", "caption" };

    private static readonly HashSet<string> Cells = new(StringComparer.OrdinalIgnoreCase) { "td", "th" };

    // What a reader never sees. An <img> has no text; its alt text describes a picture rather than saying anything.
    private static readonly HashSet<string> Unseen = new(StringComparer.OrdinalIgnoreCase)
    {
        "head", "script", "style", "template", "noscript", "iframe", "object", "svg", "math", "select", "textarea",
    };

    // The parser is not thread-safe (its maintainers advise one per thread); connectors poll in parallel.
    [ThreadStatic]
    private static HtmlParser? _parser;

    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }

        // Most titles and many bodies are plain text: nothing to parse.
        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            return Tidy(html);
        }

        _parser ??= new HtmlParser();
        using IDocument document = _parser.ParseDocument(html);
        IElement root = document.DocumentElement;

        // Text with entities but no markup keeps its line breaks, as plain text does; in markup a line break in the
        // source is only a space, as a browser shows it, and the elements say where lines and paragraphs end.
        if (document.Body?.FirstElementChild is null && document.Head?.FirstElementChild is null)
        {
            return Tidy(root.TextContent);
        }

        StringBuilder text = new(html.Length);
        Append(text, root, preformatted: false);
        return Tidy(text.ToString());
    }

    /// <summary>Collapses runs of spaces (including no-break spaces) and of blank lines, and trims.</summary>
    public static string Tidy(string text)
    {
        text = Spaces().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), " ");
        text = SpaceAroundBreak().Replace(text, "\n");
        text = BlankLines().Replace(text, "\n\n");
        return text.Trim();
    }

    private static void Append(StringBuilder text, INode node, bool preformatted)
    {
        foreach (INode child in node.ChildNodes)
        {
            switch (child)
            {
                case IText run when preformatted:
                    text.Append(run.Data);
                    break;

                case IText run:
                    foreach (char c in run.Data)
                    {
                        text.Append(c is '\n' or '\r' or '\t' or '\f' ? ' ' : c);
                    }

                    break;

                case IElement element when Unseen.Contains(element.LocalName):
                    break;

                case IElement element when element.LocalName.Equals("br", StringComparison.OrdinalIgnoreCase):
                    text.Append('\n');
                    break;

                case IElement element:
                    int breaks = Paragraphs.Contains(element.LocalName) ? 2 : Lines.Contains(element.LocalName) ? 1 : 0;
                    bool cell = Cells.Contains(element.LocalName);
                    Break(text, breaks);
                    text.Append(cell ? " " : string.Empty);
                    Append(text, element, preformatted || element.LocalName.Equals("pre", StringComparison.OrdinalIgnoreCase));
                    text.Append(cell ? " " : string.Empty);
                    Break(text, breaks);
                    break;

                default:
                    // Comments, processing instructions, doctypes: not text.
                    break;
            }
        }
    }

    /// <summary>Ends the text so far with at least <paramref name="newlines"/> line breaks (none at the very start).</summary>
    private static void Break(StringBuilder text, int newlines)
    {
        if (newlines == 0)
        {
            return;
        }

        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }

        int trailing = 0;
        while (trailing < text.Length && text[text.Length - 1 - trailing] == '\n')
        {
            trailing++;
        }

        if (text.Length > 0)
        {
            text.Append('\n', Math.Max(0, newlines - trailing));
        }
    }

    [GeneratedRegex(@"[^\S\n]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@" ?\n ?")]
    private static partial Regex SpaceAroundBreak();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
