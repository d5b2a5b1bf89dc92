namespace Chorus.Posts.Publishing;

/// <summary>What became of an approved post on one channel.</summary>
public enum PublicationStatus
{
    /// <summary>Chorus published it with the channel's account.</summary>
    Published,

    /// <summary>The network refused it, or every attempt failed; the author was told why.</summary>
    Failed,

    /// <summary>No account serves the channel: the author was emailed the text and a link to post it by hand.</summary>
    Manual,
}
