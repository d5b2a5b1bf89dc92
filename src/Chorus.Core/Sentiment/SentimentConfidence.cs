namespace Chorus.Sentiment;

/// <summary>Confidence for each label; the three sum to 1.</summary>
public sealed record SentimentConfidence(double Positive, double Neutral, double Negative);
