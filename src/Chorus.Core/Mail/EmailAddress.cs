using System.Globalization;

namespace Chorus.Mail;

/// <summary>
/// The one rule for "an email address" everywhere Chorus takes one (configured recipients and senders, a post's
/// author): a bare <c>local@domain</c>, nothing more. The local part is ASCII dot-atom text (letters, digits and
/// <c>!#$%&amp;'*+/=?^_`{|}~-</c>, dots between them), at most 64 characters; the domain is a host name of at least two
/// labels, international names allowed (<c>bücher.de</c>), no IP literals and no all-digit top-level label; at most
/// 254 characters in all (RFC 5321's path limit less the brackets).
/// </summary>
/// <remarks>
/// <see cref="System.Net.Mail.MailAddress"/> and MimeKit's parser take whole mailboxes: both accept a display name
/// (<c>Ada &lt;ada@x.com&gt;</c>), comments and quoted local parts (<c>"a b"@x.com</c>), and the first a single-label
/// host (<c>a@b</c>), a trailing dot or an underscore in the domain. Those parse, but a setting or a form field holding
/// them is a mistake, and quoted or non-ASCII local parts are not reliably delivered by every relay (SMTPUTF8).
/// </remarks>
public static class EmailAddress
{
    /// <summary>The longest address taken.</summary>
    public const int MaxLength = 254;

    private const int MaxLocalLength = 64;

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>Returns whether <paramref name="value"/> is a bare address by the rule above.</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        int at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at > MaxLocalLength || at == value.Length - 1)
        {
            return false;
        }

        return IsDotAtom(value.AsSpan(0, at)) && IsHostName(value[(at + 1)..]);
    }

    /// <summary>
    /// Returns whether two addresses name the same mailbox as far as Chorus can tell: equal ignoring case, with an
    /// international domain and its Punycode form (<c>bücher.de</c>, <c>xn--bcher-kva.de</c>) taken as one.
    /// </summary>
    public static bool SameMailbox(string? a, string? b)
        => a is not null && b is not null && string.Equals(Comparable(a), Comparable(b), StringComparison.OrdinalIgnoreCase);

    private static string Comparable(string address)
    {
        int at = address.LastIndexOf('@');
        if (at < 0)
        {
            return address;
        }

        try
        {
            return string.Concat(address.AsSpan(0, at + 1), Idn.GetAscii(address[(at + 1)..]));
        }
        catch (ArgumentException)
        {
            return address;
        }
    }

    private static bool IsDotAtom(ReadOnlySpan<char> local)
    {
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in local)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '.' || "!#$%&'*+/=?^_`{|}~-".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHostName(string domain)
    {
        // IdnMapping checks each label (1-63 letters, digits or hyphens, no hyphen at either end, after Punycode for
        // international names) and refuses empty labels; a trailing dot (the DNS root) it would let through.
        if (domain.EndsWith('.'))
        {
            return false;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return false;
        }

        int lastDot = ascii.LastIndexOf('.');
        return lastDot > 0 && ascii.AsSpan(lastDot + 1).ContainsAnyExceptInRange('0', '9');
    }
}
