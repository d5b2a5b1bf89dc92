using System.Globalization;
using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Sentiment;

namespace Chorus.Mentions.Triage;

/// <summary>
/// Writes a mention's <c>mention.json</c> and <c>triage.json</c>, once each. The triage artefact carries index tags
/// (source, day, label, score, attention) so listings and daily summaries are answered from tags alone.
/// Writing <c>mention.json</c> is also the hand-over: a mention whose artefact exists has been taken in.
/// </summary>
public sealed class MentionRecorder(IArtefactStore artefacts, TimeProvider time)
{
    public const string TriageKindTag = "kind";

    /// <returns>False when this mention was recorded before (seen twice).</returns>
    public async Task<bool> RecordAsync(MentionTriageInput input, CancellationToken cancellationToken)
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
            ["label"] = input.Sentiment?.Label?.ToString().ToLowerInvariant() ?? "unscored",
            ["score"] = EncodeScore(score),
            ["attention"] = input.Classification.NeedsAttention ? "yes" : "no",
        };
        MentionTriageRecord triage = new(input.MentionId, input.Sentiment, input.Classification, time.GetUtcNow());
        await artefacts.WriteOnceAsync(MentionArtefacts.Triage(mention.Source, input.MentionId), JsonSerializer.SerializeToUtf8Bytes(triage, DurableJson.Options), "application/json", tags, cancellationToken).ConfigureAwait(false);
        return fresh;
    }

    /// <summary>Scores -1..1 as a sortable five-digit tag ("00000" .. "20000"); "none" when unscored.</summary>
    public static string EncodeScore(double? score)
        => score is { } s ? ((int)Math.Round((Math.Clamp(s, -1, 1) + 1) * 10_000)).ToString("D5", CultureInfo.InvariantCulture) : "none";

    public static double? DecodeScore(string? tag)
        => int.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? (value / 10_000.0) - 1 : null;
}
