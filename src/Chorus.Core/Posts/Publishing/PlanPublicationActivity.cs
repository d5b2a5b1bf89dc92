using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Chorus.Posts.Publishing;

/// <summary>
/// Decides, per channel of an approved post, whether an account publishes it or the author posts it by hand, and
/// notes the plan in the post's timeline. It is an activity because it reads configuration, which a replay must not.
/// </summary>
public sealed class PlanPublicationActivity(IOptionsMonitor<PublishingOptions> options, PostAudit audit) : TaskActivity<PostSubmission, IReadOnlyList<PublicationTarget>>
{
    /// <inheritdoc/>
    public override async Task<IReadOnlyList<PublicationTarget>> RunAsync(TaskActivityContext context, PostSubmission input)
    {
        ArgumentNullException.ThrowIfNull(input);
        PublishingOptions current = options.CurrentValue;
        List<PublicationTarget> targets = [];
        foreach (Channel channel in input.Channels.Distinct())
        {
            KeyValuePair<string, PublishingAccountOptions>? account = current.AccountFor(channel);
            targets.Add(new PublicationTarget(channel, account?.Key, account?.Value.Network, ComposeLinks.For(channel, input, current.MastodonShareInstance)));
        }

        object details = new
        {
            input.ScheduledAt,
            Channels = targets.Select(t => new { t.Channel, t.Account, By = t.Account is null ? "author" : "chorus" }),
        };

        // An activity runs to its end or its process dies; the worker does not cancel it.
        await audit.RecordAsync(input.PostId, "publication-planned", "publication planned", details, CancellationToken.None).ConfigureAwait(false);
        return targets;
    }
}
