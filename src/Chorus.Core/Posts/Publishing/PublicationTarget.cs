namespace Chorus.Posts.Publishing;

/// <summary>
/// Where an approved post goes on one channel: the account that publishes it, or none, and the link that opens the
/// network's compose page with the text (null where the network has none).
/// </summary>
public sealed record PublicationTarget(Channel Channel, string? Account, PublishingNetwork? Network, Uri? ComposeUrl);
