using Chorus.Host.Durable;
using Chorus.Mentions;
using Chorus.Mentions.Triage;
using Chorus.Sentiment;
using Chorus.Telemetry;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Mentions;

/// <summary>
/// Takes new mentions in, from the monitor or the HTTP inbox: scores them as one batch, classifies each, records
/// those that need nobody and starts a triage orchestration for the rest. Both paths are idempotent by mention id
/// (a write-once artefact, a deterministic instance id), so a mention delivered twice is processed once.
/// </summary>
internal sealed partial class MentionIntake(
    ISentimentAnalyzer analyzer,
    MentionRecorder recorder,
    DurableTaskClient orchestrations,
    IOptionsMonitor<TriageOptions> triage,
    ChorusMetrics metrics,
    ILogger<MentionIntake> logger)
{
    private const int Parallelism = 32;

    public async Task<IReadOnlyList<IntakeResult>> IntakeAsync(IReadOnlyList<Mention> mentions, CancellationToken cancellationToken)
    {
        if (mentions.Count == 0)
        {
            return [];
        }

        List<string> ids = mentions.Select(MentionIds.For).ToList();
        SentimentBatchResult scores = await analyzer.AnalyzeAsync(
            mentions.Select((m, i) => new SentimentDocument(ids[i], m.Text, m.Language)).ToList(), cancellationToken);
        TriageOptions options = triage.CurrentValue;
        MentionTriageInput[] inputs = [.. mentions.Select((mention, i) =>
        {
            DocumentSentiment document = scores.Documents[i];
            DocumentSentiment? sentiment = document.Error is null ? document : null;
            return new MentionTriageInput(mention, ids[i], sentiment, MentionClassifier.Classify(mention, sentiment, options));
        })];

        // Those that need nobody are recorded together, so the list index takes them in a few transactions.
        IntakeResult[] results = new IntakeResult[mentions.Count];
        List<int> unflagged = [.. Enumerable.Range(0, inputs.Length).Where(i => !inputs[i].Classification.NeedsAttention)];
        IReadOnlyList<bool> fresh = await recorder.RecordAllAsync([.. unflagged.Select(i => inputs[i])], Parallelism, cancellationToken);
        for (int n = 0; n < unflagged.Count; n++)
        {
            MentionTriageInput input = inputs[unflagged[n]];
            results[unflagged[n]] = new IntakeResult(input.MentionId, input.Mention.Source, fresh[n] ? "recorded" : "duplicate");
            if (fresh[n])
            {
                metrics.MentionRecorded(input.Mention.Source);
            }
        }

        await Parallel.ForEachAsync(
            Enumerable.Range(0, inputs.Length).Where(i => inputs[i].Classification.NeedsAttention),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await StartTriageAsync(inputs[i], ct));
        return results;
    }

    private async Task<IntakeResult> StartTriageAsync(MentionTriageInput input, CancellationToken cancellationToken)
    {
        if (!await orchestrations.StartOnceAsync(nameof(MentionTriageOrchestrator), input, input.InstanceId, cancellationToken))
        {
            return new IntakeResult(input.MentionId, input.Mention.Source, "duplicate");
        }

        LogFlagged(logger, input.Mention.Source, input.MentionId, input.Classification.Reasons);
        metrics.MentionFlagged(input.Mention.Source);
        return new IntakeResult(input.MentionId, input.Mention.Source, "flagged");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mention {MentionId} from {Source} needs a person: {Reasons}")]
    private static partial void LogFlagged(ILogger logger, string source, string mentionId, IReadOnlyList<string> reasons);
}

/// <summary>What intake did with one mention: recorded, flagged (triage started) or duplicate.</summary>
internal sealed record IntakeResult(string MentionId, string Source, string Status);
