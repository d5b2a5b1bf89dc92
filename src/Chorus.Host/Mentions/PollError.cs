using System.Text.RegularExpressions;

namespace Chorus.Host.Mentions;

/// <summary>
/// What a source's record keeps of a failed poll, for the Sources page: the exception's type and the start of its
/// message, on one line, with anything a message may carry that could be a secret taken out (a URL's query and user
/// info, bearer tokens, <c>token=</c>/<c>password=</c>-like pairs).
/// </summary>
internal static partial class PollError
{
    /// <summary>Long enough to tell a 401 from a timeout from a parse error, short enough for a table cell.</summary>
    public const int MaxLength = 300;

    /// <summary>The error line of an exception.</summary>
    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string message = string.Join(' ', exception.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        message = UrlSecrets().Replace(message, match => match.Groups["scheme"].Value + match.Groups["rest"].Value + (match.Groups["query"].Success ? "?\u2026" : string.Empty));
        message = Bearer().Replace(message, "$1 \u2026");
        message = Pairs().Replace(message, "$1=\u2026");
        string line = $"{exception.GetType().Name}: {message}";
        return line.Length <= MaxLength ? line : line[..(MaxLength - 1)] + "\u2026";
    }

    [GeneratedRegex(@"(?<scheme>https?://)(?<user>[^/\s@?#]*@)?(?<rest>[^\s?#]*)(?<query>\?[^\s#]*)?", RegexOptions.IgnoreCase)]
    private static partial Regex UrlSecrets();

    [GeneratedRegex(@"\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"\b([A-Za-z_]*(?:token|password|secret|key|signature|sig)[A-Za-z_]*)\s*[=:]\s*[^\s&,;]+", RegexOptions.IgnoreCase)]
    private static partial Regex Pairs();
}
