namespace Chorus.Posts.Policy;

/// <summary>
/// How a post fits one channel: its length as that channel counts it, the channel's limit, and what is left (negative
/// when it is over). <paramref name="Counted"/> names how the channel counts.
/// </summary>
public sealed record ChannelFit(Channel Channel, int Length, int Limit, int Left, string Counted);
