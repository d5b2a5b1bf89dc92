namespace Chorus.Mentions.Listing;

/// <summary>
/// One source's mentions written on one UTC day: how many had each label (<see cref="MentionListEntry.Labels"/>; a label
/// with none is absent), and the sum of the scores of the <paramref name="Scored"/> ones, for the day's mean.
/// </summary>
public sealed record MentionDay(DateOnly Day, string Source, IReadOnlyDictionary<string, long> Labels, long Scored, double ScoreSum)
{
    /// <summary>Gets the day's mean sentiment score (-1 to 1), or null when nothing was scored.</summary>
    public double? MeanScore => Scored > 0 ? ScoreSum / Scored : null;
}
