using Chorus.Mentions.Topics;
using Chorus.Posts.Policy;
using Chorus.Sentiment;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary>
/// The reality check's rule: a post whose positive sentence shares a topic with at least MinMentions recent complaints
/// gets a warn finding that says how many, about what, with up to three links.
/// </summary>
public sealed class RealityCheckTests
{
    private const string Praise = "Our new invoicing is a joy to use. See you at the meetup.";
    private static readonly TopicExtractor Extractor = new(["Chorus"]);

    [Fact]
    public void A_positive_post_about_a_topic_with_enough_complaints_gets_a_warning_with_the_evidence()
    {
        PolicyFinding finding = Assert.Single(Check(Praise, Positive(0, 34), Complaints(("en:invoic", 14, 5))));

        Assert.Equal(PolicyRules.RealityCheck, finding.Rule);
        Assert.Equal(FindingSeverity.Warn, finding.Severity);
        Assert.StartsWith("14 customer complaints about invoicing in the last 48 hours", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("a post praising invoicing may land badly", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal(3, Enumerable.Range(0, 5).Count(i => finding.Explanation.Contains($"https://social.example/invoic/{i}", StringComparison.Ordinal)));
        Assert.Equal("invoicing", finding.Matched);
        Assert.Equal(Praise.IndexOf("invoicing", StringComparison.Ordinal), finding.Start);
        Assert.True(new PolicyReport([finding]).NeedsReview);
    }

    [Fact]
    public void Fewer_complaints_than_MinMentions_say_nothing()
    {
        Assert.Empty(Check(Praise, Positive(0, 34), Complaints(("en:invoic", 4, 3))));
        Assert.Single(Check(Praise, Positive(0, 34), Complaints(("en:invoic", 5, 3))));
        Assert.Empty(Check(Praise, Positive(0, 34), Complaints(("en:invoic", 5, 3)), new RealityCheckOptions { MinMentions = 6 }));
    }

    [Fact]
    public void A_post_that_is_not_positive_about_the_topic_gets_nothing()
    {
        DocumentSentiment negative = Positive(0, 34) with
        {
            Label = SentimentLabel.Negative,
            Sentences = [Sentence(0, 34, SentimentLabel.Negative)],
        };

        Assert.Empty(Check(Praise, negative, Complaints(("en:invoic", 14, 3))));

        // Positive elsewhere in the post is not praise of invoicing.
        int meetup = Praise.IndexOf("See", StringComparison.Ordinal);
        DocumentSentiment elsewhere = Positive(0, 34) with { Sentences = [Sentence(0, 34, SentimentLabel.Neutral), Sentence(meetup, Praise.Length - meetup, SentimentLabel.Positive)] };
        Assert.Empty(Check(Praise, elsewhere, Complaints(("en:invoic", 14, 3))));
        Assert.Empty(Check(Praise, null, Complaints(("en:invoic", 14, 3))));
    }

    [Fact]
    public void Without_sentences_a_positive_post_praises_all_its_topics()
    {
        DocumentSentiment whole = new("1") { Label = SentimentLabel.Positive, Confidence = new SentimentConfidence(0.9, 0.1, 0) };

        Assert.Single(Check(Praise, whole, Complaints(("en:invoic", 14, 3))));
    }

    [Fact]
    public void One_finding_per_complaint_the_topic_with_most_mentions_speaking_for_its_phrases_and_at_most_three()
    {
        const string Text = "Invoice export, dashboards, alerts, exports and reports are all great now";
        List<PolicyFinding> findings = Check(
            Text,
            Positive(0, Text.Length),
            Complaints(("en:invoic", 9, 1), ("en:invoic export", 7, 1), ("en:export", 8, 1), ("en:dashboard", 20, 1), ("en:alert", 6, 1), ("en:report", 5, 1)));

        // "invoice export" (7) is told by "invoice" (9); "export" (8) is a complaint of its own; "alerts" (6) is the fourth.
        Assert.Equal(["dashboards", "Invoice", "export"], findings.Select(f => f.Matched));
    }

    [Fact]
    public void Nothing_is_said_when_the_complaints_were_not_looked_up_or_the_check_is_off()
    {
        Assert.Empty(new RealityCheck(Extractor, new RealityCheckOptions()).Check(Drafts.Of(Praise), Positive(0, 34)));
        Assert.Empty(Check(Praise, Positive(0, 34), Complaints(("en:invoic", 14, 3)), new RealityCheckOptions { Enabled = false }));
    }

    [Fact]
    public void An_index_that_could_not_be_read_sends_the_post_to_a_person()
    {
        RecentComplaints unavailable = new(TimeSpan.FromHours(48), new Dictionary<string, TopicTally>()) { Unavailable = true };

        PolicyFinding finding = Assert.Single(Check(Praise, Positive(0, 34), unavailable));

        Assert.Equal(FindingSeverity.Warn, finding.Severity);
        Assert.Contains("could not look up", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(48, "48 hours")]
    [InlineData(1, "hour")]
    [InlineData(168, "7 days")]
    [InlineData(1.5, "90 minutes")]
    public void The_window_is_said_as_a_person_would(double hours, string said) =>
        Assert.Equal(said, RealityCheck.Duration(TimeSpan.FromHours(hours)));

    private static List<PolicyFinding> Check(string text, DocumentSentiment? sentiment, RecentComplaints complaints, RealityCheckOptions? options = null) =>
        [.. new RealityCheck(Extractor, options ?? new RealityCheckOptions()).Check(Drafts.Of(text) with { Complaints = complaints }, sentiment)];

    private static RecentComplaints Complaints(params (string Topic, int Count, int Examples)[] topics) => new(
        TimeSpan.FromHours(48),
        topics.ToDictionary(
            t => t.Topic,
            t => new TopicTally(t.Topic, t.Count, [.. Enumerable.Range(0, t.Examples).Select(i => new TopicExample("rss", $"m{i}", new Uri($"https://social.example/{t.Topic[3..].Replace(' ', '-')}/{i}")))])));

    private static DocumentSentiment Positive(int offset, int length) => new("1")
    {
        Label = SentimentLabel.Positive,
        Confidence = new SentimentConfidence(0.8, 0.2, 0),
        Sentences = [Sentence(offset, length, SentimentLabel.Positive)],
    };

    private static SentenceSentiment Sentence(int offset, int length, SentimentLabel label) =>
        new("s", offset, length, label, new SentimentConfidence(label == SentimentLabel.Positive ? 1 : 0, 0, label == SentimentLabel.Negative ? 1 : 0), []);
}
