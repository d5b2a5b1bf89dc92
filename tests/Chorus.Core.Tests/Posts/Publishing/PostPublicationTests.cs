using System.Text.Json;
using Chorus.Core.Tests.Durable;
using Chorus.Durable;
using Chorus.Mail;
using Chorus.Posts;
using Chorus.Posts.Policy;
using Chorus.Posts.Publishing;
using Chorus.Posts.Review;
using Chorus.Sentiment;
using Microsoft.DurableTask;
using NSubstitute;

namespace Chorus.Core.Tests.Posts.Publishing;

/// <summary>What the review does once a post is approved: plan, wait for its time, publish each channel with an account, record and tell.</summary>
public sealed class PostPublicationTests
{
    private static readonly PostSubmission Post = new(
        "p-1",
        new PostAuthor("sam@example.org", "Sam", "Marketing"),
        "Our new opening hours start on Monday.",
        [Channel.Mastodon, Channel.LinkedIn],
        [],
        null,
        new DateTimeOffset(OrchestrationHarness.Start, TimeSpan.Zero),
        "client-1",
        Listed: true,
        Publishes: true);

    private static readonly PublicationTarget Mastodon = new(Channel.Mastodon, "masto", PublishingNetwork.Mastodon, null);
    private static readonly PublicationTarget LinkedIn = new(Channel.LinkedIn, null, null, new Uri("https://www.linkedin.com/feed/?shareActive=true&text=x"));

    private readonly OrchestrationHarness _harness = new();

    public PostPublicationTests()
    {
        _harness.GivenActivity<DocumentSentiment?>(nameof(ScorePostActivity), new DocumentSentiment("p-1") { Label = SentimentLabel.Neutral });
        _harness.GivenActivity(nameof(CheckPostActivity), new PolicyReport([]));
        _harness.GivenActivity(nameof(PlanReviewActivity), new ReviewPlan(ReviewRoute.AutoApprove, [], TimeSpan.FromDays(1), TimeSpan.FromDays(1), TimeSpan.FromDays(1)));
        _harness.GivenActivity<MailDelivery>(nameof(ConcludePostActivity), new MailDelivery([], []));
        _harness.GivenActivity(nameof(RecordPostStatusActivity), true);
        _harness.GivenActivity<IReadOnlyList<PublicationTarget>>(nameof(PlanPublicationActivity), [Mastodon, LinkedIn]);
        _harness.GivenActivity(nameof(PublishPostActivity), new Publication(Channel.Mastodon, PublicationStatus.Published, "masto", "1", new Uri("https://m.example/@c/1"), null, null, DateTimeOffset.UnixEpoch));
        _harness.GivenActivity<MailDelivery>(nameof(RecordPublicationsActivity), new MailDelivery([], []));
    }

    [Fact]
    public void An_approved_post_is_published_after_the_author_hears_the_outcome_and_the_manual_channel_is_left_to_them()
    {
        PostOutcome outcome = OrchestrationHarness.Result(Review(Post));

        Assert.Equal(PostStatus.Approved, outcome.Status);
        Assert.Equal(
            [nameof(ConcludePostActivity), nameof(PlanPublicationActivity), nameof(PublishPostActivity), nameof(RecordPublicationsActivity)],
            _harness.Activities.Select(call => call.Name).SkipWhile(name => name != nameof(ConcludePostActivity)));
        Assert.Equal(new PublishInput(Post, Mastodon), Assert.Single(_harness.InputsOf<PublishInput>(nameof(PublishPostActivity))));
        Assert.Same(PublicationCalls.PublishRetry, _harness.Activities.Single(call => call.Name == nameof(PublishPostActivity)).Options);
        PublicationsInput recorded = Assert.Single(_harness.InputsOf<PublicationsInput>(nameof(RecordPublicationsActivity)));
        Assert.Equal([PublicationStatus.Published, PublicationStatus.Manual], recorded.Publications.Select(p => p.Status));
        Assert.Equal(LinkedIn.ComposeUrl, recorded.Publications[1].ComposeUrl);
        Assert.Empty(_harness.Timers);
    }

    [Fact]
    public void A_scheduled_post_waits_on_a_durable_timer_and_publishes_nothing_before_it_fires_even_early()
    {
        DateTime at = OrchestrationHarness.Start.AddHours(5);
        Task<PostOutcome> review = Review(Post with { ScheduledAt = new DateTimeOffset(at, TimeSpan.Zero) });

        Assert.Equal(at, _harness.LiveTimer.Due);
        Assert.DoesNotContain(_harness.Activities, call => call.Name == nameof(PublishPostActivity));

        // Azure Storage delays by whole seconds: a timer may fire while the clock still reads a little before its time.
        _harness.FireTimerEarly(TimeSpan.FromMilliseconds(400));
        Assert.DoesNotContain(_harness.Activities, call => call.Name == nameof(PublishPostActivity));
        Assert.True(_harness.LiveTimer.Due >= at);

        _harness.FireTimer();
        OrchestrationHarness.Result(review);
        Assert.Single(_harness.InputsOf<PublishInput>(nameof(PublishPostActivity)));
        Assert.Contains(new PostProgress(PostStatus.Approved, Phase: "scheduled"), _harness.StatusesOf<PostProgress>());
    }

    [Fact]
    public void When_every_attempt_fails_the_author_is_told_and_the_review_still_ends_approved()
    {
        _harness.Context.CallActivityAsync<Publication>(Arg.Is<TaskName>(n => n.Name == nameof(PublishPostActivity)), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(Task.FromException<Publication>(new TaskFailedException(nameof(PublishPostActivity), 7, new TaskFailureDetails("PublishingException", "Mastodon failed (503): down", null, null, null))));

        PostOutcome outcome = OrchestrationHarness.Result(Review(Post));

        Assert.Equal(PostStatus.Approved, outcome.Status);
        Publication failed = Assert.Single(_harness.InputsOf<PublicationsInput>(nameof(RecordPublicationsActivity))).Publications[0];
        Assert.Equal(PublicationStatus.Failed, failed.Status);
        Assert.Contains("Mastodon failed (503): down", failed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReviewRoute.AutoReject)]
    [InlineData(ReviewRoute.AutoApprove)]
    public void A_rejected_post_or_a_review_started_before_publishing_existed_publishes_nothing(ReviewRoute route)
    {
        _harness.GivenActivity(nameof(PlanReviewActivity), new ReviewPlan(route, [], TimeSpan.FromDays(1), TimeSpan.FromDays(1), TimeSpan.FromDays(1)));

        // A review started before publishing replays its history, which has no publication steps.
        OrchestrationHarness.Result(Review(route == ReviewRoute.AutoApprove ? Post with { Publishes = false } : Post));

        Assert.Equal(nameof(ConcludePostActivity), _harness.Activities[^1].Name);
    }

    [Fact]
    public void A_submission_kept_before_publishing_existed_reads_as_not_publishing()
    {
        string before = JsonSerializer.Serialize(Post with { Publishes = false }, DurableJson.Options).Replace(",\"publishes\":false", string.Empty, StringComparison.Ordinal);

        Assert.DoesNotContain("publishes", before, StringComparison.Ordinal);
        Assert.False(JsonSerializer.Deserialize<PostSubmission>(before, DurableJson.Options)!.Publishes);
    }

    private Task<PostOutcome> Review(PostSubmission post) => _harness.Run(context => new PostReviewOrchestrator().RunAsync(context, post));
}
