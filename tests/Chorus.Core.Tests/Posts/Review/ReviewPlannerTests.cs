using System.ComponentModel.DataAnnotations;
using Chorus.Posts;
using Chorus.Posts.Policy;
using Chorus.Posts.Review;
using Chorus.Sentiment;

namespace Chorus.Core.Tests.Posts.Review;

public sealed class ReviewPlannerTests
{
    private static readonly PolicyReport Clean = new([]);
    private static readonly PolicyReport InfoOnly = new([new PolicyFinding("length", FindingSeverity.Info, "Could be shorter.")]);
    private static readonly PolicyReport Warned = new([new PolicyFinding("terms", FindingSeverity.Warn, "Mentions a competitor.")]);
    private static readonly PolicyReport Blocked = new([new PolicyFinding("cards", FindingSeverity.Block, "Contains a payment card number.")]);

    private static readonly DocumentSentiment Negative = new("p-1") { Label = SentimentLabel.Negative };
    private static readonly DocumentSentiment Mixed = new("p-1") { Label = SentimentLabel.Mixed };

    [Fact]
    public void A_blocking_finding_rejects_the_post_even_when_stages_apply()
    {
        ReviewOptions options = Options(Stage("Communications"));
        options.AutoApprove = false;

        ReviewPlan plan = ReviewPlanner.Plan(Post("Marketing", Channel.X), Blocked, Negative, options);

        Assert.Equal(ReviewRoute.AutoReject, plan.Route);
        Assert.Empty(plan.Stages);
    }

    [Theory]
    [MemberData(nameof(NothingToLookAt))]
    public void A_post_with_nothing_to_look_at_is_approved_automatically(PolicyReport report, DocumentSentiment? sentiment)
    {
        ReviewPlan plan = ReviewPlanner.Plan(Post("Marketing", Channel.X), report, sentiment, Options(Stage("Communications")));

        Assert.Equal(ReviewRoute.AutoApprove, plan.Route);
        Assert.Empty(plan.Stages);
    }

    public static TheoryData<PolicyReport, DocumentSentiment?> NothingToLookAt() => new()
    {
        { Clean, null },
        { InfoOnly, null },
        { Clean, Mixed },
        { InfoOnly, new DocumentSentiment("p-1") { Label = SentimentLabel.Positive } },
    };

    [Fact]
    public void A_warning_sends_the_post_to_people()
    {
        ReviewPlan plan = ReviewPlanner.Plan(Post("Marketing", Channel.X), Warned, null, Options(Stage("Communications")));

        Assert.Equal(ReviewRoute.HumanReview, plan.Route);
        Assert.Equal("Communications", Assert.Single(plan.Stages).Name);
    }

    [Fact]
    public void Negative_sentiment_sends_a_clean_post_to_people()
    {
        ReviewPlan plan = ReviewPlanner.Plan(Post("Marketing", Channel.X), Clean, Negative, Options(Stage("Communications")));

        Assert.Equal(ReviewRoute.HumanReview, plan.Route);
    }

    [Fact]
    public void Without_auto_approval_a_clean_post_goes_to_people()
    {
        ReviewOptions options = Options(Stage("Communications"));
        options.AutoApprove = false;

        ReviewPlan plan = ReviewPlanner.Plan(Post("Marketing", Channel.X), Clean, null, options);

        Assert.Equal(ReviewRoute.HumanReview, plan.Route);
    }

    [Fact]
    public void A_post_that_needs_people_but_matches_no_stage_is_rejected()
    {
        ReviewPlan plan = ReviewPlanner.Plan(Post("Marketing", Channel.X), Warned, null, Options(Stage("Legal", teams: ["Finance"])));

        Assert.Equal(ReviewRoute.AutoReject, plan.Route);
        Assert.Empty(plan.Stages);
    }

    [Fact]
    public void A_post_that_needs_people_with_no_stages_configured_is_rejected()
    {
        ReviewPlan plan = ReviewPlanner.Plan(Post("Marketing", Channel.X), Warned, null, Options());

        Assert.Equal(ReviewRoute.AutoReject, plan.Route);
        Assert.Equal(ReviewPlanner.NoStageReason, plan.Reason);
    }

    [Fact]
    public void Only_stages_whose_team_and_channel_filters_match_apply_numbered_in_order()
    {
        ReviewOptions options = Options(
            Stage("Everyone"),
            Stage("Other team", teams: ["Finance"]),
            Stage("Same team", teams: ["Finance", "marketing"]),
            Stage("Other channel", channels: [Channel.LinkedIn]),
            Stage("Shared channel", channels: [Channel.LinkedIn, Channel.Mastodon]),
            Stage("Team but not channel", teams: ["Marketing"], channels: [Channel.Bluesky]),
            Stage("Team and channel", teams: ["MARKETING"], channels: [Channel.X]));

        ReviewPlan plan = ReviewPlanner.Plan(Post("Marketing", Channel.X, Channel.Mastodon), Warned, null, options);

        Assert.Equal(ReviewRoute.HumanReview, plan.Route);
        Assert.Equal(["Everyone", "Same team", "Shared channel", "Team and channel"], plan.Stages.Select(stage => stage.Name));
        Assert.Equal([1, 2, 3, 4], plan.Stages.Select(stage => stage.Number));
    }

    [Fact]
    public void A_reply_goes_to_the_stages_for_replies_and_a_post_to_those_for_posts()
    {
        ReviewOptions options = Options(Stage("Everyone"), Stage("Communications", kinds: [PostKind.Post]), Stage("Care", kinds: [PostKind.Reply]));
        PostSubmission reply = Post("Customer care", Channel.Mastodon) with { Kind = PostKind.Reply, InReplyTo = new ReplyTarget("masto", "20261120-0123", "109", null) };

        ReviewPlan forReply = ReviewPlanner.Plan(reply, Warned, null, options);
        ReviewPlan forPost = ReviewPlanner.Plan(Post("Customer care", Channel.Mastodon), Warned, null, options);

        Assert.Equal(["Everyone", "Care"], forReply.Stages.Select(stage => stage.Name));
        Assert.Equal(["Everyone", "Communications"], forPost.Stages.Select(stage => stage.Name));
    }

    [Fact]
    public void A_clean_reply_is_approved_by_rule_like_any_post()
    {
        PostSubmission reply = Post("Customer care", Channel.X) with { Kind = PostKind.Reply };

        ReviewPlan plan = ReviewPlanner.Plan(reply, Clean, null, Options(Stage("Care", kinds: [PostKind.Reply])));

        Assert.Equal(ReviewRoute.AutoApprove, plan.Route);
    }

    [Fact]
    public void A_kind_that_is_not_one_is_refused_naming_the_setting()
    {
        ReviewOptions options = Options(Stage("Care", kinds: [(PostKind)7]));

        ValidationResult failure = Assert.Single(options.Validate(new ValidationContext(options)));

        Assert.Contains("Posts:Review:Stages:0:Kinds", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(Options(Stage("Care", kinds: [PostKind.Reply, PostKind.Post])).Validate(new ValidationContext(options)));
    }

    [Fact]
    public void A_stage_keeps_its_mode_approvers_and_backups_as_they_were_when_planned()
    {
        ReviewStageOptions configured = Stage("Legal");
        configured.Mode = ApprovalMode.Everyone;
        configured.Backups.Add("boss@example.org");

        ReviewPlan plan = ReviewPlanner.Plan(Post("Marketing", Channel.X), Warned, null, Options(configured));
        configured.Approvers.Add("late@example.org");
        configured.Backups.Clear();

        ReviewStage stage = Assert.Single(plan.Stages);
        Assert.Equal(ApprovalMode.Everyone, stage.Mode);
        Assert.Equal(["legal@example.org"], stage.Approvers);
        Assert.Equal(["boss@example.org"], stage.Backups);
    }

    [Fact]
    public void The_author_is_never_asked_to_approve_their_own_post_and_the_others_still_are()
    {
        ReviewStageOptions legal = Stage("Legal");
        legal.Mode = ApprovalMode.Everyone;
        legal.Approvers.Add("SAM@example.org");
        legal.Backups.AddRange(["sam@example.org", "boss@example.org"]);

        ReviewPlan plan = ReviewPlanner.Plan(Post("Marketing", Channel.X), Warned, null, Options(legal));

        ReviewStage stage = Assert.Single(plan.Stages);
        Assert.Equal(["legal@example.org"], stage.Approvers);
        Assert.Equal(["boss@example.org"], stage.Backups);
        Assert.Null(plan.Reason);
    }

    [Fact]
    public void An_international_domain_and_its_punycode_are_one_author()
    {
        ReviewStageOptions stage = Stage("Legal");
        stage.Approvers.Add("sam@xn--bcher-kva.example");

        ReviewPlan plan = ReviewPlanner.Plan(Post("Marketing", Channel.X) with { Author = new PostAuthor("Sam@Bücher.example", "Sam", "Marketing") }, Warned, null, Options(stage));

        Assert.Equal(["legal@example.org"], Assert.Single(plan.Stages).Approvers);
    }

    [Fact]
    public void Where_the_author_is_the_only_approver_the_backups_decide_from_the_start()
    {
        ReviewStageOptions care = Stage("Care");
        care.Approvers.Clear();
        care.Approvers.Add("sam@example.org");
        care.Backups.Add("head@example.org");

        ReviewPlan plan = ReviewPlanner.Plan(Post("Customer care", Channel.X) with { Kind = PostKind.Reply }, Warned, null, Options(Stage("Communications"), care));

        Assert.Equal(ReviewRoute.HumanReview, plan.Route);
        Assert.Equal(["Communications", "Care"], plan.Stages.Select(s => s.Name));
        Assert.Equal(["head@example.org"], plan.Stages[1].Approvers);
        Assert.Empty(plan.Stages[1].Backups);
    }

    [Fact]
    public void Where_only_the_author_could_approve_a_stage_the_post_is_rejected_saying_why()
    {
        ReviewStageOptions solo = Stage("Communications");
        solo.Approvers.Clear();
        solo.Approvers.Add("sam@example.org");
        solo.Backups.Add("Sam@Example.org");

        ReviewPlan plan = ReviewPlanner.Plan(Post("Marketing", Channel.X), Warned, null, Options(solo));

        Assert.Equal(ReviewRoute.AutoReject, plan.Route);
        Assert.Empty(plan.Stages);
        Assert.Contains("at the Communications stage only its author, sam@example.org, could approve it", plan.Reason, StringComparison.Ordinal);
        Assert.Equal(ReviewRoute.AutoApprove, ReviewPlanner.Plan(Post("Marketing", Channel.X), Clean, null, Options(solo)).Route);
    }

    [Theory]
    [InlineData(ReviewRoute.AutoReject)]
    [InlineData(ReviewRoute.AutoApprove)]
    [InlineData(ReviewRoute.HumanReview)]
    public void Every_plan_carries_the_configured_times(ReviewRoute route)
    {
        ReviewOptions options = Options(Stage("Communications"));
        options.ReminderAfter = TimeSpan.FromHours(5);
        options.EscalateAfter = TimeSpan.FromHours(7);
        options.ExpireAfter = TimeSpan.FromHours(11);
        PolicyReport report = route switch { ReviewRoute.AutoReject => Blocked, ReviewRoute.AutoApprove => Clean, _ => Warned };

        ReviewPlan plan = ReviewPlanner.Plan(Post("Marketing", Channel.X), report, null, options);

        Assert.Equal(route, plan.Route);
        Assert.Equal((TimeSpan.FromHours(5), TimeSpan.FromHours(7), TimeSpan.FromHours(11)), (plan.ReminderAfter, plan.EscalateAfter, plan.ExpireAfter));
    }

    private static PostSubmission Post(string team, params Channel[] channels) =>
        new("p-1", new PostAuthor("sam@example.org", "Sam", team), "Hello.", channels, [], null, DateTimeOffset.UnixEpoch, "client-1");

    private static ReviewOptions Options(params ReviewStageOptions[] stages)
    {
        ReviewOptions options = new();
        options.Stages.AddRange(stages);
        return options;
    }

    private static ReviewStageOptions Stage(string name, string[]? teams = null, Channel[]? channels = null, PostKind[]? kinds = null)
    {
        ReviewStageOptions stage = new() { Name = name };
        stage.Approvers.Add(name.Replace(' ', '-').ToLowerInvariant() + "@example.org");
        stage.Teams.AddRange(teams ?? []);
        stage.Channels.AddRange(channels ?? []);
        stage.Kinds.AddRange(kinds ?? []);
        return stage;
    }
}
