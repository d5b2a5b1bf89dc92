using Chorus.Sentiment;

namespace Chorus.Mentions.Triage;

/// <summary>A mention's <c>triage.json</c>: its sentiment and why it was, or was not, flagged for the team.</summary>
public sealed record MentionTriageRecord(string MentionId, DocumentSentiment? Sentiment, MentionClassification Classification, DateTimeOffset RecordedAt);
