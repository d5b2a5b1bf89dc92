namespace Chorus.Posts.Publishing;

/// <summary>The networks Chorus can publish to itself, each through its own API.</summary>
public enum PublishingNetwork
{
    /// <summary>A Mastodon instance: <c>POST /api/v1/statuses</c>.</summary>
    Mastodon,

    /// <summary>A Bluesky PDS: <c>com.atproto.repo.createRecord</c>.</summary>
    Bluesky,

    /// <summary>X: <c>POST /2/tweets</c>.</summary>
    X,
}
