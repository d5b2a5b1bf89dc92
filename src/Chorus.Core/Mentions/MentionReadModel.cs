using Chorus.Artefacts;
using Chorus.Mentions.Triage;

namespace Chorus.Mentions;

/// <summary>Reads a mention's artefacts back: what the mention API and the approval pages show.</summary>
public static class MentionReadModel
{
    /// <summary>The mention as recorded; null when it was never recorded.</summary>
    public static Task<Mention?> ReadMentionAsync(IArtefactStore artefacts, string source, string mentionId, CancellationToken cancellationToken)
        => artefacts.ReadJsonAsync<Mention>(MentionArtefacts.Mention(source, mentionId), cancellationToken);

    /// <summary>The mention's triage; null before it is written.</summary>
    public static Task<MentionTriageRecord?> ReadTriageAsync(IArtefactStore artefacts, string source, string mentionId, CancellationToken cancellationToken)
        => artefacts.ReadJsonAsync<MentionTriageRecord>(MentionArtefacts.Triage(source, mentionId), cancellationToken);

    /// <summary>The staff reply to the mention, as submitted; null when it has none.</summary>
    public static Task<Posts.PostSubmission?> ReadReplyAsync(IArtefactStore artefacts, string source, string mentionId, CancellationToken cancellationToken)
        => artefacts.ReadJsonAsync<Posts.PostSubmission>(MentionArtefacts.Reply(source, mentionId), cancellationToken);

    /// <summary>The triage's audit entries, oldest first; none for a mention that was only recorded.</summary>
    public static Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(IArtefactStore artefacts, string source, string mentionId, CancellationToken cancellationToken)
        => AuditLog.ReadAsync(artefacts, MentionArtefacts.Audit(source, mentionId), cancellationToken);
}
