using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Chorus.Approvals;

namespace Chorus.Infrastructure.Approvals;

/// <summary>
/// Where a slot is kept: <c>approvals/{subject}/{sha256(instanceId)}/{stage}/{sha256(lower-case approver)}.json</c>.
/// Hashing keeps instance ids and email addresses (any characters, any length) out of blob names and listings, and
/// lower-casing makes Alice@Example.org and alice@example.org one approver.
/// </summary>
internal static class ApprovalBlobName
{
    public static string For(ApprovalTokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (!ApprovalSubjects.IsKnown(claims.Subject))
        {
            throw new ArgumentException($"Subject must be '{ApprovalSubjects.Post}' or '{ApprovalSubjects.Mention}' (got '{claims.Subject}').", nameof(claims));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(claims.Stage, nameof(claims));
        ArgumentException.ThrowIfNullOrWhiteSpace(claims.InstanceId, nameof(claims));
        ArgumentException.ThrowIfNullOrWhiteSpace(claims.Approver, nameof(claims));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"approvals/{claims.Subject}/{Sha256Hex(claims.InstanceId)}/{claims.Stage}/{Sha256Hex(claims.Approver.ToLowerInvariant())}.json");
    }

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
