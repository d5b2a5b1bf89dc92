using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Chorus.Mentions;

/// <summary>
/// Mention ids derive from the source and the source's own id (and the day it was written), so the same mention seen
/// twice gets the same id, the same triage instance and the same artefact folder: it is processed once.
/// Shape: <c>yyyyMMdd-{32 hex}</c>; the triage instance is <c>mention-{source}.{id}</c>.
/// </summary>
public static partial class MentionIds
{
    private const string InstancePrefix = "mention-";

    /// <summary>The mention's id: the day it was written, then a hash of its source and its id there.</summary>
    public static string For(Mention mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(mention.Source + "\n" + mention.SourceId));
        return mention.CreatedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(hash)[..32];
    }

    /// <summary>The id of the mention's triage orchestration.</summary>
    public static string InstanceId(string source, string mentionId) => $"{InstancePrefix}{source}.{mentionId}";

    /// <summary>The mention's id in the waiting approvals (<see cref="Approvals.ApprovalItem.ItemId"/>): <c>{source}/{mentionId}</c>.</summary>
    public static string ItemId(string source, string mentionId) => $"{source}/{mentionId}";

    /// <summary>Reads a triage instance id back into its source and mention id.</summary>
    public static bool TryParseInstanceId(string instanceId, out string source, out string mentionId)
    {
        Match match = InstanceShape().Match(instanceId);
        source = match.Success ? match.Groups[1].Value : string.Empty;
        mentionId = match.Success ? match.Groups[2].Value : string.Empty;
        return match.Success;
    }

    /// <summary>Whether <paramref name="mentionId"/> has the shape <see cref="For"/> gives, with a real day.</summary>
    public static bool IsValid(string? mentionId)
        => mentionId is not null && IdShape().IsMatch(mentionId)
            && DateTimeOffset.TryParseExact(mentionId[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    /// <summary>Whether a source name is usable (it becomes a blob path segment).</summary>
    public static bool IsValidSource(string? source) => source is not null && SourceShape().IsMatch(source);

    /// <summary>The day a mention id starts with (UTC midnight).</summary>
    public static DateTimeOffset DayOf(string mentionId)
        => DateTimeOffset.ParseExact(mentionId[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [GeneratedRegex("^mention-([a-z0-9-]{1,40})\\.([0-9]{8}-[0-9a-f]{32})$")]
    private static partial Regex InstanceShape();

    [GeneratedRegex("^[0-9]{8}-[0-9a-f]{32}$")]
    private static partial Regex IdShape();

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex SourceShape();
}
