using System.ComponentModel.DataAnnotations;

namespace Chorus.Sentiment.Vader;

/// <summary>Settings for <see cref="VaderSentimentAnalyzer"/>.</summary>
public sealed record VaderOptions
{
    /// <summary>The default <see cref="MaxTextElements"/>: Azure AI Language's limit for one document.</summary>
    public const int DefaultMaxTextElements = 5_120;

    /// <summary>
    /// Gets the longest document accepted, in text elements (user-perceived characters, as
    /// <see cref="System.Globalization.StringInfo"/> counts them); longer documents get an InvalidDocument error.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxTextElements { get; init; } = DefaultMaxTextElements;
}
