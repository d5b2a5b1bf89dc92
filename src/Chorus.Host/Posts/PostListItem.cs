using Chorus.Posts;

namespace Chorus.Host.Posts;

/// <summary>A post as <c>GET /api/posts</c> lists it; <see cref="Url"/> is where its details are.</summary>
public sealed record PostListItem(string PostId, PostStatus Status, PostAuthor Author, DateTimeOffset SubmittedAt, string Url);
