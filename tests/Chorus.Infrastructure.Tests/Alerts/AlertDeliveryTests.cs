using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Chorus.Artefacts;
using Chorus.Infrastructure.Alerts;
using Chorus.Infrastructure.Artefacts;
using Chorus.Infrastructure.Mail;
using Chorus.Infrastructure.Tests.Artefacts;
using Chorus.Infrastructure.Tests.Mail;
using Chorus.Mail;
using Chorus.Mentions.Alerts;
using Chorus.Mentions.Triage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using SkiaSharp;

namespace Chorus.Infrastructure.Tests.Alerts;

/// <summary>
/// From recorded mentions to the care team's inbox, on Azurite and maildev: a spike is mailed once, with its numbers,
/// its chart and its examples, however often it is evaluated and by however many fresh processes; an alert whose
/// sender died before mailing it is mailed once by a later evaluation.
/// </summary>
[Collection(MaildevCollection.Name)]
public sealed class AlertDeliveryTests(MaildevFixture maildev, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Care = "care@chorus.example";
    private static readonly DateTimeOffset Hour = new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Hour.AddMinutes(12));
    private readonly string _source = "alerts-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _tables = Guid.NewGuid().ToString("N")[..12];
    private readonly BlobArtefactStore _artefacts = new(new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("alerts-" + Guid.NewGuid().ToString("N")));

    [Fact]
    public async Task A_spike_is_mailed_once_with_its_numbers_chart_and_examples_however_often_it_is_evaluated()
    {
        (AlertEvaluator evaluator, AlertTally tally, IAlertLog log) = Process();
        await RecordHistoryAsync(tally);

        // Eight complaints in the first ten minutes of an hour that usually has one.
        await tally.RecordedAsync([.. Enumerable.Range(1, 8).Select(i => Complaint($"spike{i}", Hour.AddMinutes(i)))], CancellationToken.None);
        Assert.Equal(1, await evaluator.EvaluateAsync(CancellationToken.None));

        string id = $"alert-{_source}-all-2026112014";
        MimeMessage mail = await ReceivedAsync(id);
        Assert.Equal([Care], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("Spike in negative mentions", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("2026-11-20 14:00–15:00 UTC", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Negative mentions so far: 8, where the baseline expects 0.2 by then (1 an hour)", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("(Poisson tail)", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("src=\"cid:chart\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(AlertHour.MaxExamples, CountOf(mail.HtmlBody ?? string.Empty, "<li><strong>@someone</strong>"));
        Assert.Contains("https://social.example/@someone/spike", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("I want my money back, this is a disgrace", mail.TextBody, StringComparison.Ordinal);

        MimePart chart = Assert.Single(mail.BodyParts.OfType<MimePart>(), p => p.ContentType.MimeType == "image/png");
        Assert.Equal("chart", chart.ContentId);
        using MemoryStream png = new();
        await chart.Content!.DecodeToAsync(png);
        using SKBitmap bitmap = SKBitmap.Decode(png.ToArray());
        Assert.Equal((800, 300), (bitmap.Width, bitmap.Height));

        // Later in the hour, more complaints, evaluated again; then by a fresh process (a restart): nothing new is sent.
        _clock.Advance(TimeSpan.FromMinutes(5));
        await tally.RecordedAsync([.. Enumerable.Range(9, 4).Select(i => Complaint($"spike{i}", Hour.AddMinutes(i)))], CancellationToken.None);
        Assert.Equal(0, await evaluator.EvaluateAsync(CancellationToken.None));
        (AlertEvaluator restarted, _, _) = Process();
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await restarted.EvaluateAsync(CancellationToken.None));
        Assert.Equal(1, await MailsAsync(id));

        AlertLogEntry entry = Assert.Single((await log.PageAsync(null, 10, CancellationToken.None)).Alerts);
        Assert.Equal(id, entry.Alert.Id);
        Assert.Equal(["spike"], entry.Alert.Kinds);
        Assert.NotNull(entry.SentAt);
        AlertRecord? kept = await _artefacts.ReadJsonAsync<AlertRecord>(ArtefactPath.Parse($"alerts/2026/11/20/{id}/alert.json"), CancellationToken.None);
        Assert.Equal(8, kept?.Negative);
        Assert.NotNull(await _artefacts.ReadAsync(ArtefactPath.Parse($"alerts/2026/11/20/{id}/email.eml")));
    }

    [Fact]
    public async Task An_alert_whose_sender_died_before_mailing_it_is_mailed_once_by_a_later_evaluation()
    {
        (AlertEvaluator evaluator, AlertTally tally, IAlertLog log) = Process();
        await RecordHistoryAsync(tally);
        AlertRecord alert = new(
            AlertRecord.IdOf(new AlertSeries(_source, null), Hour.AddHours(-1)), _source, null, Hour.AddHours(-1), ["spike"], 9, 1, 1, 1e-6, null, null, null, _clock.GetUtcNow(), []);
        Assert.True((await log.TryAddAsync(alert, CancellationToken.None)).Added);

        // Moments later it is still the first sender's to finish; once that sender has gone quiet, the next round does.
        Assert.Equal(0, await evaluator.EvaluateAsync(CancellationToken.None));
        _clock.Advance(KeptMail.ClaimLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await evaluator.EvaluateAsync(CancellationToken.None));
        Assert.Equal(0, await evaluator.EvaluateAsync(CancellationToken.None));
        Assert.Equal(1, await MailsAsync(alert.Id));
        Assert.Empty(await log.PendingAsync(CancellationToken.None));
    }

    private (AlertEvaluator Evaluator, AlertTally Tally, IAlertLog Log) Process()
    {
        AlertOptions options = new() { Enabled = true };
        options.Recipients.Add(Care);
        StaticOptionsMonitor<AlertOptions> monitor = new(options);
        TableServiceClient tables = new(azurite.ConnectionString);
        TableAlertCounters counters = new(tables.GetTableClient("alertcounts" + _tables));
        TableAlertLog log = new(tables.GetTableClient("alerts" + _tables));
        SmtpMailer mailer = new(new SmtpOptions { Host = "127.0.0.1", Port = maildev.Server.SmtpPort, Timeout = TimeSpan.FromSeconds(10) }, _clock);
        AlertDispatch dispatch = new(log, counters, new ScottPlotAlertChart(), _artefacts, new KeptMail(mailer, _artefacts, _clock), monitor, _clock);
        return (new AlertEvaluator(counters, dispatch, monitor, _clock, NullLogger<AlertEvaluator>.Instance), new AlertTally(counters, monitor, _clock), log);
    }

    /// <summary>Three days before the hour, each hour one complaint and one compliment.</summary>
    private async Task RecordHistoryAsync(AlertTally tally)
    {
        List<MentionTriageInput> history = [];
        for (int hour = 72; hour >= 1; hour--)
        {
            history.Add(Complaint($"old-bad-{hour}", Hour.AddHours(-hour).AddMinutes(20)));
            history.Add(AlertMentions.Scored(_source, $"old-good-{hour}", "Thanks, all sorted", 0.6, Hour.AddHours(-hour).AddMinutes(40)));
        }

        await tally.RecordedAsync(history, CancellationToken.None);
    }

    private MentionTriageInput Complaint(string id, DateTimeOffset at)
        => AlertMentions.Scored(_source, id, $"I want my money back, this is a disgrace ({id})", -0.7, at);

    private async Task<MimeMessage> ReceivedAsync(string alertId)
    {
        JsonElement mail = await maildev.WaitForMailAsync($"<{alertId}@chorus>");
        using MemoryStream source = new(await maildev.GetSourceAsync(mail));
        return await MimeMessage.LoadAsync(source);
    }

    private async Task<int> MailsAsync(string alertId)
    {
        JsonElement mails = await maildev.Api.GetFromJsonAsync<JsonElement>("api/email");
        return mails.EnumerateArray().Count(m => m.GetProperty("headers").TryGetProperty("message-id", out JsonElement id) && id.GetString()?.Trim('<', '>') == $"{alertId}@chorus");
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
