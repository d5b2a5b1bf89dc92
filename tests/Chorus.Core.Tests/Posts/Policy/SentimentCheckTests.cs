using Chorus.Posts.Policy;
using Chorus.Sentiment;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary>Negative posts go to a person: by compound score when there is one, by label otherwise.</summary>
public sealed class SentimentCheckTests
{
    private const string Text = "Great launch. But the support queue is awful and nobody cares.";

    [Theory]
    [InlineData(-0.8, true)]
    [InlineData(-0.05, true)]
    [InlineData(-0.04, false)]
    [InlineData(0.6, false)]
    public void A_compound_score_at_or_below_the_threshold_needs_a_human(double compound, bool flagged)
    {
        List<PolicyFinding> findings = Check(new PolicyOptions(), Scored(compound, SentimentLabel.Neutral));

        Assert.Equal(flagged, findings.Count == 1);
        if (flagged)
        {
            Assert.Equal(PolicyRules.NegativeSentiment, findings[0].Rule);
            Assert.Equal(FindingSeverity.Warn, findings[0].Severity);
            Assert.Contains("human look", findings[0].Explanation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_threshold_is_configurable() =>
        Assert.Empty(Check(new PolicyOptions { NegativeSentimentThreshold = -0.5 }, Scored(-0.3, SentimentLabel.Negative)));

    [Theory]
    [InlineData(SentimentLabel.Negative, true)]
    [InlineData(SentimentLabel.Mixed, false)]
    [InlineData(SentimentLabel.Positive, false)]
    public void Without_a_compound_score_the_label_decides(SentimentLabel label, bool flagged)
    {
        DocumentSentiment sentiment = new("1") { Label = label, Confidence = new SentimentConfidence(0.1, 0.1, 0.8) };

        Assert.Equal(flagged, Check(new PolicyOptions(), sentiment).Count == 1);
    }

    [Fact]
    public void Nothing_is_said_without_a_score() =>
        Assert.Empty(Check(new PolicyOptions(), null));

    [Fact]
    public void Nothing_is_said_about_a_document_that_could_not_be_scored() =>
        Assert.Empty(Check(new PolicyOptions(), new DocumentSentiment("1") { Error = new DocumentError("InvalidDocument", "Empty.") }));

    [Fact]
    public void The_most_negative_sentence_is_highlighted()
    {
        int offset = Text.IndexOf("But", StringComparison.Ordinal);
        DocumentSentiment sentiment = Scored(-0.6, SentimentLabel.Negative) with
        {
            Sentences =
            [
                Sentence(0, "Great launch.".Length, SentimentLabel.Positive, 0.0),
                Sentence(offset, Text.Length - offset, SentimentLabel.Negative, 0.9),
            ],
        };

        PolicyFinding finding = Assert.Single(Check(new PolicyOptions(), sentiment));

        Assert.Equal(offset, finding.Start);
        Assert.Equal(Text[offset..], finding.Matched);
    }

    [Fact]
    public void Sentence_offsets_outside_the_text_are_ignored()
    {
        DocumentSentiment sentiment = Scored(-0.6, SentimentLabel.Negative) with
        {
            Sentences = [Sentence(Text.Length - 2, 10, SentimentLabel.Negative, 0.9)],
        };

        Assert.Equal(-1, Assert.Single(Check(new PolicyOptions(), sentiment)).Start);
    }

    private static List<PolicyFinding> Check(PolicyOptions options, DocumentSentiment? sentiment) =>
        [.. new SentimentCheck(options).Check(Drafts.Of(Text), sentiment)];

    private static DocumentSentiment Scored(double compound, SentimentLabel label) => new("1")
    {
        Label = label,
        Confidence = new SentimentConfidence(0.2, 0.3, 0.5),
        Scores = new Dictionary<string, double> { ["compound"] = compound },
    };

    private static SentenceSentiment Sentence(int offset, int length, SentimentLabel label, double negative) =>
        new(Text.Substring(offset, Math.Min(length, Text.Length - offset)), offset, length, label, new SentimentConfidence(0, 1 - negative, negative), []);
}
