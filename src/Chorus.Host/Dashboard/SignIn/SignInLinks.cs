using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Dashboard.SignIn;

/// <summary>
/// The one-time sign-in links of the embedded defaults. A token is 32 random bytes; only its hash is kept, in memory,
/// with its expiry, so a link lives no longer than the process that printed it, works once and expires.
/// </summary>
internal sealed class SignInLinks(IOptions<LocalSignInOptions> options, TimeProvider time)
{
    public const string PathPrefix = "/dashboard/sign-in/";

    /// <summary>The shortest time between two links asked for from the sign-in page.</summary>
    public static readonly TimeSpan RequestInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _open = new(StringComparer.Ordinal);
    private long _lastRequestTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>Makes a new token and returns its link under <paramref name="baseUri"/>.</summary>
    public Uri Issue(Uri baseUri)
    {
        string token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        DateTimeOffset now = time.GetUtcNow();
        foreach ((string hash, DateTimeOffset expiry) in _open)
        {
            if (expiry <= now)
            {
                _open.TryRemove(hash, out _);
            }
        }

        _open[Hash(token)] = now + options.Value.LinkLifetime;
        return new Uri(baseUri, PathPrefix.TrimStart('/') + token);
    }

    /// <summary>
    /// A new link for someone on the sign-in page, or null when one was asked for less than
    /// <see cref="RequestInterval"/> ago: anyone may press the button, so it may not fill the output or the open links.
    /// </summary>
    public Uri? IssueOnRequest(Uri baseUri)
    {
        long now = time.GetUtcNow().UtcTicks;
        long last = Interlocked.Read(ref _lastRequestTicks);
        if (now - last < RequestInterval.Ticks || Interlocked.CompareExchange(ref _lastRequestTicks, now, last) != last)
        {
            return null;
        }

        return Issue(baseUri);
    }

    /// <summary>Whether the token is one not yet used and not expired; uses nothing (a GET asks this).</summary>
    public bool IsOpen(string? token)
        => token is { Length: > 0 and < 100 } && _open.TryGetValue(Hash(token), out DateTimeOffset expiry) && expiry > time.GetUtcNow();

    /// <summary>Uses the token: true once, for a token not yet used and not expired; false ever after.</summary>
    public bool TryConsume(string? token)
        => token is { Length: > 0 and < 100 } && _open.TryRemove(Hash(token), out DateTimeOffset expiry) && expiry > time.GetUtcNow();

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
