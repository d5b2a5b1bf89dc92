using Chorus.Mentions;

namespace Chorus.Infrastructure.Tests.Mentions;

/// <summary>Assertions shared by the connector tests.</summary>
internal static class MentionAssert
{
    /// <summary>Asserts the batch's source ids, in order, and its cursor and caught-up flag.</summary>
    public static void Batch(MentionBatch batch, string?[] sourceIds, string? cursor, bool caughtUp = true)
    {
        Assert.Equal(sourceIds, batch.Mentions.Select(mention => mention.SourceId).ToArray());
        Assert.Equal(cursor, batch.Cursor);
        Assert.Equal(caughtUp, batch.CaughtUp);
        Assert.All(batch.Mentions, mention => Assert.Equal(SourceHarness.SourceName, mention.Source));
    }

    /// <summary>Asserts the value a query parameter had in each request, in order (null where it was absent).</summary>
    public static void Params(IEnumerable<ServedRequest> requests, string name, params string?[] expected) =>
        Assert.Equal(expected, requests.Select(request => request.Param(name)).ToArray());

    /// <summary>Asserts that polling fails with a <see cref="MentionSourceException"/> and returns it.</summary>
    public static async Task<MentionSourceException> FailsAsync(IMentionSource source, string? cursor = null)
    {
        MentionSourceException failure = await Assert.ThrowsAsync<MentionSourceException>(() => source.PollAsync(cursor));
        Assert.Equal(SourceHarness.SourceName, failure.SourceName);
        Assert.StartsWith($"Mention source '{SourceHarness.SourceName}': ", failure.Message, StringComparison.Ordinal);
        return failure;
    }
}
