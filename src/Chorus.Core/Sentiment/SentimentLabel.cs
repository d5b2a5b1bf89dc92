namespace Chorus.Sentiment;

/// <summary>The overall sentiment of a document or sentence, as Azure AI Language labels it.</summary>
public enum SentimentLabel
{
    /// <summary>Positive.</summary>
    Positive,

    /// <summary>Neither positive nor negative.</summary>
    Neutral,

    /// <summary>Negative.</summary>
    Negative,

    /// <summary>Sentences disagree in sign (document level only).</summary>
    Mixed,
}
