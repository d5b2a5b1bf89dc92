using Chorus.Posts.Publishing;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Publishing;

/// <summary>Publishes with the configured account a request names, through its network's publisher.</summary>
internal sealed class NetworkPublisher(IEnumerable<INetworkPublisher> publishers, IOptionsMonitor<PublishingOptions> options) : IPublisher
{
    private readonly Dictionary<PublishingNetwork, INetworkPublisher> _byNetwork = publishers.ToDictionary(p => p.Network);

    public Task<PublishedPost> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The account was planned when the post was approved; it may have been removed from configuration since.
        if (!options.CurrentValue.Accounts.TryGetValue(request.Account, out PublishingAccountOptions? account) || account.Network is not { } network)
        {
            throw new PublishingException($"The account Publishing:Accounts:{request.Account} is no longer configured.", permanent: true);
        }

        return _byNetwork[network].PublishAsync(request.Account, account, request, cancellationToken);
    }
}
