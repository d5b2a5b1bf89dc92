using Azure.Data.Tables;
using Chorus.Approvals;
using Chorus.Infrastructure.Approvals;
using Chorus.Infrastructure.Tests.Artefacts;
using Microsoft.Extensions.Time.Testing;

namespace Chorus.Infrastructure.Tests.Lists;

/// <summary>The waiting approvals on Azurite: one stage at a time, the first request's time kept, answers and closes dropping rows.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WaitingApprovalsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task A_later_stage_replaces_the_earlier_one_and_asking_again_keeps_the_first_time()
    {
        TableWaitingApprovals waiting = Waiting();
        ApprovalItem post = new("post", "20261120-abc", "Our spring launch is here");
        ApprovalStage legal = new(1, "Legal", Start.AddDays(1));
        await waiting.WaitAsync(post, legal, ["legal@chorus.test", "Counsel@Chorus.test"]);
        _time.Advance(TimeSpan.FromHours(2));
        await waiting.WaitAsync(post, legal, ["legal@chorus.test", "backup@chorus.test"]);

        IReadOnlyList<WaitingApproval> rows = await waiting.ListAsync();
        Assert.Equal(
            [("Counsel@Chorus.test", Start), ("legal@chorus.test", Start), ("backup@chorus.test", Start.AddHours(2))],
            rows.Select(r => (r.Approver, r.RequestedAt)));
        Assert.All(rows, r => Assert.Equal((post, legal), (r.Item, r.Stage)));

        _time.Advance(TimeSpan.FromHours(1));
        ApprovalStage brand = new(2, "Brand", Start.AddDays(2));
        await waiting.WaitAsync(post, brand, ["brand@chorus.test"]);

        WaitingApproval only = Assert.Single(await waiting.ListAsync());
        Assert.Equal(("brand@chorus.test", brand, Start.AddHours(3)), (only.Approver, only.Stage, only.RequestedAt));
    }

    [Fact]
    public async Task An_answer_drops_that_approvers_row_and_a_close_drops_the_item_leaving_others()
    {
        TableWaitingApprovals waiting = Waiting();
        ApprovalItem mention = new("mention", "mastodon/109#x?y\\z", "Where is my refund?");
        ApprovalItem other = new("mention", "mastodon/109", "Another");
        ApprovalItem post = new("post", "mastodon", "A post");
        ApprovalStage team = new(1, "support", Start.AddHours(4));
        await waiting.WaitAsync(mention, team, ["a@chorus.test", "b@chorus.test", "ab@chorus.test"]);
        _time.Advance(TimeSpan.FromMinutes(1));
        await waiting.WaitAsync(other, team, ["a@chorus.test"]);
        _time.Advance(TimeSpan.FromMinutes(1));
        await waiting.WaitAsync(post, new ApprovalStage(1, "Legal", Start.AddDays(1)), ["b@chorus.test"]);

        await waiting.AnsweredAsync("mention", "mastodon/109#x?y\\z", "B@chorus.test");
        await waiting.AnsweredAsync("mention", "mastodon/109#x?y\\z", "B@chorus.test");
        Assert.Equal(
            [("mastodon/109#x?y\\z", "a@chorus.test"), ("mastodon/109#x?y\\z", "ab@chorus.test"), ("mastodon/109", "a@chorus.test"), ("mastodon", "b@chorus.test")],
            (await waiting.ListAsync()).Select(r => (r.Item.ItemId, r.Approver)));

        // One item's rows alone, however alike the other items' ids and subjects.
        Assert.Equal(["a@chorus.test", "ab@chorus.test"], (await waiting.ListAsync("mention", "mastodon/109#x?y\\z")).Select(r => r.Approver));
        Assert.Equal(["a@chorus.test"], (await waiting.ListAsync("mention", "mastodon/109")).Select(r => r.Approver));
        Assert.Empty(await waiting.ListAsync("post", "mastodon/109"));

        await waiting.ClosedAsync("mention", "mastodon/109#x?y\\z");
        await waiting.ClosedAsync("mention", "never-asked");
        Assert.Equal([("mention", "mastodon/109"), ("post", "mastodon")], (await waiting.ListAsync()).Select(r => (r.Item.Subject, r.Item.ItemId)));
    }

    [Fact]
    public async Task Escaped_key_parts_never_run_into_each_other()
    {
        Assert.Equal("mastodon!2F109!23x!3Fy!5Cz!7C!21", TableWaitingApprovals.Escape("mastodon/109#x?y\\z|!"));
        Assert.DoesNotContain('/', TableWaitingApprovals.Escape("a/b\u0001c"));
        TableWaitingApprovals waiting = Waiting();
        await waiting.WaitAsync(new ApprovalItem("post", "a|b", new string('s', 1_000)), new ApprovalStage(1, "One", Start), ["x@chorus.test"]);
        await waiting.WaitAsync(new ApprovalItem("post", "a", "A"), new ApprovalStage(1, "One", Start), ["b|x@chorus.test"]);
        await waiting.ClosedAsync("post", "a");
        WaitingApproval left = Assert.Single(await waiting.ListAsync());
        Assert.Equal("a|b", left.Item.ItemId);
        Assert.Equal(TableWaitingApprovals.MaxSummary, left.Item.Summary.Length);
    }

    [Fact]
    public async Task Writers_racing_on_one_item_lose_nobody_and_answers_racing_remove_everyone_they_name()
    {
        TableWaitingApprovals waiting = Waiting();
        ApprovalItem post = new("post", "20261120-race", "Racing");
        ApprovalStage stage = new(1, "Legal", Start.AddDays(1));
        string[] approvers = [.. Enumerable.Range(0, 12).Select(i => $"a{i}@chorus.test")];

        // Overlapping requests at once (a retried request and an escalation), each with a share of the approvers.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(w => waiting.WaitAsync(post, stage, [.. approvers.Skip(w * 2).Take(4)])));
        Assert.Equal(approvers.Order(StringComparer.Ordinal), (await waiting.ListAsync()).Select(r => r.Approver).Order(StringComparer.Ordinal));

        await Task.WhenAll(approvers.Take(9).Select(a => waiting.AnsweredAsync("post", post.ItemId, a)));
        Assert.Equal(approvers.Skip(9).Order(StringComparer.Ordinal), (await waiting.ListAsync()).Select(r => r.Approver).Order(StringComparer.Ordinal));
    }

    private TableWaitingApprovals Waiting()
        => new(new TableServiceClient(azurite.ConnectionString).GetTableClient("waiting" + Guid.NewGuid().ToString("N")[..12]), _time);
}
