using Chorus.Approvals;
using Chorus.Core.Tests.Durable;
using Chorus.Durable;
using Chorus.Mail;
using Chorus.Posts;
using Chorus.Posts.Listing;
using Chorus.Posts.Policy;
using Chorus.Posts.Review;
using Chorus.Sentiment;

namespace Chorus.Core.Tests.Posts.Review;

public sealed class PostReviewOrchestratorTests
{
    private const string Alice = "alice@example.org";
    private const string Bob = "bob@example.org";
    private const string Carol = "carol@example.org";
    private const string Boss = "boss@example.org";
    private const string Lena = "lena@example.org";

    private static readonly TimeSpan ReminderAfter = TimeSpan.FromDays(1);
    private static readonly TimeSpan EscalateAfter = TimeSpan.FromDays(2);
    private static readonly TimeSpan ExpireAfter = TimeSpan.FromDays(3);
    private static readonly TimeSpan WholeRound = ReminderAfter + EscalateAfter + ExpireAfter;

    private static readonly ReviewStage Communications = new(1, "Communications", ApprovalMode.FirstResponse, [Alice, Bob], [Boss]);
    private static readonly ReviewStage Legal = new(2, "Legal", ApprovalMode.FirstResponse, [Lena], []);

    private static readonly PostSubmission Post = new(
        "p-1",
        new PostAuthor("sam@example.org", "Sam", "Marketing"),
        "Our new opening hours start on Monday.",
        [Channel.Mastodon],
        [],
        null,
        new DateTimeOffset(OrchestrationHarness.Start, TimeSpan.Zero),
        "client-1",
        Listed: true);

    private static readonly DocumentSentiment Sentiment = new("p-1") { Label = SentimentLabel.Neutral };

    private readonly OrchestrationHarness _harness = new();
    private PolicyReport _report = new([new PolicyFinding("terms", FindingSeverity.Warn, "Mentions a competitor.")]);

    public PostReviewOrchestratorTests()
    {
        _harness.GivenActivity<DocumentSentiment?>(nameof(ScorePostActivity), Sentiment);
        _harness.GivenActivity<MailDelivery>(nameof(RequestApprovalActivity), new MailDelivery([], []));
        _harness.GivenActivity<MailDelivery>(nameof(ConcludePostActivity), new MailDelivery([], []));
        _harness.GivenActivity(nameof(RecordPostStatusActivity), true);
    }

    private IReadOnlyList<ApprovalRequest> Requests => _harness.InputsOf<ApprovalRequest>(nameof(RequestApprovalActivity));

    [Fact]
    public void A_post_the_rules_approve_is_approved_without_asking_anyone()
    {
        _report = new([new PolicyFinding("length", FindingSeverity.Info, "Short and sweet.")]);

        PostOutcome outcome = OrchestrationHarness.Result(Review(Plan(ReviewRoute.AutoApprove)));

        Assert.Equal(PostStatus.Approved, outcome.Status);
        Assert.StartsWith("Approved automatically", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(outcome.Decisions);
        Assert.Equal(new DateTimeOffset(OrchestrationHarness.Start, TimeSpan.Zero), outcome.DecidedAt);
        Assert.Empty(Requests);
        Assert.Empty(_harness.Timers);
        Assert.Empty(_harness.Waits);
        Assert.Equal([new PostProgress(PostStatus.Submitted), new PostProgress(PostStatus.Approved)], _harness.StatusesOf<PostProgress>());
    }

    [Fact]
    public void The_post_is_scored_then_checked_with_its_score_then_planned_with_both()
    {
        ReviewPlan plan = Plan(ReviewRoute.AutoApprove);

        OrchestrationHarness.Result(Review(plan));

        Assert.Equal(
            [nameof(ScorePostActivity), nameof(CheckPostActivity), nameof(PlanReviewActivity), nameof(RecordPostStatusActivity), nameof(ConcludePostActivity)],
            _harness.Activities.Select(call => call.Name));
        Assert.Same(Post, _harness.Activities[0].Input);
        Assert.Equal(new CheckPostInput(Post, Sentiment), Assert.Single(_harness.InputsOf<CheckPostInput>(nameof(CheckPostActivity))));
        Assert.Equal(new PlanReviewInput(Post, _report, Sentiment), Assert.Single(_harness.InputsOf<PlanReviewInput>(nameof(PlanReviewActivity))));
    }

    [Fact]
    public void Every_activity_is_called_with_the_shared_retry_policy()
    {
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, Communications));
        _harness.FireTimer();
        _harness.FireTimer();
        _harness.FireTimer();
        OrchestrationHarness.Result(review);

        Assert.Equal(9, _harness.Activities.Count);
        Assert.All(_harness.Activities, call => Assert.Same(ActivityRetry.Default, call.Options));
    }

    [Theory]
    [InlineData(ReviewRoute.AutoApprove, PostStatus.Approved)]
    [InlineData(ReviewRoute.AutoReject, PostStatus.Rejected)]
    public void A_post_the_rules_decide_moves_in_the_list_from_submitted_to_its_outcome_before_the_author_is_told(ReviewRoute route, PostStatus status)
    {
        OrchestrationHarness.Result(Review(Plan(route)));

        PostStatusChange change = Assert.Single(_harness.InputsOf<PostStatusChange>(nameof(RecordPostStatusActivity)));
        Assert.Equal(new PostStatusChange(new PostListEntry(Post.PostId, status, Post.Author, Post.SubmittedAt), PostStatus.Submitted), change);
        Assert.Equal([nameof(RecordPostStatusActivity), nameof(ConcludePostActivity)], _harness.Activities.Skip(3).Select(call => call.Name));
    }

    [Fact]
    public void A_post_for_people_is_listed_as_awaiting_before_anyone_is_asked_and_moved_to_its_outcome_before_the_author_is_told()
    {
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, Communications, Legal));

        Assert.Equal([nameof(RecordPostStatusActivity), nameof(RequestApprovalActivity)], _harness.Activities.Skip(3).Select(call => call.Name));
        _harness.Decide(Approve(1, Alice));
        _harness.Decide(Approve(2, Lena));
        OrchestrationHarness.Result(review);

        // Two stages, one wait: the list sees two moves, not one per stage.
        Assert.Equal(
            [
                new PostStatusChange(new PostListEntry(Post.PostId, PostStatus.AwaitingApproval, Post.Author, Post.SubmittedAt), PostStatus.Submitted),
                new PostStatusChange(new PostListEntry(Post.PostId, PostStatus.Approved, Post.Author, Post.SubmittedAt), PostStatus.AwaitingApproval),
            ],
            _harness.InputsOf<PostStatusChange>(nameof(RecordPostStatusActivity)));
        Assert.Equal([nameof(RecordPostStatusActivity), nameof(ConcludePostActivity)], _harness.Activities.TakeLast(2).Select(call => call.Name));
    }

    [Fact]
    public void A_review_started_before_posts_were_listed_replays_without_the_list_steps()
    {
        // Its history has no list steps: scheduling one now would not match it, and the replay would fail.
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, Communications), Post with { Listed = false });
        _harness.Decide(Approve(1, Alice));

        Assert.Equal(PostStatus.Approved, OrchestrationHarness.Result(review).Status);
        Assert.Equal(
            [nameof(ScorePostActivity), nameof(CheckPostActivity), nameof(PlanReviewActivity), nameof(RequestApprovalActivity), nameof(ConcludePostActivity)],
            _harness.Activities.Select(call => call.Name));
    }

    [Fact]
    public void A_post_nobody_decides_moves_in_the_list_from_awaiting_to_expired()
    {
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, Communications));
        _harness.FireTimer();
        _harness.FireTimer();
        _harness.FireTimer();
        OrchestrationHarness.Result(review);

        PostStatusChange last = _harness.InputsOf<PostStatusChange>(nameof(RecordPostStatusActivity))[^1];
        Assert.Equal((PostStatus.Expired, PostStatus.AwaitingApproval), (last.Entry.Status, last.From));
    }

    [Fact]
    public void A_post_with_a_blocking_finding_is_rejected_with_the_findings_explained()
    {
        _report = new(
        [
            new PolicyFinding("cards", FindingSeverity.Block, "The post contains a payment card number."),
            new PolicyFinding("terms", FindingSeverity.Warn, "Mentions a competitor."),
            new PolicyFinding("iban", FindingSeverity.Block, "The post contains a bank account number."),
        ]);

        PostOutcome outcome = OrchestrationHarness.Result(Review(Plan(ReviewRoute.AutoReject)));

        Assert.Equal(PostStatus.Rejected, outcome.Status);
        Assert.Equal("Rejected automatically: The post contains a payment card number. The post contains a bank account number.", outcome.Reason);
        Assert.Empty(outcome.Decisions);
        Assert.Empty(Requests);
        Assert.Empty(_harness.Waits);
        Assert.Equal(new PostProgress(PostStatus.Rejected), _harness.Statuses[^1]);
    }

    [Fact]
    public void A_post_that_needs_a_person_but_has_no_stage_is_rejected_saying_so()
    {
        PostOutcome outcome = OrchestrationHarness.Result(Review(Plan(ReviewRoute.AutoReject)));

        Assert.Equal(PostStatus.Rejected, outcome.Status);
        Assert.Equal("Rejected automatically: the post needs a review, but no approval stage is configured for its team and channels.", outcome.Reason);
        Assert.Empty(Requests);
    }

    [Fact]
    public void A_post_the_plan_rejects_for_a_reason_of_its_own_is_rejected_with_that_reason()
    {
        ReviewPlan plan = Plan(ReviewRoute.AutoReject) with { Reason = "Rejected automatically: only its author could approve it." };

        PostOutcome outcome = OrchestrationHarness.Result(Review(plan));

        Assert.Equal(PostStatus.Rejected, outcome.Status);
        Assert.Equal("Rejected automatically: only its author could approve it.", outcome.Reason);
        Assert.Empty(Requests);
    }

    [Fact]
    public void The_conclusion_is_called_with_the_outcome_the_review_returns()
    {
        PostOutcome outcome = OrchestrationHarness.Result(Review(Plan(ReviewRoute.AutoReject)));

        ConcludePostInput conclusion = Assert.Single(_harness.InputsOf<ConcludePostInput>(nameof(ConcludePostActivity)));
        Assert.Same(Post, conclusion.Post);
        Assert.Same(outcome, conclusion.Outcome);
    }

    [Fact]
    public void A_stage_asks_its_approvers_with_links_that_expire_with_the_stage()
    {
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, Communications));

        Assert.False(review.IsCompleted);
        AssertRequest(Assert.Single(Requests), Communications, ApprovalRequestKind.Request, [Alice, Bob], OrchestrationHarness.Start + WholeRound);
        Assert.Equal(OrchestrationHarness.Start + ReminderAfter, _harness.LiveTimer.Due);
        Assert.Equal(new PostProgress(PostStatus.AwaitingApproval, 1, "Communications", "requested"), _harness.Statuses[^1]);
    }

    [Fact]
    public void In_a_first_response_stage_the_first_approval_approves_the_post()
    {
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, Communications));
        _harness.Now = OrchestrationHarness.Start.AddHours(2);

        ApprovalDecision approval = Approve(1, "BOB@example.org");
        _harness.Decide(approval);

        PostOutcome outcome = OrchestrationHarness.Result(review);
        Assert.Equal(PostStatus.Approved, outcome.Status);
        Assert.Equal("Approved by the reviewers.", outcome.Reason);
        Assert.Equal([approval], outcome.Decisions);
        Assert.Equal(new DateTimeOffset(_harness.Now, TimeSpan.Zero), outcome.DecidedAt);
        Assert.Equal(
            [
                new PostProgress(PostStatus.Submitted),
                new PostProgress(PostStatus.AwaitingApproval, 1, "Communications", "requested"),
                new PostProgress(PostStatus.Approved),
            ],
            _harness.StatusesOf<PostProgress>());
        Assert.Same(outcome, Assert.Single(_harness.InputsOf<ConcludePostInput>(nameof(ConcludePostActivity))).Outcome);
    }

    [Fact]
    public void A_rejection_rejects_the_post_at_that_stage()
    {
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, Communications, Legal));

        ApprovalDecision rejection = Reject(1, Alice);
        _harness.Decide(rejection);

        PostOutcome outcome = OrchestrationHarness.Result(review);
        Assert.Equal(PostStatus.Rejected, outcome.Status);
        Assert.Equal("Rejected at the Communications stage.", outcome.Reason);
        Assert.Equal([rejection], outcome.Decisions);
        Assert.DoesNotContain(Requests, request => request.Stage.Number == 2);
        Assert.Equal(new PostProgress(PostStatus.Rejected), _harness.Statuses[^1]);
    }

    [Fact]
    public void When_everyone_must_approve_the_stage_waits_for_every_approver()
    {
        ReviewStage everyone = Communications with { Mode = ApprovalMode.Everyone, Approvers = [Alice, Bob, Carol] };
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, everyone));

        _harness.Decide(Approve(1, Alice));
        _harness.Decide(Approve(1, Carol));

        Assert.False(review.IsCompleted);

        _harness.Decide(Approve(1, Bob));

        PostOutcome outcome = OrchestrationHarness.Result(review);
        Assert.Equal(PostStatus.Approved, outcome.Status);
        Assert.Equal([Alice, Carol, Bob], outcome.Decisions.Select(d => d.Approver));
    }

    [Fact]
    public void When_everyone_must_approve_one_rejection_rejects()
    {
        ReviewStage everyone = Communications with { Mode = ApprovalMode.Everyone };
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, everyone));

        _harness.Decide(Approve(1, Alice));
        _harness.Decide(Reject(1, Bob));

        PostOutcome outcome = OrchestrationHarness.Result(review);
        Assert.Equal(PostStatus.Rejected, outcome.Status);
        Assert.Equal([Alice, Bob], outcome.Decisions.Select(d => d.Approver));
    }

    [Fact]
    public void The_second_stage_is_asked_only_after_the_first_approves()
    {
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, Communications, Legal));
        Assert.Single(Requests);

        DateTime secondStageStart = OrchestrationHarness.Start.AddHours(5);
        _harness.Now = secondStageStart;
        ApprovalDecision first = Approve(1, Alice);
        _harness.Decide(first);

        Assert.False(review.IsCompleted);
        Assert.Equal(2, Requests.Count);
        AssertRequest(Requests[1], Legal, ApprovalRequestKind.Request, [Lena], secondStageStart + WholeRound);
        Assert.Equal(secondStageStart + ReminderAfter, _harness.LiveTimer.Due);
        Assert.Equal(new PostProgress(PostStatus.AwaitingApproval, 2, "Legal", "requested"), _harness.Statuses[^1]);

        ApprovalDecision second = Approve(2, Lena);
        _harness.Decide(second);

        PostOutcome outcome = OrchestrationHarness.Result(review);
        Assert.Equal(PostStatus.Approved, outcome.Status);
        Assert.Equal([first, second], outcome.Decisions);
    }

    [Fact]
    public void A_rejection_at_the_second_stage_rejects_the_post_with_both_stages_decisions()
    {
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, Communications, Legal));
        ApprovalDecision first = Approve(1, Alice);
        _harness.Decide(first);

        ApprovalDecision second = Reject(2, Lena);
        _harness.Decide(second);

        PostOutcome outcome = OrchestrationHarness.Result(review);
        Assert.Equal(PostStatus.Rejected, outcome.Status);
        Assert.Equal("Rejected at the Legal stage.", outcome.Reason);
        Assert.Equal([first, second], outcome.Decisions);
    }

    [Fact]
    public void A_decision_from_someone_who_is_not_an_approver_of_the_stage_is_ignored()
    {
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, Communications, Legal));

        _harness.Decide(Reject(1, "mallory@example.org"));
        _harness.Decide(Reject(1, Lena));

        Assert.False(review.IsCompleted);
        Assert.Equal(3, _harness.Waits.Count);

        _harness.Decide(Approve(1, Alice));
        _harness.Decide(Approve(2, Lena));

        PostOutcome outcome = OrchestrationHarness.Result(review);
        Assert.Equal(PostStatus.Approved, outcome.Status);
        Assert.Equal([Alice, Lena], outcome.Decisions.Select(d => d.Approver));
    }

    [Fact]
    public void A_decision_for_another_stage_is_ignored()
    {
        ReviewStage alsoAlice = Legal with { Approvers = [Alice] };
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, Communications, alsoAlice));

        _harness.Decide(Reject(2, Alice));

        Assert.False(review.IsCompleted);

        _harness.Decide(Approve(1, Alice));
        _harness.Decide(Reject(1, Alice));

        Assert.False(review.IsCompleted);

        _harness.Decide(Approve(2, Alice));

        PostOutcome outcome = OrchestrationHarness.Result(review);
        Assert.Equal(PostStatus.Approved, outcome.Status);
        Assert.Equal([(1, ApprovalDecision.Approve), (2, ApprovalDecision.Approve)], outcome.Decisions.Select(d => (d.Stage, d.Action)));
    }

    [Fact]
    public void A_second_decision_by_the_same_approver_is_ignored()
    {
        ReviewStage everyone = Communications with { Mode = ApprovalMode.Everyone };
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, everyone));

        _harness.Decide(Approve(1, Alice));
        _harness.Decide(Reject(1, "ALICE@example.org"));

        Assert.False(review.IsCompleted);

        _harness.Decide(Approve(1, Bob));

        PostOutcome outcome = OrchestrationHarness.Result(review);
        Assert.Equal(PostStatus.Approved, outcome.Status);
        Assert.Equal([Alice, Bob], outcome.Decisions.Select(d => d.Approver));
    }

    [Fact]
    public void A_reminder_goes_only_to_approvers_who_have_not_answered()
    {
        ReviewStage everyone = Communications with { Mode = ApprovalMode.Everyone, Approvers = [Alice, Bob, Carol] };
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, everyone));
        _harness.Decide(Approve(1, "Alice@Example.org"));

        _harness.FireTimer();

        Assert.False(review.IsCompleted);
        AssertRequest(Requests[^1], everyone, ApprovalRequestKind.Reminder, [Bob, Carol], OrchestrationHarness.Start + WholeRound);
        Assert.Equal(new PostProgress(PostStatus.AwaitingApproval, 1, "Communications", "reminded"), _harness.Statuses[^1]);
        Assert.Equal(OrchestrationHarness.Start + ReminderAfter + EscalateAfter, _harness.LiveTimer.Due);
    }

    [Fact]
    public void Escalation_mails_the_backups_and_only_then_lets_them_decide()
    {
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, Communications));
        _harness.Decide(Approve(1, Boss));
        Assert.False(review.IsCompleted);

        _harness.FireTimer();
        _harness.FireTimer();

        AssertRequest(Requests[^1], Communications, ApprovalRequestKind.Escalation, [Boss], OrchestrationHarness.Start + WholeRound);
        Assert.Equal(new PostProgress(PostStatus.AwaitingApproval, 1, "Communications", "escalated"), _harness.Statuses[^1]);

        ApprovalDecision backup = Approve(1, Boss);
        _harness.Decide(backup);

        PostOutcome outcome = OrchestrationHarness.Result(review);
        Assert.Equal(PostStatus.Approved, outcome.Status);
        Assert.Equal([backup], outcome.Decisions);
    }

    [Fact]
    public void Escalating_a_stage_without_backups_mails_nobody()
    {
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, Legal));

        _harness.FireTimer();
        _harness.FireTimer();

        Assert.False(review.IsCompleted);
        Assert.Equal([ApprovalRequestKind.Request, ApprovalRequestKind.Reminder], Requests.Select(r => r.Kind));
        Assert.Equal(new PostProgress(PostStatus.AwaitingApproval, 2, "Legal", "escalated"), _harness.Statuses[^1]);
    }

    [Fact]
    public void A_stage_nobody_decides_in_time_expires_the_post()
    {
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, Communications, Legal));

        _harness.FireTimer();
        _harness.FireTimer();
        _harness.FireTimer();

        PostOutcome outcome = OrchestrationHarness.Result(review);
        Assert.Equal(PostStatus.Expired, outcome.Status);
        Assert.Equal("Nobody decided at the Communications stage in time, so the post expired. Submit it again if it is still needed.", outcome.Reason);
        Assert.Empty(outcome.Decisions);
        Assert.Equal(new DateTimeOffset(OrchestrationHarness.Start + WholeRound, TimeSpan.Zero), outcome.DecidedAt);
        Assert.DoesNotContain(Requests, request => request.Stage.Number == 2);
        Assert.Same(outcome, Assert.Single(_harness.InputsOf<ConcludePostInput>(nameof(ConcludePostActivity))).Outcome);
        Assert.Equal(
            [
                new PostProgress(PostStatus.Submitted),
                new PostProgress(PostStatus.AwaitingApproval, 1, "Communications", "requested"),
                new PostProgress(PostStatus.AwaitingApproval, 1, "Communications", "reminded"),
                new PostProgress(PostStatus.AwaitingApproval, 1, "Communications", "escalated"),
                new PostProgress(PostStatus.Expired),
            ],
            _harness.StatusesOf<PostProgress>());
    }

    [Fact]
    public void An_expired_post_keeps_the_decisions_that_did_not_settle_the_stage()
    {
        ReviewStage everyone = Communications with { Mode = ApprovalMode.Everyone };
        Task<PostOutcome> review = Review(Plan(ReviewRoute.HumanReview, everyone));
        ApprovalDecision approval = Approve(1, Alice);
        _harness.Decide(approval);

        _harness.FireTimer();
        _harness.FireTimer();
        _harness.FireTimer();

        PostOutcome outcome = OrchestrationHarness.Result(review);
        Assert.Equal(PostStatus.Expired, outcome.Status);
        Assert.Equal([approval], outcome.Decisions);
    }

    [Fact]
    public async Task A_missing_context_or_post_is_refused()
    {
        PostReviewOrchestrator orchestrator = new();

        await Assert.ThrowsAsync<ArgumentNullException>("context", () => orchestrator.RunAsync(null!, Post));
        await Assert.ThrowsAsync<ArgumentNullException>("post", () => orchestrator.RunAsync(_harness.Context, null!));
        Assert.Empty(_harness.Activities);
    }

    private static void AssertRequest(ApprovalRequest request, ReviewStage stage, ApprovalRequestKind kind, string[] recipients, DateTime expiresAt)
    {
        Assert.Same(Post, request.Post);
        Assert.Same(stage, request.Stage);
        Assert.Equal(kind, request.Kind);
        Assert.Equal(recipients, request.Recipients);
        Assert.Equal(expiresAt, request.ExpiresAt);
    }

    private static ApprovalDecision Approve(int stage, string approver) =>
        new(stage, approver, ApprovalDecision.Approve, null, new DateTimeOffset(OrchestrationHarness.Start, TimeSpan.Zero));

    private static ApprovalDecision Reject(int stage, string approver) =>
        new(stage, approver, ApprovalDecision.Reject, "Not like this.", new DateTimeOffset(OrchestrationHarness.Start, TimeSpan.Zero));

    private static ReviewPlan Plan(ReviewRoute route, params ReviewStage[] stages) =>
        new(route, stages, ReminderAfter, EscalateAfter, ExpireAfter);

    private Task<PostOutcome> Review(ReviewPlan plan, PostSubmission? post = null)
    {
        _harness.GivenActivity(nameof(CheckPostActivity), _report);
        _harness.GivenActivity(nameof(PlanReviewActivity), plan);
        return _harness.Run(context => new PostReviewOrchestrator().RunAsync(context, post ?? Post));
    }
}
