using System.Globalization;
using System.Text;
using Chorus.Orchestration;

namespace Chorus.Engine.Storage;

/// <summary>
/// The blob index tags on an instance blob. They let storage answer "which instances are due" and "which are
/// Running" without reading every blob.
/// </summary>
internal sealed record InstanceTags(string Name, OrchestrationRuntimeStatus Status, DateTime CreatedAt, DateTime WakeAt)
{
    public const string NameTag = "name";
    public const string StatusTag = "status";
    public const string CreatedTag = "created";
    public const string WakeTag = "wake";

    /// <summary>The wake time of an instance that only an event can move.</summary>
    public static readonly DateTime Never = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    public static string Format(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public Dictionary<string, string> ToDictionary() => new()
    {
        [NameTag] = Sanitize(Name),
        [StatusTag] = Status.ToString(),
        [CreatedTag] = Format(CreatedAt),
        [WakeTag] = Format(WakeAt),
    };

    // Tag values allow only letters, digits, space and + - . / : = _.
    private static string Sanitize(string value)
    {
        StringBuilder clean = new(Math.Min(value.Length, 256));
        foreach (char c in value.AsSpan(0, Math.Min(value.Length, 256)))
        {
            clean.Append(char.IsAsciiLetterOrDigit(c) || c is ' ' or '+' or '-' or '.' or '/' or ':' or '=' or '_' ? c : '_');
        }

        return clean.ToString();
    }
}
