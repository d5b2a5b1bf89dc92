using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Chorus.Posts;

namespace Chorus.Host.Posts;

/// <summary>
/// The body of <c>POST /api/posts</c> and <c>POST /api/posts/check</c>, as the OpenAPI document describes it.
/// <see cref="PostRequestParser"/> reads the body itself, so that every field at fault is named in one answer.
/// </summary>
internal sealed record PostSubmissionBody(
    [property: Required, Description("Who posts: their email (for outcome mails), name and team (which stages apply).")] PostAuthor Author,
    [property: Required, Description("The post as it will be published.")] string Text,
    [property: Required, MinLength(1), Description("Where it will be published: x, bluesky, mastodon, linkedin or other.")] IReadOnlyList<string> Channels,
    [property: Description("Absolute http or https links the post carries, checked against the link policy.")] IReadOnlyList<Uri>? Links = null,
    [property: Description("When to publish: RFC 3339 with an offset, in the future and at most a year ahead.")] DateTimeOffset? ScheduledAt = null);
