using System.Collections.Concurrent;
using Azure.Core;

namespace Chorus.Sentiment.Tests.AzureLanguage;

/// <summary>A credential test double: hands out a fixed token (or fails) and records the scopes asked for.</summary>
internal sealed class RecordingTokenCredential(string token, Exception? failure = null) : TokenCredential
{
    private readonly ConcurrentQueue<string[]> _scopes = new();

    /// <summary>Gets the scopes of every token request, in order.</summary>
    public IReadOnlyList<string[]> RequestedScopes => [.. _scopes];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        _scopes.Enqueue(requestContext.Scopes);
        if (failure is not null)
        {
            throw failure;
        }

        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
