namespace Chorus.Host.Mentions;

/// <summary>Mentions per source and day: how many, how many were flagged, and their mean sentiment (-1 to 1).</summary>
internal sealed record MentionSummary(IReadOnlyList<MentionDaySummary> Days);

/// <summary>One source's mentions on one day (UTC).</summary>
internal sealed record MentionDaySummary(string Source, string Day, int Count, int Flagged, double? MeanSentiment);
