using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Chorus.Listing;
using Microsoft.AspNetCore.WebUtilities;

namespace Chorus.Host.Api;

/// <summary>
/// The opaque continuation of a list: the position of the last item a page showed, and a check binding it to the list
/// and filters it came from. Anything else given as a cursor (garbage, a cursor edited by hand or damaged in transit,
/// one from other filters) is refused as a bad request naming <c>cursor</c>.
/// </summary>
/// <remarks>
/// The check is a hash, not a keyed signature, on purpose: a forged cursor can only start the same list at another
/// place, which a caller can already ask for with <c>to</c>, and the position is validated before it reaches a query.
/// So cursors need no key to manage and stay valid across restarts, deployments and both hosts.
/// </remarks>
internal static class ListCursor
{
    public const string Field = "cursor";
    private const string Version = "1";
    private const int MaxLength = 512;

    /// <summary>The cursor of the page after <paramref name="position"/> in the list described by <paramref name="query"/>.</summary>
    public static string Encode(string query, ListPosition position)
    {
        string body = string.Join('|', Version, position.At.UtcTicks.ToString(CultureInfo.InvariantCulture), position.Id);
        return WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(body + "|" + Check(query, body)));
    }

    /// <summary>Reads a cursor back; null when none was given. A bad one adds an error naming <c>cursor</c>.</summary>
    public static ListPosition? Decode(string? cursor, string query, Func<string, bool> isId, Dictionary<string, string[]> errors)
    {
        if (cursor is null)
        {
            return null;
        }

        if (TryDecode(cursor, query, isId) is { } position)
        {
            return position;
        }

        errors[Field] = ["The cursor is not one this list gave for these filters. Use the 'next' link of the previous page as it is, or start again without a cursor."];
        return null;
    }

    private static ListPosition? TryDecode(string cursor, string query, Func<string, bool> isId)
    {
        if (cursor.Length is 0 or > MaxLength)
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(WebEncoders.Base64UrlDecode(cursor));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return null;
        }

        string[] parts = text.Split('|');
        if (parts.Length != 4 || parts[0] != Version || !isId(parts[2]))
        {
            return null;
        }

        string body = string.Join('|', parts[0], parts[1], parts[2]);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(parts[3]), Encoding.UTF8.GetBytes(Check(query, body)))
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return null;
        }

        return new ListPosition(new DateTimeOffset(ticks, TimeSpan.Zero), parts[2]);
    }

    private static string Check(string query, string body)
        => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(query + "\n" + body)).AsSpan(0, 12));
}
