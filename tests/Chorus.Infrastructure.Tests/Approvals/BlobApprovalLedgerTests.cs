using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Chorus.Approvals;
using Chorus.Infrastructure.Approvals;

namespace Chorus.Infrastructure.Tests.Approvals;

[Collection(LedgerCollection.Name)]
public sealed class BlobApprovalLedgerTests(LedgerAzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ApprovalTokenClaims Approve = new(ApprovalSubjects.Post, "post-0001", 1, "alice@example.org", "approve", At.AddDays(7));

    private readonly BlobContainerClient _container = azurite.NewContainer();

    private BlobApprovalLedger Ledger() => new(_container);

    private static ApprovalDecisionRecord Record(ApprovalTokenClaims claims, string? comment = null, string? clientIp = "192.0.2.10") =>
        ApprovalDecisionRecord.ForClaims(claims, comment, At.AddHours(1), clientIp, "Mozilla/5.0");

    [Fact]
    public async Task The_first_decision_consumes_the_slot_and_a_second_is_refused()
    {
        BlobApprovalLedger ledger = Ledger();

        Assert.True(await ledger.TryConsumeAsync(Approve, Record(Approve, "first")));
        Assert.False(await ledger.TryConsumeAsync(Approve, Record(Approve, "second")));

        Assert.Equal("first", (await ledger.GetAsync(Approve))?.Comment);
    }

    [Fact]
    public async Task The_same_approver_in_the_same_stage_cannot_decide_again_with_another_action()
    {
        BlobApprovalLedger ledger = Ledger();
        ApprovalTokenClaims reject = Approve with { Action = "reject" };

        Assert.True(await ledger.TryConsumeAsync(Approve, Record(Approve)));
        Assert.False(await ledger.TryConsumeAsync(reject, Record(reject)));

        Assert.Equal("approve", (await ledger.GetAsync(reject))?.Action);
    }

    [Fact]
    public async Task The_approver_is_one_person_whatever_the_case_of_the_address()
    {
        BlobApprovalLedger ledger = Ledger();
        ApprovalTokenClaims shouting = Approve with { Approver = "ALICE@Example.ORG" };

        Assert.True(await ledger.TryConsumeAsync(Approve, Record(Approve)));
        Assert.False(await ledger.TryConsumeAsync(shouting, Record(shouting)));
    }

    [Fact]
    public async Task Another_approver_another_stage_another_instance_or_subject_each_have_their_own_slot()
    {
        BlobApprovalLedger ledger = Ledger();
        Assert.True(await ledger.TryConsumeAsync(Approve, Record(Approve)));

        ApprovalTokenClaims[] others =
        [
            Approve with { Approver = "bob@example.org" },
            Approve with { Stage = 2 },
            Approve with { InstanceId = "post-0002" },
            Approve with { Subject = ApprovalSubjects.Mention, Action = "dismiss" },
        ];

        foreach (ApprovalTokenClaims other in others)
        {
            Assert.True(await ledger.TryConsumeAsync(other, Record(other)), $"{other} should have its own slot");
        }
    }

    [Fact]
    public async Task Of_twenty_simultaneous_decisions_exactly_one_wins_and_is_kept()
    {
        BlobApprovalLedger ledger = Ledger();
        await _container.CreateIfNotExistsAsync();
        string[] actions = ["approve", "reject"];

        (bool Won, int Index)[] results = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            ApprovalTokenClaims claims = Approve with { Action = actions[i % 2] };
            bool won = await ledger.TryConsumeAsync(claims, Record(claims, $"click {i}", $"192.0.2.{i}"));
            return (won, i);
        }));

        (bool _, int winner) = Assert.Single(results, r => r.Won);
        ApprovalDecisionRecord? kept = await ledger.GetAsync(Approve);
        Assert.NotNull(kept);
        Assert.Equal($"click {winner}", kept.Comment);
        Assert.Equal(actions[winner % 2], kept.Action);
        Assert.Equal($"192.0.2.{winner}", kept.ClientIp);
    }

    [Fact]
    public async Task Simultaneous_decisions_on_a_container_not_yet_created_still_have_one_winner()
    {
        BlobApprovalLedger ledger = Ledger();

        bool[] results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => ledger.TryConsumeAsync(Approve, Record(Approve, $"click {i}"))));

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task Get_returns_the_whole_record()
    {
        BlobApprovalLedger ledger = Ledger();
        ApprovalDecisionRecord record = Record(Approve, "Looks good.\nShip it <b>now</b>");

        await ledger.TryConsumeAsync(Approve, record);

        Assert.Equal(record, await ledger.GetAsync(Approve));
    }

    [Fact]
    public async Task Get_is_null_before_any_decision_and_when_the_container_is_missing()
    {
        BlobApprovalLedger ledger = Ledger();

        Assert.Null(await ledger.GetAsync(Approve));

        await ledger.TryConsumeAsync(Approve, Record(Approve));
        Assert.Null(await ledger.GetAsync(Approve with { Stage = 2 }));
    }

    [Fact]
    public async Task The_slot_is_a_json_blob_at_a_hashed_path()
    {
        BlobApprovalLedger ledger = Ledger();

        await ledger.TryConsumeAsync(Approve, Record(Approve));

        BlobItem blob = Assert.Single(await _container.GetBlobsAsync().ToListAsync());
        Assert.Matches("^approvals/post/[0-9a-f]{64}/1/[0-9a-f]{64}\\.json$", blob.Name);
        Assert.DoesNotContain("alice", blob.Name, StringComparison.Ordinal);
        Assert.Equal("application/json", blob.Properties.ContentType);

        BlobDownloadResult content = await _container.GetBlobClient(blob.Name).DownloadContentAsync();
        using JsonDocument json = JsonDocument.Parse(content.Content.ToMemory());
        Assert.Equal("alice@example.org", json.RootElement.GetProperty("approver").GetString());
        Assert.Equal("approve", json.RootElement.GetProperty("action").GetString());
    }

    [Fact]
    public async Task A_record_for_another_slot_is_refused()
    {
        BlobApprovalLedger ledger = Ledger();
        ApprovalTokenClaims bob = Approve with { Approver = "bob@example.org" };

        await Assert.ThrowsAsync<ArgumentException>(() => ledger.TryConsumeAsync(Approve, Record(bob)));
        Assert.Null(await ledger.GetAsync(Approve));
    }

    [Fact]
    public async Task A_subject_that_is_not_post_or_mention_never_reaches_a_blob_name()
    {
        BlobApprovalLedger ledger = Ledger();
        ApprovalTokenClaims sneaky = Approve with { Subject = "../post" };

        await Assert.ThrowsAsync<ArgumentException>(() => ledger.TryConsumeAsync(sneaky, Record(sneaky)));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.GetAsync(sneaky));
    }
}
