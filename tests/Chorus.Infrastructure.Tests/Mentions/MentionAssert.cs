using Chorus.Mentions;
using Chorus.Mentions.Triage;

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

    /// <summary>
    /// Asserts that the subject of the triage email for <paramref name="mention"/> (the one a team gets) names
    /// <paramref name="heading"/> once, not once as a title and again as the body's opening.
    /// </summary>
    public static void SubjectSaysOnce(Mention mention, string heading)
    {
        MentionTriageInput triage = new(mention, "m1", null, new MentionClassification(true, ["Mentions \u201crefund\u201d."], null));
        string subject = MentionEmails.DecisionRequest(triage, MentionRequestKind.Request, "care@chorus.example", new Dictionary<string, Uri>(), DateTimeOffset.UnixEpoch).Subject;
        int count = 0;
        for (int at = subject.IndexOf(heading, StringComparison.OrdinalIgnoreCase); at >= 0; at = subject.IndexOf(heading, at + heading.Length, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        Assert.True(count == 1, $"The subject names \"{heading}\" {count} times: {subject}");
    }

    /// <summary>Asserts that polling fails with a <see cref="MentionSourceException"/> and returns it.</summary>
    public static async Task<MentionSourceException> FailsAsync(IMentionSource source, string? cursor = null)
    {
        MentionSourceException failure = await Assert.ThrowsAsync<MentionSourceException>(() => source.PollAsync(cursor));
        Assert.Equal(SourceHarness.SourceName, failure.SourceName);
        Assert.StartsWith($"Mention source '{SourceHarness.SourceName}': ", failure.Message, StringComparison.Ordinal);
        return failure;
    }
}
