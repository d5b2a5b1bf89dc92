namespace Chorus.Posts.Publishing;

/// <summary>
/// What became of an approved post on one channel, kept as <c>publications/{channel}.json</c>: the network's id and
/// public address when published, the network's message when it failed, the compose link when the author posts it.
/// </summary>
public sealed record Publication(
    Channel Channel,
    PublicationStatus Status,
    string? Account,
    string? NetworkId,
    Uri? Url,
    string? Message,
    Uri? ComposeUrl,
    DateTimeOffset At);
