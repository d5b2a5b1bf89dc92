using Chorus.Mentions;
using Chorus.Mentions.Triage;
using Chorus.Sentiment;

namespace Chorus.Infrastructure.Tests.Alerts;

/// <summary>Recorded mentions as the recorder hands them to its hooks: scored, classified, with their ids.</summary>
internal static class AlertMentions
{
    public static MentionTriageInput Scored(string source, string sourceId, string text, double compound, DateTimeOffset createdAt, string? language = "en")
    {
        Mention mention = new(source, sourceId, new Uri($"https://social.example/@someone/{sourceId}"), "@someone", null, 10, text, language, createdAt, "{}");
        DocumentSentiment sentiment = new(sourceId)
        {
            Label = compound <= -0.05 ? SentimentLabel.Negative : compound >= 0.05 ? SentimentLabel.Positive : SentimentLabel.Neutral,
            Scores = new Dictionary<string, double> { ["compound"] = compound },
        };
        return new MentionTriageInput(mention, MentionIds.For(mention), sentiment, new MentionClassification(false, [], null));
    }
}
