using Chorus.Posts;

namespace Chorus.Host.Posts;

/// <summary>The answer to an accepted submission (202): the post's id and where to follow its review.</summary>
internal sealed record PostAccepted(string PostId, PostStatus Status, string StatusUrl);
