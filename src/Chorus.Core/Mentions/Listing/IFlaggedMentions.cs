namespace Chorus.Mentions.Listing;

/// <summary>
/// The flagged queue: every mention that needed a team, newest first, with where its triage stands. Listing a flagged
/// mention puts it here (in the same write as its list rows, state <c>awaiting</c>); the triage's end moves its state.
/// </summary>
public interface IFlaggedMentions
{
    /// <summary>The newest <paramref name="take"/> flagged mentions.</summary>
    Task<IReadOnlyList<FlaggedMention>> LatestAsync(int take, CancellationToken cancellationToken = default);

    /// <summary>Sets a flagged mention's triage state (<c>respond</c>, <c>escalate</c>, <c>dismiss</c>, <c>expired</c>); a mention not in the queue is left alone.</summary>
    Task SetStateAsync(MentionListEntry entry, string state, CancellationToken cancellationToken = default);
}
