using System.Security.Cryptography;
using System.Text;

namespace Chorus.Infrastructure.Publishing;

/// <summary>
/// A Bluesky record key made from a publication's idempotency key: a TID (13 characters of base32-sortable over 64
/// bits: a zero bit, 53 bits of microseconds since the epoch, 10 bits of clock id), as <c>app.bsky.feed.post</c>
/// records are keyed, with the time the key was kept and a clock id hashed from the key. The same key always makes the
/// same record key, so a second create of the same post names the record the first one made.
/// </summary>
internal static class RecordKey
{
    private const string Alphabet = "234567abcdefghijklmnopqrstuvwxyz";

    /// <summary>The record key for <paramref name="idempotencyKey"/> kept at <paramref name="recordedAt"/>.</summary>
    public static string For(string idempotencyKey, DateTimeOffset recordedAt)
    {
        long microseconds = (recordedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        int clockId = BitConverter.ToUInt16(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)), 0) & 0x3FF;
        ulong value = ((ulong)microseconds << 10 | (uint)clockId) & 0x7FFF_FFFF_FFFF_FFFF;
        Span<char> chars = stackalloc char[13];
        for (int i = 12; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }
}
