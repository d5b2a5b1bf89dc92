namespace Chorus.Sentiment;

/// <summary>A text to score. <paramref name="Language"/> is an ISO 639-1 code, or null to let the analyzer assume its default.</summary>
public sealed record SentimentDocument(string Id, string Text, string? Language = null);
