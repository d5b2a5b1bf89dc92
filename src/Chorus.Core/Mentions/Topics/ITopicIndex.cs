namespace Chorus.Mentions.Topics;

/// <summary>
/// Counts negative mentions by topic and by hour, as they are recorded, so a staff post's reality check reads a
/// handful of tallies instead of every mention of the last days.
/// </summary>
public interface ITopicIndex
{
    /// <summary>
    /// Counts each mention once under each of its topics, in the hour it was written. A mention added again (seen twice,
    /// or retried after a failure) changes nothing.
    /// </summary>
    Task AddAsync(IReadOnlyList<TopicMention> mentions, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns, for each of <paramref name="topics"/> that has any, the negative mentions written in the hours that
    /// overlap <paramref name="since"/> to <paramref name="until"/> (UTC hours: the window is read a whole hour at a time),
    /// with up to three examples, the most recent hours' first.
    /// </summary>
    Task<IReadOnlyDictionary<string, TopicTally>> CountAsync(IReadOnlyCollection<string> topics, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);
}
