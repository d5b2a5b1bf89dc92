using Chorus.Approvals;
using Chorus.Core.Tests.Durable;
using Chorus.Durable;
using Chorus.Mail;
using Chorus.Mentions;
using Chorus.Mentions.Triage;

namespace Chorus.Core.Tests.Mentions;

public sealed class MentionTriageOrchestratorTests
{
    private const string Sam = "sam@example.org";
    private const string Sue = "sue@example.org";
    private const string Boss = "boss@example.org";

    private static readonly TriageTimings Timings = new(TimeSpan.FromHours(4), TimeSpan.FromHours(2), TimeSpan.FromDays(2));
    private static readonly DateTime ExpiresAt = OrchestrationHarness.Start + Timings.ReminderAfter + Timings.EscalateAfter + Timings.ExpireAfter;

    private static readonly TriageTeam Support = new("Support", [Sam, Sue], [Boss]);

    private static readonly Mention Mention = new(
        "mastodon",
        "112233",
        new Uri("https://social.example/@angry/112233"),
        "@angry@social.example",
        "Angry Customer",
        120,
        "Your service has been down all day, I want a refund.",
        "en",
        new DateTimeOffset(OrchestrationHarness.Start, TimeSpan.Zero),
        "{}");

    private readonly OrchestrationHarness _harness = new();

    public MentionTriageOrchestratorTests()
    {
        _harness.GivenActivity(nameof(RecordMentionActivity), Timings);
        _harness.GivenActivity(nameof(RequestMentionDecisionActivity), new MailDelivery([], []));
        _harness.GivenActivity(nameof(ConcludeMentionActivity), "concluded");
    }

    private IReadOnlyList<MentionDecisionRequest> Requests => _harness.InputsOf<MentionDecisionRequest>(nameof(RequestMentionDecisionActivity));

    [Fact]
    public void The_mention_is_recorded_and_its_team_asked_with_links_that_expire_with_the_triage()
    {
        MentionTriageInput input = Input(Support);

        Task<MentionOutcome> triage = Triage(input);

        Assert.False(triage.IsCompleted);
        Assert.Same(input, Assert.Single(_harness.InputsOf<MentionTriageInput>(nameof(RecordMentionActivity))));
        AssertRequest(Assert.Single(Requests), input, MentionRequestKind.Request, [Sam, Sue]);
        Assert.Equal(OrchestrationHarness.Start + Timings.ReminderAfter, _harness.LiveTimer.Due);
        Assert.Equal([new MentionProgress("awaiting", "Support", "requested")], _harness.StatusesOf<MentionProgress>());
    }

    [Theory]
    [InlineData(MentionActions.Respond)]
    [InlineData(MentionActions.Escalate)]
    [InlineData(MentionActions.Dismiss)]
    public void The_first_team_member_to_answer_decides_the_mention(string action)
    {
        MentionTriageInput input = Input(Support);
        Task<MentionOutcome> triage = Triage(input);
        _harness.Now = OrchestrationHarness.Start.AddMinutes(30);

        ApprovalDecision decision = Decision("SUE@example.org", action);
        _harness.Decide(decision);

        MentionOutcome outcome = OrchestrationHarness.Result(triage);
        Assert.Equal(new MentionOutcome(action, decision, new DateTimeOffset(_harness.Now, TimeSpan.Zero)), outcome);
        Assert.Equal(new MentionProgress(action, "Support"), _harness.Statuses[^1]);
        Assert.Single(Requests);
    }

    [Fact]
    public void The_conclusion_is_called_with_the_outcome_the_triage_returns()
    {
        MentionTriageInput input = Input(Support);
        Task<MentionOutcome> triage = Triage(input);
        _harness.Decide(Decision(Sam, MentionActions.Dismiss));

        MentionOutcome outcome = OrchestrationHarness.Result(triage);

        ConcludeMentionInput conclusion = Assert.Single(_harness.InputsOf<ConcludeMentionInput>(nameof(ConcludeMentionActivity)));
        Assert.Same(input, conclusion.Triage);
        Assert.Same(outcome, conclusion.Outcome);
    }

    [Fact]
    public void Every_activity_is_called_with_the_shared_retry_policy()
    {
        Task<MentionOutcome> triage = Triage(Input(Support));
        _harness.FireTimer();
        _harness.FireTimer();
        _harness.FireTimer();
        OrchestrationHarness.Result(triage);

        Assert.Equal(5, _harness.Activities.Count);
        Assert.All(_harness.Activities, call => Assert.Same(ActivityRetry.Default, call.Options));
    }

    [Fact]
    public void An_answer_that_is_not_a_mention_action_is_ignored()
    {
        Task<MentionOutcome> triage = Triage(Input(Support));

        _harness.Decide(Decision(Sam, ApprovalDecision.Approve));

        Assert.False(triage.IsCompleted);
        Assert.Equal(2, _harness.Waits.Count);

        _harness.Decide(Decision(Sam, MentionActions.Respond));

        Assert.Equal(MentionActions.Respond, OrchestrationHarness.Result(triage).Status);
    }

    [Fact]
    public void Someone_outside_the_team_is_ignored_until_escalation_adds_the_backups()
    {
        Task<MentionOutcome> triage = Triage(Input(Support));

        _harness.Decide(Decision(Boss, MentionActions.Escalate));
        _harness.Decide(Decision("mallory@example.org", MentionActions.Dismiss));
        _harness.FireTimer();
        _harness.Decide(Decision(Boss, MentionActions.Escalate));

        Assert.False(triage.IsCompleted);

        _harness.FireTimer();
        _harness.Decide(Decision("mallory@example.org", MentionActions.Dismiss));

        Assert.False(triage.IsCompleted);

        ApprovalDecision backup = Decision(Boss, MentionActions.Escalate);
        _harness.Decide(backup);

        MentionOutcome outcome = OrchestrationHarness.Result(triage);
        Assert.Equal(MentionActions.Escalate, outcome.Status);
        Assert.Same(backup, outcome.Decision);
    }

    [Fact]
    public void A_reminder_goes_to_the_team()
    {
        MentionTriageInput input = Input(Support);
        Task<MentionOutcome> triage = Triage(input);

        _harness.FireTimer();

        Assert.False(triage.IsCompleted);
        Assert.Equal(2, Requests.Count);
        AssertRequest(Requests[1], input, MentionRequestKind.Reminder, [Sam, Sue]);
        Assert.Equal(new MentionProgress("awaiting", "Support", "reminded"), _harness.Statuses[^1]);
        Assert.Equal(OrchestrationHarness.Start + Timings.ReminderAfter + Timings.EscalateAfter, _harness.LiveTimer.Due);
    }

    [Fact]
    public void Escalation_mails_the_backups()
    {
        MentionTriageInput input = Input(Support);
        Task<MentionOutcome> triage = Triage(input);

        _harness.FireTimer();
        _harness.FireTimer();

        Assert.False(triage.IsCompleted);
        Assert.Equal(3, Requests.Count);
        AssertRequest(Requests[2], input, MentionRequestKind.Escalation, [Boss]);
        Assert.Equal(new MentionProgress("awaiting", "Support", "escalated"), _harness.Statuses[^1]);
        Assert.Equal(ExpiresAt, _harness.LiveTimer.Due);
    }

    [Fact]
    public void Escalating_a_team_without_backups_mails_nobody()
    {
        Task<MentionOutcome> triage = Triage(Input(Support with { Backups = [] }));

        _harness.FireTimer();
        _harness.FireTimer();

        Assert.False(triage.IsCompleted);
        Assert.Equal([MentionRequestKind.Request, MentionRequestKind.Reminder], Requests.Select(r => r.Kind));
        Assert.Equal(new MentionProgress("awaiting", "Support", "escalated"), _harness.Statuses[^1]);
    }

    [Fact]
    public void A_mention_nobody_answers_in_time_expires()
    {
        MentionTriageInput input = Input(Support);
        Task<MentionOutcome> triage = Triage(input);

        _harness.FireTimer();
        _harness.FireTimer();
        _harness.FireTimer();

        MentionOutcome outcome = OrchestrationHarness.Result(triage);
        Assert.Equal(new MentionOutcome("expired", null, new DateTimeOffset(ExpiresAt, TimeSpan.Zero)), outcome);
        Assert.Same(outcome, Assert.Single(_harness.InputsOf<ConcludeMentionInput>(nameof(ConcludeMentionActivity))).Outcome);
        Assert.Equal(
            [
                new MentionProgress("awaiting", "Support", "requested"),
                new MentionProgress("awaiting", "Support", "reminded"),
                new MentionProgress("awaiting", "Support", "escalated"),
                new MentionProgress("expired", "Support"),
            ],
            _harness.StatusesOf<MentionProgress>());
    }

    [Fact]
    public void A_flagged_mention_without_a_team_is_refused_before_anything_is_recorded()
    {
        Task<MentionOutcome> triage = Triage(Input(null));

        InvalidOperationException error = Assert.IsType<InvalidOperationException>(triage.Exception?.InnerException);
        Assert.Contains("without a team", error.Message, StringComparison.Ordinal);
        Assert.Empty(_harness.Activities);
    }

    [Fact]
    public async Task A_missing_context_or_input_is_refused()
    {
        MentionTriageOrchestrator orchestrator = new();

        await Assert.ThrowsAsync<ArgumentNullException>("context", () => orchestrator.RunAsync(null!, Input(Support)));
        await Assert.ThrowsAsync<ArgumentNullException>("input", () => orchestrator.RunAsync(_harness.Context, null!));
        Assert.Empty(_harness.Activities);
    }

    private static void AssertRequest(MentionDecisionRequest request, MentionTriageInput input, MentionRequestKind kind, string[] recipients)
    {
        Assert.Same(input, request.Triage);
        Assert.Equal(kind, request.Kind);
        Assert.Equal(recipients, request.Recipients);
        Assert.Equal(ExpiresAt, request.ExpiresAt);
    }

    private static ApprovalDecision Decision(string approver, string action) =>
        new(1, approver, action, null, new DateTimeOffset(OrchestrationHarness.Start, TimeSpan.Zero));

    private static MentionTriageInput Input(TriageTeam? team) =>
        new(Mention, MentionIds.For(Mention), null, new MentionClassification(true, ["Asks for a refund."], team));

    private Task<MentionOutcome> Triage(MentionTriageInput input) =>
        _harness.Run(context => new MentionTriageOrchestrator().RunAsync(context, input));
}
