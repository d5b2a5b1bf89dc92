using Chorus.Mentions.Triage;
using Chorus.Posts.Policy;
using Chorus.Sentiment;

namespace Chorus.Mentions.Topics;

/// <summary>
/// Keeps the topic index up to date as mentions are recorded: each negative mention is counted under its topics
/// (<see cref="TopicExtractor"/>, in the mention's language). Other mentions, and everything when the reality check is
/// off, are left out: the index exists for that check only.
/// </summary>
public sealed class MentionTopics
{
    private readonly ITopicIndex _index;
    private readonly TopicExtractor _extractor;
    private readonly RealityCheckOptions _options;

    internal MentionTopics(ITopicIndex index, TopicExtractor extractor, RealityCheckOptions options)
    {
        _index = index ?? throw new ArgumentNullException(nameof(index));
        _extractor = extractor ?? throw new ArgumentNullException(nameof(extractor));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Counts the negative mentions among <paramref name="inputs"/> under their topics; idempotent.</summary>
    public Task RecordAsync(IReadOnlyList<MentionTriageInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!_options.Enabled)
        {
            return Task.CompletedTask;
        }

        List<TopicMention> negative = [];
        foreach (MentionTriageInput input in inputs)
        {
            if (input.Sentiment?.Label == SentimentLabel.Negative
                && _extractor.Keys(input.Mention.Text, input.Mention.Language) is { Count: > 0 } topics)
            {
                negative.Add(new TopicMention(input.MentionId, new TopicExample(input.Mention.Source, input.MentionId, input.Mention.Url), input.Mention.CreatedAt, topics));
            }
        }

        return negative.Count == 0 ? Task.CompletedTask : _index.AddAsync(negative, cancellationToken);
    }
}
