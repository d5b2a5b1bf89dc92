using Chorus.Approvals;
using Chorus.Sentiment;

namespace Chorus.Mentions.Triage;

/// <summary>A scored, classified mention handed to triage.</summary>
public sealed record MentionTriageInput(Mention Mention, string MentionId, DocumentSentiment? Sentiment, MentionClassification Classification)
{
    /// <summary>Gets the triage orchestration's instance id.</summary>
    public string InstanceId => MentionIds.InstanceId(Mention.Source, MentionId);
}

/// <summary>How triage ended: "handled automatically", or the team's decision (respond, escalate, dismiss), or "expired".</summary>
public sealed record MentionOutcome(string Status, ApprovalDecision? Decision, DateTimeOffset At);

/// <summary>The triage's custom status: whether it waits for the team, and which.</summary>
public sealed record MentionProgress(string Status, string? Team = null, string? Phase = null);

/// <summary>When the team is reminded, when backups are asked, when the mention expires, fixed when triage starts.</summary>
public sealed record TriageTimings(TimeSpan ReminderAfter, TimeSpan EscalateAfter, TimeSpan ExpireAfter);

/// <summary>Why a team is mailed about a mention.</summary>
public enum MentionRequestKind
{
    /// <summary>The first request to the team.</summary>
    Request,

    /// <summary>The team has not answered in time.</summary>
    Reminder,

    /// <summary>The team's backups are asked.</summary>
    Escalation,
}

/// <summary>Input of <see cref="RequestMentionDecisionActivity"/>.</summary>
public sealed record MentionDecisionRequest(MentionTriageInput Triage, MentionRequestKind Kind, IReadOnlyList<string> Recipients, DateTime ExpiresAt);

/// <summary>Input of <see cref="ConcludeMentionActivity"/>.</summary>
public sealed record ConcludeMentionInput(MentionTriageInput Triage, MentionOutcome Outcome);

/// <summary>The actions a team can take on a flagged mention.</summary>
public static class MentionActions
{
    /// <summary>Answer the customer.</summary>
    public const string Respond = "respond";

    /// <summary>Hand the mention to someone more senior.</summary>
    public const string Escalate = "escalate";

    /// <summary>Nothing to do.</summary>
    public const string Dismiss = "dismiss";

    /// <summary>Gets every action, in the order the email offers them.</summary>
    public static IReadOnlyList<string> All { get; } = [Respond, Escalate, Dismiss];
}
