using Chorus.Mentions.Topics;
using Chorus.Sentiment;
using Microsoft.Extensions.Logging;

namespace Chorus.Posts.Policy;

/// <summary>
/// Looks up, before the checks run, what customers said lately about the topics a post praises, and attaches it to the
/// draft for <see cref="RealityCheck"/>. The review's check activity and <c>POST /api/posts/check</c> both call it,
/// so both see the same findings. Only topics in sentences that read positive are looked up: a post that praises
/// nothing costs no read at all.
/// </summary>
public sealed partial class ComplaintLookup
{
    private readonly ITopicIndex _index;
    private readonly TopicExtractor _extractor;
    private readonly RealityCheckOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ComplaintLookup> _logger;

    internal ComplaintLookup(ITopicIndex index, TopicExtractor extractor, RealityCheckOptions options, TimeProvider time, ILogger<ComplaintLookup> logger)
    {
        _index = index ?? throw new ArgumentNullException(nameof(index));
        _extractor = extractor ?? throw new ArgumentNullException(nameof(extractor));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Returns <paramref name="draft"/> with <see cref="PostDraft.Complaints"/> set (unchanged when the check is off). An
    /// index that cannot be read gives <see cref="RecentComplaints.Unavailable"/>, so the post goes to a person rather
    /// than out unchecked, and the review does not fail.
    /// </summary>
    public async Task<PostDraft> AttachAsync(PostDraft draft, DocumentSentiment? sentiment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!_options.Enabled)
        {
            return draft;
        }

        string[] topics = [.. RealityCheck.Praised(_extractor, _options, draft.Text, sentiment).Select(topic => topic.Key).Distinct(StringComparer.Ordinal)];
        if (topics.Length == 0)
        {
            return draft with { Complaints = new RecentComplaints(_options.Window, new Dictionary<string, TopicTally>()) };
        }

        DateTimeOffset now = _time.GetUtcNow();
        try
        {
            IReadOnlyDictionary<string, TopicTally> tallies = await _index.CountAsync(topics, now - _options.Window, now, cancellationToken).ConfigureAwait(false);
            return draft with { Complaints = new RecentComplaints(_options.Window, tallies) };
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            LogLookupFailed(ex);
            return draft with { Complaints = new RecentComplaints(_options.Window, new Dictionary<string, TopicTally>()) { Unavailable = true } };
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "The topic index could not be read for the reality check; the post goes to an approver instead.")]
    private partial void LogLookupFailed(Exception exception);
}
