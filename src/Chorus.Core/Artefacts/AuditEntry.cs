using System.Text.Json;

namespace Chorus.Artefacts;

/// <summary>
/// One line of an item's append-only <c>audit.jsonl</c>: a state change, when it happened, and what it carried.
/// <paramref name="EntryId"/> is stable per step, so a retried step never writes its line twice.
/// </summary>
public sealed record AuditEntry(string EntryId, DateTimeOffset At, string Change, JsonElement? Details);
