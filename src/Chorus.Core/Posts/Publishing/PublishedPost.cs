namespace Chorus.Posts.Publishing;

/// <summary>A post as the network published it: its id there (status id, <c>at://</c> URI, tweet id) and its public address.</summary>
public sealed record PublishedPost(string Id, Uri Url);
