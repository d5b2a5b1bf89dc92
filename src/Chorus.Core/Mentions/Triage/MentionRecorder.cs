using System.Globalization;
using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Mentions.Listing;
using Chorus.Mentions.Topics;
using Chorus.Sentiment;

namespace Chorus.Mentions.Triage;

/// <summary>
/// Writes a mention's <c>mention.json</c> and <c>triage.json</c>, once each, then lists it in the mention index. The
/// triage artefact carries index tags (source, day, label, score, attention) that the daily summaries are answered from.
/// Writing <c>mention.json</c> is also the hand-over: a mention whose artefact exists has been taken in. A mention seen
/// again is listed again too (which changes nothing when it is), so one whose first recording stopped before the index
/// was written is listed on its next sighting. Negative mentions are counted by topic too (<see cref="MentionTopics"/>),
/// which a repeat also leaves unchanged.
/// </summary>
public sealed class MentionRecorder(IArtefactStore artefacts, IMentionIndex index, TimeProvider time, MentionTopics topics)
{
    /// <summary>The blob tag that says how a recorded mention was classified, so a day's mentions are found by kind.</summary>
    public const string TriageKindTag = "kind";

    /// <summary>Writes the mention's artefacts and lists it.</summary>
    /// <returns>False when this mention was recorded before (seen twice).</returns>
    public async Task<bool> RecordAsync(MentionTriageInput input, CancellationToken cancellationToken)
    {
        bool fresh = await WriteArtefactsAsync(input, cancellationToken).ConfigureAwait(false);
        await index.AddAsync([MentionListEntry.Of(input)], cancellationToken).ConfigureAwait(false);
        await topics.RecordAsync([input], cancellationToken).ConfigureAwait(false);
        return fresh;
    }

    /// <summary>
    /// Records many mentions: their artefacts <paramref name="parallelism"/> at a time, then the index in as few
    /// transactions as the index can.
    /// </summary>
    /// <returns>For each input, in order, false when it was recorded before.</returns>
    public async Task<IReadOnlyList<bool>> RecordAllAsync(IReadOnlyList<MentionTriageInput> inputs, int parallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        bool[] fresh = new bool[inputs.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, inputs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, ct) => fresh[i] = await WriteArtefactsAsync(inputs[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        await index.AddAsync([.. inputs.Select(MentionListEntry.Of)], cancellationToken).ConfigureAwait(false);
        await topics.RecordAsync(inputs, cancellationToken).ConfigureAwait(false);
        return fresh;
    }

    /// <summary>The label a mention is listed under: its sentiment's, lower case, or <c>unscored</c>.</summary>
    public static string LabelOf(DocumentSentiment? sentiment) => sentiment?.Label?.ToString().ToLowerInvariant() ?? "unscored";

    /// <summary>Scores -1..1 as a sortable five-digit tag ("00000" .. "20000"); "none" when unscored.</summary>
    public static string EncodeScore(double? score)
        => score is { } s ? ((int)Math.Round((Math.Clamp(s, -1, 1) + 1) * 10_000)).ToString("D5", CultureInfo.InvariantCulture) : "none";

    /// <summary>Reads a score tag back; null for "none" or a tag that is not a score.</summary>
    public static double? DecodeScore(string? tag)
        => int.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? (value / 10_000.0) - 1 : null;

    private async Task<bool> WriteArtefactsAsync(MentionTriageInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Mention mention = input.Mention;
        bool fresh = await artefacts.WriteOnceAsync(MentionArtefacts.Mention(mention.Source, input.MentionId), JsonSerializer.SerializeToUtf8Bytes(mention, DurableJson.Options), "application/json", cancellationToken).ConfigureAwait(false);
        double? score = MentionClassifier.SentimentScore(input.Sentiment);
        Dictionary<string, string> tags = new(StringComparer.Ordinal)
        {
            [TriageKindTag] = "mention-triage",
            ["source"] = mention.Source,
            ["day"] = mention.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["label"] = LabelOf(input.Sentiment),
            ["score"] = EncodeScore(score),
            ["attention"] = input.Classification.NeedsAttention ? "yes" : "no",
        };
        MentionTriageRecord triage = new(input.MentionId, input.Sentiment, input.Classification, time.GetUtcNow());
        await artefacts.WriteOnceAsync(MentionArtefacts.Triage(mention.Source, input.MentionId), JsonSerializer.SerializeToUtf8Bytes(triage, DurableJson.Options), "application/json", tags, cancellationToken).ConfigureAwait(false);
        return fresh;
    }
}
