namespace Chorus.Infrastructure.Mentions;

/// <summary>
/// One RSS item or Atom entry, its text already plain. <paramref name="Id"/> is the guid or id, else the link;
/// <paramref name="Published"/> the publication time, else the last update.
/// </summary>
internal sealed record FeedEntry(
    string Id,
    Uri? Link,
    string Title,
    string Body,
    string? Author,
    string? Language,
    DateTimeOffset Published,
    string RawXml);
