namespace Chorus.Posts;

/// <summary>Where a staff post is meant to be published.</summary>
public enum Channel
{
    /// <summary>X (formerly Twitter): 280 weighted characters.</summary>
    X,

    /// <summary>Bluesky: 300 graphemes.</summary>
    Bluesky,

    /// <summary>Mastodon: 500 characters (instance default).</summary>
    Mastodon,

    /// <summary>LinkedIn: 3,000 characters.</summary>
    LinkedIn,

    /// <summary>Anywhere else: only the configured maximum applies.</summary>
    Other,
}
