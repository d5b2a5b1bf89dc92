using System.Text;

namespace Chorus.Engine.Storage;

/// <summary>
/// Maps instance ids to blob names. Ids are percent-escaped, which keeps every id-prefix a name-prefix, so a prefix
/// query is a prefix listing; a caller's id can never reach outside its own folder.
/// </summary>
internal static class BlobNames
{
    public const string InstancesFolder = "instances/";
    public const string InboxFolder = "inbox/";
    public const int MaxInstanceIdLength = 256;

    public static string Instance(string instanceId) => InstancesFolder + Escape(instanceId);

    public static string InboxFolderOf(string instanceId) => InboxFolder + Escape(instanceId) + "/";

    public static string InstanceIdFromInstanceBlob(string blobName) => Uri.UnescapeDataString(blobName[InstancesFolder.Length..]);

    public static string InstanceIdFromInboxBlob(string blobName)
    {
        string rest = blobName[InboxFolder.Length..];
        return Uri.UnescapeDataString(rest[..rest.IndexOf('/', StringComparison.Ordinal)]);
    }

    /// <summary>Throws a clear error for an id the engine cannot store.</summary>
    public static void Validate(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (instanceId.Length > MaxInstanceIdLength)
        {
            throw new ArgumentException($"An instance id may be at most {MaxInstanceIdLength} characters; this one has {instanceId.Length}.", nameof(instanceId));
        }

        foreach (char c in instanceId)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                throw new ArgumentException("An instance id may not contain control characters or surrogates.", nameof(instanceId));
            }
        }
    }

    /// <summary>Escapes an id (or an id prefix) for use in a blob name.</summary>
    public static string Escape(string instanceId)
    {
        StringBuilder name = new(instanceId.Length + 8);
        foreach (byte b in Encoding.UTF8.GetBytes(instanceId))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '~' or '.')
            {
                name.Append(c);
            }
            else
            {
                name.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        // Blob names may not end in a dot.
        if (name.Length > 0 && name[^1] == '.')
        {
            name.Length--;
            name.Append("%2E");
        }

        return name.ToString();
    }
}
