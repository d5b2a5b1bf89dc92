using Chorus.Posts.Publishing;

namespace Chorus.Infrastructure.Publishing;

/// <summary>Publishes to one network with one configured account.</summary>
internal interface INetworkPublisher
{
    /// <summary>Gets the network this publisher speaks to.</summary>
    PublishingNetwork Network { get; }

    /// <summary>Publishes <paramref name="request"/> with the account <paramref name="name"/>, configured as <paramref name="account"/>.</summary>
    Task<PublishedPost> PublishAsync(string name, PublishingAccountOptions account, PublishRequest request, CancellationToken cancellationToken);
}
