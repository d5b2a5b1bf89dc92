namespace Chorus.Sentiment;

/// <summary>One sentence's sentiment, with its position in the document (UTF-16 offset and length).</summary>
public sealed record SentenceSentiment(
    string Text,
    int Offset,
    int Length,
    SentimentLabel Label,
    SentimentConfidence Confidence,
    IReadOnlyList<SentenceOpinion> Opinions);

/// <summary>An opinion mined from a sentence: a target ("the battery") and what was said of it ("dies fast").</summary>
public sealed record SentenceOpinion(OpinionTarget Target, IReadOnlyList<OpinionAssessment> Assessments);

/// <summary>The thing an opinion is about.</summary>
public sealed record OpinionTarget(string Text, int Offset, int Length, SentimentLabel Label, double PositiveConfidence, double NegativeConfidence);

/// <summary>What is said about a target.</summary>
public sealed record OpinionAssessment(string Text, int Offset, int Length, SentimentLabel Label, double PositiveConfidence, double NegativeConfidence, bool IsNegated);
