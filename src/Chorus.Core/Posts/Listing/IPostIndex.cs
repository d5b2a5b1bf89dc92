using Chorus.Listing;

namespace Chorus.Posts.Listing;

/// <summary>
/// The post list's read model: every post by submission time, newest first, findable by status and author, with counts
/// kept beside it so a list's total costs a few reads whatever the number of posts. The submission handler lists a post;
/// the review moves it as its status changes.
/// </summary>
public interface IPostIndex
{
    /// <summary>Lists a post just submitted; listing it again changes nothing.</summary>
    Task AddAsync(PostListEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a post from one status to another, once: when the post is not at <paramref name="from"/> (already moved, or a
    /// late retry of an earlier move) nothing changes. A post not listed yet (submitted before the index existed) is listed.
    /// </summary>
    /// <returns>True when this call moved it.</returns>
    Task<bool> MoveAsync(PostListEntry entry, PostStatus from, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads up to <paramref name="take"/> posts matching the filter, newest first, strictly after <paramref name="after"/>,
    /// with how many posts match in all.
    /// </summary>
    Task<ListSlice<PostListEntry>> ListAsync(PostListFilter filter, ListPosition? after, int take, CancellationToken cancellationToken = default);
}
