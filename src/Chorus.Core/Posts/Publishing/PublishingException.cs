namespace Chorus.Posts.Publishing;

/// <summary>
/// A network did not publish a post. <see cref="Permanent"/> failures (a refused token, a post the network rejects)
/// are reported to the author with the network's own message; the others (throttling, server errors, timeouts) are
/// tried again later, looking first for the post an earlier attempt may have published.
/// </summary>
public sealed class PublishingException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PublishingException"/> class.</summary>
    public PublishingException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PublishingException"/> class.</summary>
    public PublishingException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PublishingException"/> class.</summary>
    public PublishingException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PublishingException"/> class.</summary>
    public PublishingException(string message, bool permanent, Exception? inner = null)
        : base(message, inner) => Permanent = permanent;

    /// <summary>Gets a value indicating whether trying again cannot help.</summary>
    public bool Permanent { get; }

    /// <summary>Gets the wait the network asked for before trying again, if it asked.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets a value indicating whether the network may have published the post although the call failed (no answer, or a server error).</summary>
    public bool Ambiguous { get; init; }
}
