using Chorus.Posts.Policy;
using Chorus.Sentiment;

namespace Chorus.Posts.Review;

/// <summary>Routes a checked post: the rules decide when they can, otherwise the stages that apply to it.</summary>
public static class ReviewPlanner
{
    /// <summary>Makes the plan for a post from its findings, its sentiment and the configured rules.</summary>
    public static ReviewPlan Plan(PostSubmission post, PolicyReport report, DocumentSentiment? sentiment, ReviewOptions options)
    {
        TimeSpan reminder = options.ReminderAfter, escalate = options.EscalateAfter, expire = options.ExpireAfter;
        if (report.HasBlock)
        {
            return new ReviewPlan(ReviewRoute.AutoReject, [], reminder, escalate, expire);
        }

        bool negative = sentiment?.Label == SentimentLabel.Negative;
        if (options.AutoApprove && !report.NeedsReview && !negative)
        {
            return new ReviewPlan(ReviewRoute.AutoApprove, [], reminder, escalate, expire);
        }

        List<ReviewStage> stages = [];
        foreach (ReviewStageOptions stage in options.Stages)
        {
            bool teamMatches = stage.Teams.Count == 0 || stage.Teams.Contains(post.Author.Team, StringComparer.OrdinalIgnoreCase);
            bool channelMatches = stage.Channels.Count == 0 || stage.Channels.Intersect(post.Channels).Any();
            bool kindMatches = stage.Kinds.Count == 0 || stage.Kinds.Contains(post.Kind);
            if (teamMatches && channelMatches && kindMatches)
            {
                stages.Add(new ReviewStage(stages.Count + 1, stage.Name, stage.Mode, [.. stage.Approvers], [.. stage.Backups]));
            }
        }

        // A post that needs a person but matches no stage must not slip through: it is rejected with the reason.
        return stages.Count == 0
            ? new ReviewPlan(ReviewRoute.AutoReject, [], reminder, escalate, expire)
            : new ReviewPlan(ReviewRoute.HumanReview, stages, reminder, escalate, expire);
    }
}
