namespace Chorus.Approvals;

/// <summary>One labelled detail on a confirmation page (Author, Channels, Sentiment, Source...), shown as plain text.</summary>
public sealed record PageFact(string Label, string Value);
