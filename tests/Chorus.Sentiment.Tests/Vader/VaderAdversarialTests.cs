using System.Text;
using Chorus.Sentiment.Vader;

namespace Chorus.Sentiment.Tests.Vader;

/// <summary>
/// Untrusted text of any size and content must score without exceptions. Speed is the benchmark's business
/// (tests/benchmarks/run sentiment); these only check that the work completes and the figures are sane.
/// </summary>
public sealed class VaderAdversarialTests
{
    [Fact]
    public void Lone_surrogates_in_every_position()
    {
        foreach (string text in new[] { "\uD800", "\uDC00", "\uDBFF\uDBFF", "\uDFFF\uD800", "good \uD83D", "\uDE00 bad", "\uD83D\uD83D\uDE00", "a\uD800!\uDC00?" })
        {
            AssertSane(VaderScorer.Shared.PolarityScores(text));
        }
    }

    [Fact]
    public void Control_characters()
    {
        StringBuilder text = new();
        for (char c = '\0'; c < ' '; c++)
        {
            text.Append(c).Append("good").Append(c).Append('\u007F').Append('\u0085').Append("BAD");
        }

        AssertSane(VaderScorer.Shared.PolarityScores(text.ToString()));
    }

    [Fact]
    public void One_megabyte_of_text()
    {
        const string sentence = "The staff were NOT very helpful but the food was great!!! ";
        string text = string.Concat(Enumerable.Repeat(sentence, ((1 << 20) / sentence.Length) + 1));

        AssertSane(VaderScorer.Shared.PolarityScores(text));
    }

    [Fact]
    public void One_megabyte_of_one_word_repeated_with_a_but()
    {
        // Many equal sentiments on both sides of "but": the case the reference handles in quadratic time.
        string text = string.Concat(Enumerable.Repeat("good bad ", 60_000)) + "but " + string.Concat(Enumerable.Repeat("good bad ", 60_000));

        AssertSane(VaderScorer.Shared.PolarityScores(text));
    }

    [Fact]
    public void A_hundred_thousand_emoji()
    {
        string text = string.Concat(Enumerable.Repeat("\U0001F600\u2764\U0001F44E", (100_000 / 3) + 1));

        VaderScores scores = VaderScorer.Shared.PolarityScores(text);

        AssertSane(scores);
        Assert.True(scores.Compound > 0.9, "grinning faces and red hearts outweigh thumbs down");
    }

    [Fact]
    public void Random_unicode_including_unpaired_surrogates()
    {
        Random random = new(20_140_601);
        for (int i = 0; i < 2_000; i++)
        {
            char[] text = new char[random.Next(0, 200)];
            for (int k = 0; k < text.Length; k++)
            {
                text[k] = random.Next(4) == 0 ? " !?.'"[random.Next(5)] : (char)random.Next(char.MaxValue + 1);
            }

            AssertSane(VaderScorer.Shared.PolarityScores(new string(text)));
        }
    }

    [Fact]
    public async Task The_analyzer_scores_a_megabyte_document_when_allowed()
    {
        string text = string.Concat(Enumerable.Repeat("Lovely. Awful? ", 70_000));
        VaderSentimentAnalyzer analyzer = new(new VaderOptions { MaxTextElements = int.MaxValue });

        DocumentSentiment result = Assert.Single((await analyzer.AnalyzeAsync([new SentimentDocument("big", text)])).Documents);

        Assert.Null(result.Error);
        Assert.Equal(SentimentLabel.Mixed, result.Label);
        Assert.Equal(140_000, result.Sentences.Count);
    }

    [Fact]
    public async Task The_default_analyzer_rejects_a_megabyte_document_without_scoring_it()
    {
        string text = new('x', 1 << 20);

        DocumentSentiment result = Assert.Single((await new VaderSentimentAnalyzer().AnalyzeAsync([new SentimentDocument("big", text)])).Documents);

        Assert.Equal("InvalidDocument", result.Error?.Code);
    }

    private static void AssertSane(VaderScores scores)
    {
        Assert.InRange(scores.Compound, -1, 1);
        Assert.InRange(scores.Negative, 0, 1);
        Assert.InRange(scores.Neutral, 0, 1);
        Assert.InRange(scores.Positive, 0, 1);
        double total = scores.Negative + scores.Neutral + scores.Positive;
        Assert.True(total == 0 || Math.Abs(total - 1) < 1e-9, $"proportions sum to {total}");
    }
}
