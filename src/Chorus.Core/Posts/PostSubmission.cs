namespace Chorus.Posts;

/// <summary>
/// A staff post as accepted over HTTP: validated, given a server-made id, and stored before its review starts.
/// <paramref name="Listed"/> says the submission handler listed it in the post list index, as it has every post since
/// the index exists: its review moves it there as its status changes. A review started before then replays its history
/// without those steps (a replay must schedule what the history holds), so it keeps running and stays unlisted.
/// <paramref name="Kind"/> is <see cref="PostKind.Reply"/> for an answer to a mention, which
/// <paramref name="InReplyTo"/> then names; both keep their defaults for posts submitted before replies existed.
/// <paramref name="Publishes"/> says the review publishes the post once approved (or tells the author to post it by
/// hand); a review started before publishing existed replays without those steps.
/// </summary>
public sealed record PostSubmission(
    string PostId,
    PostAuthor Author,
    string Text,
    IReadOnlyList<Channel> Channels,
    IReadOnlyList<Uri> Links,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset SubmittedAt,
    string ClientId,
    bool Listed = false,
    PostKind Kind = PostKind.Post,
    ReplyTarget? InReplyTo = null,
    bool Publishes = false)
{
    /// <summary>Gets the review orchestration's instance id for this post.</summary>
    public string InstanceId => InstanceIdFor(PostId);

    /// <summary>Gets what the policy checks look at.</summary>
    public PostDraft Draft => new(Text, Channels, Links);

    /// <summary>The review instance id of a post id.</summary>
    public static string InstanceIdFor(string postId) => "post-" + postId;
}
