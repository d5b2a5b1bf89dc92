using Chorus.Mentions.Triage;
using Chorus.Posts.Policy;
using Chorus.Sentiment;
using Microsoft.Extensions.Options;

namespace Chorus.Mentions.Alerts;

/// <summary>
/// Counts every recorded, scored mention into the hourly counters of its source's series: the whole source, and each
/// tracked term it contains (<see cref="AlertOptions.Terms"/>). A mention is counted in the hour it was written (not
/// seen), never later than now, so a source that catches up late fills the hours the mentions belong to instead of
/// faking a spike in the current one; one older than the baseline is left out. Unscored mentions count nowhere.
/// </summary>
public sealed class AlertTally(IAlertCounters counters, IOptionsMonitor<AlertOptions> options, TimeProvider time) : IMentionRecordHook
{
    private const int ExcerptLength = 200;

    /// <inheritdoc/>
    public Task RecordedAsync(IReadOnlyList<MentionTriageInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        AlertOptions current = options.CurrentValue;
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset oldest = HourOf(now - current.BaselineLength);
        List<AlertObservation> observations = [];
        foreach (MentionTriageInput input in inputs)
        {
            if (MentionClassifier.SentimentScore(input.Sentiment) is not { } score)
            {
                continue;
            }

            Mention mention = input.Mention;
            DateTimeOffset hour = HourOf(mention.CreatedAt < now ? mention.CreatedAt : now);
            if (hour < oldest)
            {
                continue;
            }

            bool negative = input.Sentiment!.Label == SentimentLabel.Negative;
            AlertExample example = new(mention.Source, input.MentionId, mention.Url, mention.AuthorHandle, Excerpt(mention.Text), Math.Round(score, 4));
            observations.Add(new AlertObservation(new AlertSeries(mention.Source, null), hour, input.MentionId, negative, score, example));
            foreach (string term in AlertTerms.Matching(current, FoldedText.Fold(mention.Text), mention.Language))
            {
                observations.Add(new AlertObservation(new AlertSeries(mention.Source, term), hour, input.MentionId, negative, score, example));
            }
        }

        return observations.Count == 0 ? Task.CompletedTask : counters.AddAsync(observations, cancellationToken);
    }

    /// <summary>The whole hour (UTC) <paramref name="at"/> falls in.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset at)
    {
        DateTime utc = at.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    private static string Excerpt(string text)
    {
        string flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= ExcerptLength ? flat : string.Concat(flat.AsSpan(0, ExcerptLength - 1), "…");
    }
}
