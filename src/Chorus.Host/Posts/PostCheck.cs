using Chorus.Posts.Policy;
using Chorus.Posts.Review;
using Chorus.Sentiment;

namespace Chorus.Host.Posts;

/// <summary>
/// What <c>POST /api/posts/check</c> tells an author before they submit: the route the post would take (and the
/// stages that would review it, or why the rules would reject it when no finding says so), each finding with its
/// explanation, the sentiment, and how it fits each channel. Nothing is stored.
/// </summary>
internal sealed record PostCheck(
    ReviewRoute Route,
    IReadOnlyList<string> Stages,
    string? Reason,
    IReadOnlyList<PolicyFinding> Findings,
    DocumentSentiment? Sentiment,
    IReadOnlyList<ChannelFit> Channels);
