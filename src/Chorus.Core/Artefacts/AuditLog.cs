using System.Text;
using System.Text.Json;
using Chorus.Durable;

namespace Chorus.Artefacts;

/// <summary>Writes and reads the audit logs posts and mentions share: one <see cref="AuditEntry"/> per JSON line.</summary>
public static class AuditLog
{
    /// <summary>Appends <paramref name="entry"/> to <paramref name="log"/> unless the log already has an entry with its id.</summary>
    public static Task AppendOnceAsync(IArtefactStore artefacts, ArtefactPath log, AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artefacts);
        ArgumentNullException.ThrowIfNull(entry);
        return artefacts.AppendLineOnceAsync(log, entry.EntryId, JsonSerializer.Serialize(entry, DurableJson.Options), cancellationToken);
    }

    /// <summary>Builds an entry whose details are <paramref name="details"/> as Chorus's JSON.</summary>
    public static AuditEntry Entry(string entryId, DateTimeOffset at, string change, object? details)
        => new(entryId, at, change, details is null ? null : JsonSerializer.SerializeToElement(details, DurableJson.Options));

    /// <summary>The log's entries, oldest first; none when there is no log.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> ReadAsync(IArtefactStore artefacts, ArtefactPath log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artefacts);
        byte[]? content = await artefacts.ReadAsync(log, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return [];
        }

        List<AuditEntry> entries = [];
        foreach (string line in Encoding.UTF8.GetString(content).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            entries.Add(JsonSerializer.Deserialize<AuditEntry>(line, DurableJson.Options)!);
        }

        return entries;
    }
}
