using System.Text;
using Azure.Storage.Blobs;
using Chorus.Artefacts;
using Chorus.Infrastructure.Artefacts;
using Chorus.Infrastructure.Tests.Artefacts;
using Chorus.Mail;
using Microsoft.Extensions.Time.Testing;

namespace Chorus.Infrastructure.Tests.Mail;

/// <summary>An email kept as an artefact is sent once, when runs of an activity overlap after a crash or one dies mid-send.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class KeptMailTests(AzuriteFixture azurite)
{
    private readonly BlobArtefactStore _store = new(new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("m-" + Guid.NewGuid().ToString("N")));
    private readonly ArtefactPath _eml = ArtefactPath.Of("posts", "p1", "emails", "outcome-s0-0123456789abcdef.eml");

    [Fact]
    public async Task Of_eight_overlapping_runs_exactly_one_sends_and_all_see_the_mail_kept()
    {
        CountingMailer mailer = new(TimeSpan.FromMilliseconds(300));
        KeptMail mail = new(mailer, _store, TimeProvider.System);

        bool[] sent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => mail.SendOnceAsync(_eml, Message, CancellationToken.None)));

        Assert.Equal(1, mailer.Count);
        Assert.Single(sent, s => s);
        Assert.NotNull(await _store.ReadAsync(_eml));
    }

    [Fact]
    public async Task A_kept_mail_is_not_sent_again()
    {
        CountingMailer mailer = new(TimeSpan.Zero);
        KeptMail mail = new(mailer, _store, TimeProvider.System);

        Assert.True(await mail.SendOnceAsync(_eml, Message, CancellationToken.None));
        Assert.False(await mail.SendOnceAsync(_eml, Message, CancellationToken.None));
        Assert.Equal(1, mailer.Count);
    }

    [Fact]
    public async Task A_claim_whose_run_died_before_keeping_the_mail_is_taken_over_once_it_is_stale()
    {
        FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
        ArtefactPath claim = ArtefactPath.Of("posts", "p1", "emails", "outcome-s0-0123456789abcdef.eml.claim0");
        await _store.WriteOnceAsync(claim, Encoding.UTF8.GetBytes(clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture)), "text/plain");
        CountingMailer mailer = new(TimeSpan.Zero);
        KeptMail mail = new(mailer, _store, clock);

        Task<bool> waiting = mail.SendOnceAsync(_eml, Message, CancellationToken.None);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(0, mailer.Count);
        clock.Advance(KeptMail.ClaimLifetime + TimeSpan.FromSeconds(1));

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, mailer.Count);
    }

    private static MailMessage Message() => new("p1.outcome@chorus", [new MailAddress("author@chorus.test")], "Your post was approved", "<p>Approved.</p>", "Approved.");

    private sealed class CountingMailer(TimeSpan delay) : IMailer
    {
        private int _count;

        public int Count => _count;

        public async Task<byte[]> SendAsync(MailMessage message, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            await Task.Delay(delay, cancellationToken);
            return Encoding.UTF8.GetBytes("Subject: " + message.Subject + "\r\n\r\n");
        }
    }
}
