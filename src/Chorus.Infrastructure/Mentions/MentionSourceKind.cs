namespace Chorus.Infrastructure.Mentions;

/// <summary>The kinds of source a connector exists for; configuration names them by these member names.</summary>
internal enum MentionSourceKind
{
    Rss,
    Mastodon,
    Bluesky,
    HackerNews,
    X,
}
