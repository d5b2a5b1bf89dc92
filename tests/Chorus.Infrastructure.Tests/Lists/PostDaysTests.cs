using Azure.Data.Tables;
using Chorus.Infrastructure.Lists;
using Chorus.Infrastructure.Tests.Artefacts;
using Chorus.Posts;
using Chorus.Posts.Listing;

namespace Chorus.Infrastructure.Tests.Lists;

/// <summary>The post list's day counters read as <see cref="IPostDays"/> on Azurite: where each day's posts stand now.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PostDaysTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private readonly TablePostIndex _index = new(new ListTable(new TableServiceClient(azurite.ConnectionString).GetTableClient("posts" + Guid.NewGuid().ToString("N")[..12]), "posts"));

    [Fact]
    public async Task Each_day_counts_its_posts_by_where_they_stand_now()
    {
        PostListEntry a = Entry(Day1.AddHours(1), "a@chorus.test"), b = Entry(Day1.AddHours(2), "b@chorus.test"), c = Entry(Day1.AddDays(2), "a@chorus.test");
        await Task.WhenAll(_index.AddAsync(a), _index.AddAsync(b), _index.AddAsync(c), _index.AddAsync(Entry(Day1.AddDays(5), "c@chorus.test")));
        await _index.MoveAsync(a with { Status = PostStatus.AwaitingApproval }, PostStatus.Submitted);
        await _index.MoveAsync(a with { Status = PostStatus.Approved }, PostStatus.AwaitingApproval);
        await _index.MoveAsync(c with { Status = PostStatus.Rejected }, PostStatus.Submitted);

        IReadOnlyList<PostDay> days = await _index.ReadAsync(new DateOnly(2026, 11, 19), new DateOnly(2026, 11, 24));

        Assert.Equal([new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 22)], days.Select(d => d.Day));
        Assert.Equal(new Dictionary<PostStatus, long> { [PostStatus.Approved] = 1, [PostStatus.Submitted] = 1 }, days[0].Counts);
        Assert.Equal(new Dictionary<PostStatus, long> { [PostStatus.Rejected] = 1 }, days[1].Counts);
        Assert.Empty(await _index.ReadAsync(new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 20)));
    }

    [Fact]
    public async Task Posts_listed_and_moved_by_racing_writers_are_all_counted_once()
    {
        List<PostListEntry> posts = [.. Enumerable.Range(0, 40).Select(i => Entry(Day1.AddMinutes(i * 7), $"author{i % 4}@chorus.test"))];
        await Task.WhenAll(posts.Select(p => _index.AddAsync(p)).Concat(posts.Take(10).Select(p => _index.AddAsync(p))));
        await Task.WhenAll(posts.Take(15).Select(p => _index.MoveAsync(p with { Status = PostStatus.AwaitingApproval }, PostStatus.Submitted)));

        PostDay day = Assert.Single(await _index.ReadAsync(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20)));
        Assert.Equal(new Dictionary<PostStatus, long> { [PostStatus.Submitted] = 25, [PostStatus.AwaitingApproval] = 15 }, day.Counts);
    }

    private static PostListEntry Entry(DateTimeOffset at, string email)
        => new(PostIds.New(at), PostStatus.Submitted, new PostAuthor(email, "Ada", "marketing"), at);
}
