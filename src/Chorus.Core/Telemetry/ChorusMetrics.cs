using System.Diagnostics.Metrics;
using Chorus.Posts;

namespace Chorus.Telemetry;

/// <summary>
/// Chorus's own instruments, on the one meter <see cref="MeterName"/>, created once for the process from the host's
/// <see cref="IMeterFactory"/> and recorded where each event happens: the submission handler, the activity that
/// concludes a review (never the orchestrator, which replays), the mention monitor and intake, the approval links.
/// </summary>
public sealed class ChorusMetrics
{
    /// <summary>The meter's name, for a host's OpenTelemetry setup.</summary>
    public const string MeterName = "Chorus";

    /// <summary>The mention source's configured name (<c>Mentions:Sources:{name}</c>, or <c>inbox</c>).</summary>
    public const string SourceTag = "source";

    /// <summary>How a review ended: <c>approved</c>, <c>rejected</c> or <c>expired</c>.</summary>
    public const string OutcomeTag = "outcome";

    /// <summary>The channel a post went to (<c>x</c>, <c>bluesky</c>, <c>mastodon</c>, <c>linkedin</c>, <c>other</c>).</summary>
    public const string ChannelTag = "channel";

    /// <summary>What became of a post on a channel: <c>published</c>, <c>failed</c> or <c>manual</c>.</summary>
    public const string PublicationTag = "publication";

    /// <summary>Why an approval link was refused (see <see cref="ApprovalLinkRefused"/>).</summary>
    public const string ReasonTag = "reason";

    // From a minute to two weeks: automatic decisions take seconds, people take hours or days.
    private static readonly double[] DecisionBuckets = [1, 10, 60, 300, 900, 3_600, 14_400, 43_200, 86_400, 259_200, 604_800, 1_209_600];

    private readonly Counter<long> _postsSubmitted;
    private readonly Counter<long> _postsDecided;
    private readonly Histogram<double> _reviewDuration;
    private readonly Counter<long> _mentionsPolled;
    private readonly Counter<long> _mentionsFlagged;
    private readonly Counter<long> _mentionsRecorded;
    private readonly Counter<long> _pollFailures;
    private readonly Counter<long> _linkRefusals;
    private readonly Counter<long> _publications;

    /// <summary>Creates the instruments on the <c>Chorus</c> meter from the host's meter factory.</summary>
    public ChorusMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter meter = meters.Create(MeterName);
        _postsSubmitted = meter.CreateCounter<long>("chorus.posts.submitted", "{post}", "Staff posts accepted for review (a repeated submission counts once).");
        _postsDecided = meter.CreateCounter<long>("chorus.posts.decided", "{post}", "Staff posts whose review ended, by outcome.");
        _reviewDuration = meter.CreateHistogram(
            "chorus.posts.review.duration",
            "s",
            "Time from a post's submission to its decision, by outcome.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DecisionBuckets });
        _mentionsPolled = meter.CreateCounter<long>("chorus.mentions.polled", "{mention}", "Mentions a source's poll handed to intake, by source.");
        _mentionsFlagged = meter.CreateCounter<long>("chorus.mentions.flagged", "{mention}", "New mentions that need a person (triage started), by source.");
        _mentionsRecorded = meter.CreateCounter<long>("chorus.mentions.recorded", "{mention}", "New mentions recorded without anyone's attention, by source.");
        _pollFailures = meter.CreateCounter<long>("chorus.mentions.poll.failures", "{poll}", "Polls of a mention source that failed, by source.");
        _publications = meter.CreateCounter<long>("chorus.posts.publications", "{publication}", "Approved posts published, failed or left to the author, by channel and result.");
        _linkRefusals = meter.CreateCounter<long>("chorus.approvals.link.refusals", "{request}", "Approval-link requests refused, by reason.");
    }

    /// <summary>An approved post was published on <paramref name="channel"/>, failed there, or was left to its author.</summary>
    public void PostPublication(Channel channel, string result)
        => _publications.Add(1, new KeyValuePair<string, object?>(ChannelTag, channel.ToString().ToLowerInvariant()), new KeyValuePair<string, object?>(PublicationTag, result));

    /// <summary>A post's review was started.</summary>
    public void PostSubmitted() => _postsSubmitted.Add(1);

    /// <summary>A post's review ended with <paramref name="outcome"/>, <paramref name="elapsed"/> after its submission.</summary>
    public void PostDecided(PostStatus outcome, TimeSpan elapsed)
    {
        KeyValuePair<string, object?> tag = new(OutcomeTag, outcome.ToString().ToLowerInvariant());
        _postsDecided.Add(1, tag);
        _reviewDuration.Record(Math.Max(0, elapsed.TotalSeconds), tag);
    }

    /// <summary>A poll of <paramref name="source"/> handed <paramref name="count"/> mentions to intake.</summary>
    public void MentionsPolled(string source, int count) => _mentionsPolled.Add(count, new KeyValuePair<string, object?>(SourceTag, source));

    /// <summary>A new mention from <paramref name="source"/> needs a person.</summary>
    public void MentionFlagged(string source) => _mentionsFlagged.Add(1, new KeyValuePair<string, object?>(SourceTag, source));

    /// <summary>A new mention from <paramref name="source"/> was recorded without triage.</summary>
    public void MentionRecorded(string source) => _mentionsRecorded.Add(1, new KeyValuePair<string, object?>(SourceTag, source));

    /// <summary>A poll of <paramref name="source"/> failed.</summary>
    public void PollFailed(string source) => _pollFailures.Add(1, new KeyValuePair<string, object?>(SourceTag, source));

    /// <summary>
    /// An approval link was refused: <c>malformed</c>, <c>missing</c>, <c>unknown_key</c>, <c>bad_signature</c>,
    /// <c>expired</c> (the link), <c>already_used</c>, <c>already_decided</c>, <c>closed</c> (nobody decided in time)
    /// or <c>withdrawn</c>.
    /// </summary>
    public void ApprovalLinkRefused(string reason) => _linkRefusals.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));
}
