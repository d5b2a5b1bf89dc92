using Chorus.Host.Mentions;
using Chorus.Mentions;
using Chorus.Posts;
using Chorus.Posts.Listing;
using Microsoft.Extensions.DependencyInjection;

namespace Chorus.Benchmarks;

/// <summary>The posts and mentions the benchmarks over a self-host put in its store, through the host's own writers.</summary>
internal static class BenchmarkSeed
{
    /// <summary>The address of seeded author <paramref name="n"/> (0 to 19).</summary>
    public static string Author(int n) => $"author{n}@chorus.bench";

    /// <summary>
    /// Posts over <paramref name="days"/> days from <paramref name="start"/>, 20 authors, listed as submitted through
    /// <see cref="IPostIndex"/> and then moved as a review moves them: about a fifth stay waiting, the rest are
    /// approved, rejected or expired, most of them after waiting for approval.
    /// </summary>
    public static Task PostsAsync(IPostIndex index, int count, DateTimeOffset start, int days, CancellationToken cancellationToken)
        => Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            // Submission times in a shuffled order, so that concurrent writers rarely share a day's counters.
            int slot = (int)((i * 7_919L) % count);
            DateTimeOffset at = start.AddSeconds(slot * (days * 86_400.0 / count));
            PostListEntry submitted = new(PostIds.New(at), PostStatus.Submitted, new PostAuthor(Author(i % 20), $"Author {i % 20}", "marketing"), at);
            await index.AddAsync(submitted, ct);
            PostStatus final = (i % 10) switch { 0 or 1 => PostStatus.AwaitingApproval, 2 or 3 or 4 or 5 => PostStatus.Approved, 6 or 7 => PostStatus.Rejected, 8 => PostStatus.Expired, _ => PostStatus.Submitted };
            PostStatus from = PostStatus.Submitted;
            if (final is not PostStatus.Submitted and not PostStatus.AwaitingApproval && i % 3 != 0)
            {
                await index.MoveAsync(submitted with { Status = PostStatus.AwaitingApproval }, from, ct);
                from = PostStatus.AwaitingApproval;
            }

            if (final != PostStatus.Submitted)
            {
                await index.MoveAsync(submitted with { Status = final }, from, ct);
            }
        });

    /// <summary>
    /// Mentions from three sources (<c>forum</c>, <c>rss</c>, <c>mastodon</c>) over <paramref name="days"/> days from
    /// <paramref name="start"/>, each one of <paramref name="texts"/>, through the real intake
    /// (<see cref="MentionIntake"/>: scoring, classification, artefacts, read models) a thousand at a time as a
    /// monitor's polls would.
    /// </summary>
    public static async Task MentionsAsync(IServiceProvider services, int count, DateTimeOffset start, int days, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        string[] sources = ["forum", "rss", "mastodon"];
        foreach (int[] batch in Enumerable.Range(0, count).Chunk(1_000))
        {
            List<Mention> mentions = [.. batch.Select(i => new Mention(
                sources[i % 3],
                $"bench-{i}",
                new Uri($"https://social.example/{i}"),
                $"@user{i % 500}",
                null,
                null,
                $"{texts[i % texts.Count]} #{i}",
                "en",
                start.AddSeconds(i * (days * 86_400.0 / count)),
                "{}"))];
            await using AsyncServiceScope scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MentionIntake>().IntakeAsync(mentions, cancellationToken);
        }
    }
}
