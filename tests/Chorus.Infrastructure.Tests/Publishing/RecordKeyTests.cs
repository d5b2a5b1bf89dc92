using Chorus.Infrastructure.Publishing;

namespace Chorus.Infrastructure.Tests.Publishing;

/// <summary>The record key of a Bluesky post is a valid TID, the same for the same idempotency key, and orders by time.</summary>
public sealed class RecordKeyTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_key_makes_the_same_record_key_and_another_key_another()
    {
        Assert.Equal(RecordKey.For("chorus-a-bluesky", At), RecordKey.For("chorus-a-bluesky", At));
        Assert.NotEqual(RecordKey.For("chorus-a-bluesky", At), RecordKey.For("chorus-b-bluesky", At));
    }

    [Fact]
    public void A_later_key_sorts_after_an_earlier_one_as_TIDs_do()
    {
        Assert.True(string.CompareOrdinal(RecordKey.For("chorus-a-bluesky", At), RecordKey.For("chorus-a-bluesky", At.AddMilliseconds(1))) < 0);
    }

    [Fact]
    public void The_timestamp_is_the_microseconds_since_the_epoch()
    {
        // 2026-12-01T03:00:00Z is 1795921200 s after the epoch: decode the 53 bits above the 10-bit clock id.
        string key = RecordKey.For("chorus-a-bluesky", At);
        ulong value = 0;
        foreach (char c in key)
        {
            value = (value << 5) | (uint)"234567abcdefghijklmnopqrstuvwxyz".IndexOf(c, StringComparison.Ordinal);
        }

        Assert.Equal(13, key.Length);
        Assert.Equal((ulong)(At.ToUnixTimeMilliseconds() * 1000), value >> 10);
    }
}
