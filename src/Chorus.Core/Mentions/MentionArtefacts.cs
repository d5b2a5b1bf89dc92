using Chorus.Artefacts;

namespace Chorus.Mentions;

/// <summary>
/// The documented blob layout of a mention, under <c>mentions/{source}/{yyyy}/{MM}/{dd}/{mentionId}/</c>:
/// <c>mention.json</c> (normalised, with the source's raw payload), <c>triage.json</c> (sentiment, classification and
/// reasons; its index tags answer listings and summaries), and for flagged mentions <c>decisions/</c>,
/// <c>emails/</c>, <c>outcome.json</c> and the append-only <c>audit.jsonl</c>; a mention answered by a staff reply has
/// <c>reply.json</c>. Cursors live at <c>cursors/{source}.json</c>.
/// </summary>
public static class MentionArtefacts
{
    /// <summary>The mention's folder, under the day its id was seen.</summary>
    public static ArtefactPath Folder(string source, string mentionId) => ArtefactPath.ForMention(source, mentionId, MentionIds.DayOf(mentionId));

    /// <summary>The mention as its source sent it.</summary>
    public static ArtefactPath Mention(string source, string mentionId) => Folder(source, mentionId).Child("mention.json");

    /// <summary>The triage: sentiment, classification and reasons.</summary>
    public static ArtefactPath Triage(string source, string mentionId) => Folder(source, mentionId).Child("triage.json");

    /// <summary>The record of how a flagged mention was decided.</summary>
    public static ArtefactPath Outcome(string source, string mentionId) => Folder(source, mentionId).Child("outcome.json");

    /// <summary>
    /// The mention's reply as submitted (a <see cref="Posts.PostSubmission"/>), written once: whoever writes it first
    /// gives the mention its one reply, and its post id leads to the reply's own artefacts.
    /// </summary>
    public static ArtefactPath Reply(string source, string mentionId) => Folder(source, mentionId).Child("reply.json");

    /// <summary>The append-only log of everything that happened to a flagged mention.</summary>
    public static ArtefactPath Audit(string source, string mentionId) => Folder(source, mentionId).Child("audit.jsonl");

    /// <summary>One approver's recorded decision.</summary>
    public static ArtefactPath Decision(string source, string mentionId, string approver)
        => Folder(source, mentionId).Child("decisions", $"{Posts.PostArtefacts.AddressKey(approver)}.json");

    /// <summary>A copy of an email sent about the mention, as sent.</summary>
    public static ArtefactPath Email(string source, string mentionId, string kind, string recipient)
        => Folder(source, mentionId).Child("emails", $"{kind}-{Posts.PostArtefacts.AddressKey(recipient)}.eml");
}
