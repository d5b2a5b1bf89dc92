using System.ComponentModel.DataAnnotations;
using Chorus.Mail;

namespace Chorus.Posts.Review;

/// <summary>How staff posts are routed and reviewed, bound from <c>Posts:Review</c>.</summary>
public sealed class ReviewOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Posts:Review";

    /// <summary>Gets or sets whether a post with no warn-or-worse finding and no negative sentiment is approved without a person.</summary>
    public bool AutoApprove { get; set; } = true;

    /// <summary>Gets the approval stages, in order; a stage applies to a post when its team, channel and kind filters match.</summary>
    public List<ReviewStageOptions> Stages { get; } = [];

    /// <summary>Gets or sets when a stage's approvers get a reminder.</summary>
    public TimeSpan ReminderAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets or sets when, after the reminder, the stage goes to its backup approvers as well.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets or sets when, after the escalation, an undecided post expires.</summary>
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromDays(3);

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReminderAfter <= TimeSpan.Zero || EscalateAfter <= TimeSpan.Zero || ExpireAfter <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Posts:Review:ReminderAfter, EscalateAfter and ExpireAfter must be positive.");
        }

        if (ReminderAfter + EscalateAfter + ExpireAfter > TimeSpan.FromDays(30))
        {
            yield return new ValidationResult("Posts:Review: a review may last at most 30 days (ReminderAfter + EscalateAfter + ExpireAfter); approval links expire with it.");
        }

        for (int i = 0; i < Stages.Count; i++)
        {
            ReviewStageOptions stage = Stages[i];
            if (string.IsNullOrWhiteSpace(stage.Name))
            {
                yield return new ValidationResult($"Posts:Review:Stages:{i}:Name is required.");
            }

            if (stage.Approvers.Count == 0)
            {
                yield return new ValidationResult($"Posts:Review:Stages:{i}:Approvers needs at least one address.");
            }

            foreach (PostKind kind in stage.Kinds.Where(k => !Enum.IsDefined(k)))
            {
                yield return new ValidationResult($"Posts:Review:Stages:{i}:Kinds: '{(int)kind}' is not a kind of post; use post or reply.");
            }

            foreach (string address in stage.Approvers.Concat(stage.Backups))
            {
                if (!EmailAddress.IsValid(address))
                {
                    yield return new ValidationResult($"Posts:Review:Stages:{i}: '{address}' is not an email address.");
                }
            }
        }
    }
}

/// <summary>One approval stage.</summary>
public sealed class ReviewStageOptions
{
    /// <summary>Gets or sets the stage's name, shown to approvers ("Communications", "Legal").</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets how the approvers decide together.</summary>
    public ApprovalMode Mode { get; set; } = ApprovalMode.FirstResponse;

    /// <summary>Gets the approvers' email addresses.</summary>
    public List<string> Approvers { get; } = [];

    /// <summary>Gets the addresses the stage escalates to.</summary>
    public List<string> Backups { get; } = [];

    /// <summary>Gets the teams the stage applies to; empty means every team.</summary>
    public List<string> Teams { get; } = [];

    /// <summary>Gets the channels the stage applies to; empty means every channel.</summary>
    public List<Channel> Channels { get; } = [];

    /// <summary>Gets the kinds of post the stage applies to (<c>post</c>, <c>reply</c>); empty means every kind.</summary>
    public List<PostKind> Kinds { get; } = [];
}
