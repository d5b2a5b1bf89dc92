using Chorus.Mail;
using Chorus.Posts.Policy;
using Chorus.Sentiment;

namespace Chorus.Posts.Review;

/// <summary>
/// Routes a checked post: the rules decide when they can, otherwise the stages that apply to it, never with the post's
/// own author among those who decide.
/// </summary>
public static class ReviewPlanner
{
    /// <summary>Why a post that needs a person is rejected when no stage applies to it.</summary>
    public const string NoStageReason = "Rejected automatically: the post needs a review, but no approval stage is configured for its team and channels.";

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
            if (!(teamMatches && channelMatches && kindMatches))
            {
                continue;
            }

            // Four eyes: nobody approves their own post (a care agent's reply included). Where the author was the
            // stage's only approver, its backups decide from the start; where they were the backup too, nobody can.
            List<string> approvers = [.. stage.Approvers.Where(a => !IsAuthor(post, a))];
            List<string> backups = [.. stage.Backups.Where(b => !IsAuthor(post, b))];
            if (approvers.Count == 0)
            {
                (approvers, backups) = (backups, []);
            }

            if (approvers.Count == 0)
            {
                return new ReviewPlan(ReviewRoute.AutoReject, [], reminder, escalate, expire)
                {
                    Reason = $"Rejected automatically: the post needs a review, and at the {stage.Name} stage only its author, {post.Author.Email}, could approve it. Nobody approves their own post: ask for another approver or backup at that stage.",
                };
            }

            stages.Add(new ReviewStage(stages.Count + 1, stage.Name, stage.Mode, approvers, backups));
        }

        // A post that needs a person but matches no stage must not slip through: it is rejected with the reason.
        return stages.Count == 0
            ? new ReviewPlan(ReviewRoute.AutoReject, [], reminder, escalate, expire) { Reason = NoStageReason }
            : new ReviewPlan(ReviewRoute.HumanReview, stages, reminder, escalate, expire);
    }

    private static bool IsAuthor(PostSubmission post, string address) => EmailAddress.SameMailbox(address, post.Author.Email);
}
