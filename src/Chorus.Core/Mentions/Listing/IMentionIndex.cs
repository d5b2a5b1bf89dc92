using Chorus.Listing;

namespace Chorus.Mentions.Listing;

/// <summary>
/// The mention list's read model: every recorded mention by the time it was written, newest first, findable by source
/// and label, with counts kept beside it so a list's total costs one read per day in range whatever the number of mentions.
/// </summary>
public interface IMentionIndex
{
    /// <summary>Lists recorded mentions, in as few writes as it can; one listed already is left as it is.</summary>
    Task AddAsync(IReadOnlyList<MentionListEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads up to <paramref name="take"/> mentions matching the filter, newest first, strictly after <paramref name="after"/>,
    /// with how many mentions match in all.
    /// </summary>
    Task<ListSlice<MentionListEntry>> ListAsync(MentionListFilter filter, ListPosition? after, int take, CancellationToken cancellationToken = default);
}
