using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Chorus.Artefacts;
using Chorus.Durable;
using Chorus.Mail;
using Microsoft.Extensions.Options;

namespace Chorus.Mentions.Alerts;

/// <summary>
/// Raises an alert once and mails it to the care team once. The alert is first added to the log (one per series and
/// hour: a second detection finds it there), then kept as <c>alert.json</c>, then mailed through
/// <see cref="KeptMail"/> (a write-once claim, then the <c>.eml</c>), then marked sent. Each step is write-once, so a
/// retry or a restart anywhere in between resumes rather than repeats, and an alert whose process died before it was
/// mailed is finished from the log's pending list (<see cref="FinishPendingAsync"/>).
/// </summary>
public sealed class AlertDispatch(
    IAlertLog log,
    IAlertCounters counters,
    IAlertChart chart,
    IArtefactStore artefacts,
    KeptMail mail,
    IOptionsMonitor<AlertOptions> options,
    TimeProvider time)
{
    /// <summary>How many days of hours the chart shows.</summary>
    public const int ChartDays = 7;

    /// <summary>Raises <paramref name="alert"/> unless its series' hour already has one.</summary>
    /// <returns>True when this call mailed it.</returns>
    public async Task<bool> RaiseAsync(AlertRecord alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        (bool added, AlertLogEntry entry) = await log.TryAddAsync(alert, cancellationToken).ConfigureAwait(false);

        // A pending alert someone else added moments ago is theirs to send; the pending sweep takes it over if they died.
        if (entry.SentAt is not null || (!added && !Abandoned(entry.Alert)))
        {
            return false;
        }

        return await SendAsync(entry.Alert, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Mails the alerts whose sender stopped before it marked them sent.</summary>
    /// <returns>How many this call mailed.</returns>
    public async Task<int> FinishPendingAsync(CancellationToken cancellationToken)
    {
        int sent = 0;
        foreach (AlertRecord alert in await log.PendingAsync(cancellationToken).ConfigureAwait(false))
        {
            if (Abandoned(alert) && await SendAsync(alert, cancellationToken).ConfigureAwait(false))
            {
                sent++;
            }
        }

        return sent;
    }

    private bool Abandoned(AlertRecord alert) => time.GetUtcNow() - alert.DetectedAt > KeptMail.ClaimLifetime;

    private async Task<bool> SendAsync(AlertRecord alert, CancellationToken cancellationToken)
    {
        await artefacts.WriteOnceAsync(AlertArtefacts.Alert(alert), JsonSerializer.SerializeToUtf8Bytes(alert, DurableJson.Options), "application/json", cancellationToken).ConfigureAwait(false);
        List<string> recipients = options.CurrentValue.Recipients;
        bool sent = false;
        if (recipients.Count > 0 && await artefacts.ReadAsync(AlertArtefacts.Email(alert), cancellationToken).ConfigureAwait(false) is null)
        {
            byte[] png = await RenderChartAsync(alert, cancellationToken).ConfigureAwait(false);
            sent = await mail.SendOnceAsync(AlertArtefacts.Email(alert), () => Compose(alert, recipients, png), cancellationToken).ConfigureAwait(false);
        }

        await log.MarkSentAsync(alert, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return sent;
    }

    private async Task<byte[]> RenderChartAsync(AlertRecord alert, CancellationToken cancellationToken)
    {
        DateTimeOffset last = alert.Hour;
        DateTimeOffset first = last.AddHours((-24 * ChartDays) + 1);
        Dictionary<DateTimeOffset, long> counted = (await counters.ReadAsync(alert.Series, first, last, cancellationToken).ConfigureAwait(false))
            .ToDictionary(h => h.Hour, h => h.Tally.Negative);
        List<(DateTimeOffset, long)> hours = new(24 * ChartDays);
        for (DateTimeOffset hour = first; hour <= last; hour = hour.AddHours(1))
        {
            hours.Add((hour, counted.GetValueOrDefault(hour)));
        }

        return chart.RenderPng($"Negative mentions per hour: {alert.Series.Title}", hours, alert.Hour, alert.BaselineRate);
    }

    /// <summary>The email: what was found, its numbers, the chart and the examples.</summary>
    internal static MailMessage Compose(AlertRecord alert, List<string> recipients, byte[] png)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        bool spike = alert.Kinds.Contains("spike");
        bool dip = alert.Kinds.Contains("dip");
        string what = spike && dip ? "Spike in negative mentions and sentiment dip" : spike ? "Spike in negative mentions" : "Sentiment dip";
        string window = $"{alert.Hour.UtcDateTime.ToString("yyyy-MM-dd HH:00", inv)}–{alert.Hour.AddHours(1).UtcDateTime.ToString("HH:00", inv)} UTC";
        string seenBy = alert.DetectedAt.UtcDateTime.ToString("HH:mm", inv);
        List<string> facts =
        [
            $"Window: {window} (found at {seenBy} UTC)",
            $"Negative mentions so far: {alert.Negative}, where the baseline expects {alert.Expected.ToString("0.##", inv)} by then ({alert.BaselineRate.ToString("0.##", inv)} an hour)",
        ];
        if (alert.SpikeProbability is { } p)
        {
            facts.Add($"Chance of at least that many, were the baseline right: {Probability(p)} (Poisson tail)");
        }

        if (alert.MeanScore is { } mean && alert.BaselineScore is { } usual)
        {
            facts.Add($"Mean sentiment this hour: {mean.ToString("0.00", inv)}, against {usual.ToString("0.00", inv)} usually" + (alert.DipProbability is { } d ? $" (chance of a mean this low: {Probability(d)})" : string.Empty));
        }

        StringBuilder text = new();
        StringBuilder html = new("<!DOCTYPE html><html lang=\"en\"><body style=\"font-family:sans-serif;max-width:48em\">");
        text.AppendLine(CultureInfo.InvariantCulture, $"{what}: {alert.Series.Title}.").AppendLine();
        html.Append(CultureInfo.InvariantCulture, $"<h2>{WebUtility.HtmlEncode(what)}: {WebUtility.HtmlEncode(alert.Series.Title)}</h2><ul>");
        foreach (string fact in facts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {fact}");
            html.Append(CultureInfo.InvariantCulture, $"<li>{WebUtility.HtmlEncode(fact)}</li>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</ul><p><img src=\"cid:chart\" alt=\"Negative mentions per hour over the last {ChartDays} days\" width=\"800\" height=\"300\"></p>");
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"The attached chart shows the negative mentions per hour over the last {ChartDays} days.");
        if (alert.Examples.Count > 0)
        {
            text.AppendLine().AppendLine("Examples:");
            html.Append("<h3>Examples</h3><ul>");
            foreach (AlertExample example in alert.Examples)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {example.Author} ({example.Score.ToString("0.00", inv)}): {example.Excerpt} {example.Url}");
                string link = example.Url is { Scheme: "http" or "https" } url ? $" <a href=\"{WebUtility.HtmlEncode(url.AbsoluteUri)}\">view</a>" : string.Empty;
                html.Append(CultureInfo.InvariantCulture, $"<li><strong>{WebUtility.HtmlEncode(example.Author)}</strong> ({example.Score.ToString("0.00", inv)}): {WebUtility.HtmlEncode(example.Excerpt)}{link}</li>");
            }

            html.Append("</ul>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p style=\"color:#666\">One alert per hour and series; this is {WebUtility.HtmlEncode(alert.Id)}.</p></body></html>");
        string subject = $"{what}: {alert.Series.Title}, {window}";
        return new MailMessage($"<{alert.Id}@chorus>", [.. recipients.Select(r => new MailAddress(r))], subject, html.ToString(), text.ToString())
        {
            Images = [new MailImage("chart", "chart.png", png)],
        };
    }

    private static string Probability(double p) => p < 0.0001 ? p.ToString("0.0e0", CultureInfo.InvariantCulture) : p.ToString("0.####", CultureInfo.InvariantCulture);
}
