using Chorus.Listing;
using Chorus.Mentions.Triage;

namespace Chorus.Mentions.Listing;

/// <summary>What the mention list shows of a mention, kept in the list index when the mention is recorded.</summary>
public sealed record MentionListEntry(
    string MentionId,
    string Source,
    string Label,
    double? Score,
    bool NeedsAttention,
    Uri? Url,
    string AuthorHandle,
    string Text,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Reasons)
{
    /// <summary>The labels a mention can have: its sentiment's, or <c>unscored</c> when it could not be scored.</summary>
    public static IReadOnlyList<string> Labels { get; } = ["positive", "neutral", "negative", "mixed", "unscored"];

    /// <summary>Gets where the mention sits in the newest-first list.</summary>
    public ListPosition Position => new(CreatedAt, MentionId);

    /// <summary>The entry of a scored, classified mention, with the label and score its index tags carry.</summary>
    public static MentionListEntry Of(MentionTriageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Mention mention = input.Mention;
        return new(
            input.MentionId,
            mention.Source,
            MentionRecorder.LabelOf(input.Sentiment),
            MentionRecorder.DecodeScore(MentionRecorder.EncodeScore(MentionClassifier.SentimentScore(input.Sentiment))),
            input.Classification.NeedsAttention,
            mention.Url,
            mention.AuthorHandle,
            mention.Text,
            mention.CreatedAt,
            input.Classification.Reasons);
    }
}
