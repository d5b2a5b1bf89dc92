using Chorus.Posts.Listing;
using Microsoft.DurableTask;

namespace Chorus.Posts.Review;

/// <summary>
/// Moves the post in the list index when its status changes. It is an activity, not part of the orchestrator, because
/// it is I/O; it moves the post only from the status it names, so a retry, or a late duplicate of an earlier move, does
/// nothing.
/// </summary>
public sealed class RecordPostStatusActivity(IPostIndex index) : TaskActivity<PostStatusChange, bool>
{
    /// <inheritdoc/>
    public override Task<bool> RunAsync(TaskActivityContext context, PostStatusChange input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // An activity runs to its end or its process dies; the worker does not cancel it.
        return index.MoveAsync(input.Entry, input.From, CancellationToken.None);
    }
}
