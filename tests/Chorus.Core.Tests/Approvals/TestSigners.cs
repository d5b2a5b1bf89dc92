using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Chorus.Approvals;
using Microsoft.Extensions.Time.Testing;

namespace Chorus.Core.Tests.Approvals;

/// <summary>Signers over fresh random keys and a fake clock; no test shares a secret with another.</summary>
internal static class TestSigners
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static string NewSecret(int bytes = ApprovalLinkOptions.MinimumKeyBytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    public static ApprovalLinkOptions Options(string activeKeyId, params (string Id, string Secret)[] keys)
    {
        ApprovalLinkOptions options = new() { ActiveKeyId = activeKeyId, PublicBaseUrl = new Uri("http://127.0.0.1:5080/") };
        foreach ((string id, string secret) in keys)
        {
            options.SigningKeys[id] = secret;
        }

        return options;
    }

    public static ApprovalTokenSigner Create(ApprovalLinkOptions options, TimeProvider time) =>
        new(Microsoft.Extensions.Options.Options.Create(options), time);

    public static (ApprovalTokenSigner Signer, FakeTimeProvider Time, string Secret) CreateWithOneKey(string keyId = "k1")
    {
        string secret = NewSecret();
        FakeTimeProvider time = new(Start);
        return (Create(Options(keyId, (keyId, secret)), time), time, secret);
    }

    /// <summary>Builds a token the way the signer does, but with any payload, to reach checks that run after the signature.</summary>
    public static string SignRaw(string keyId, string secret, string payloadJson)
    {
        string signed = $"v1.{keyId}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson))}";
        return $"{signed}.{Base64Url.EncodeToString(HMACSHA256.HashData(Convert.FromBase64String(secret), Encoding.ASCII.GetBytes(signed)))}";
    }
}
