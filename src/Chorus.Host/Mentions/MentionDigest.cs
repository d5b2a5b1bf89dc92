using System.Globalization;
using System.Net;
using System.Text;
using Chorus.Artefacts;
using Chorus.Mail;
using Chorus.Mentions;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Mentions;

/// <summary>
/// The daily digest of positive mentions, for staff who may want to share them: sent to <c>Mentions:Digest:Recipients</c>
/// on <c>Mentions:Digest:Schedule</c> (<see cref="MentionDigestOptions"/>) about the previous day, once per day (the sent
/// email is kept as <c>digests/{yyyy-MM-dd}.eml</c>, written once, which is also what stops a second send).
/// </summary>
internal sealed class MentionDigest(IArtefactStore artefacts, IMailer mailer, IOptions<MentionDigestOptions> options)
{
    public IReadOnlyList<string> Recipients => options.Value.Recipients;

    public string Schedule => options.Value.Schedule;

    /// <returns>How many mentions the digest listed (0: nothing sent).</returns>
    public async Task<int> SendAsync(DateOnly day, CancellationToken cancellationToken)
    {
        string date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        ArtefactPath sent = ArtefactPath.Of("digests", date + ".eml");
        if (Recipients.Count == 0 || await artefacts.ReadAsync(sent, cancellationToken) is not null)
        {
            return 0;
        }

        List<Mention> positive = [];
        string filter = $"\"kind\" = 'mention-triage' AND \"label\" = 'positive' AND \"day\" = '{date}'";
        await foreach ((ArtefactPath path, _) in artefacts.FindByTagsAsync(filter, cancellationToken))
        {
            string folder = path.Value[..path.Value.LastIndexOf('/')];
            if (await artefacts.ReadJsonAsync<Mention>(ArtefactPath.Parse(folder + "/mention.json"), cancellationToken) is { } mention)
            {
                positive.Add(mention);
            }
        }

        if (positive.Count == 0)
        {
            return 0;
        }

        StringBuilder text = new(), html = new("<!DOCTYPE html><html lang=\"en\"><body style=\"font-family:sans-serif;max-width:40em\">");
        text.AppendLine(CultureInfo.InvariantCulture, $"{positive.Count} positive mentions on {date}, in case you want to share them:").AppendLine();
        html.Append(CultureInfo.InvariantCulture, $"<p>{positive.Count} positive mentions on {date}, in case you want to share them:</p><ul>");
        foreach (Mention mention in positive.OrderBy(m => m.CreatedAt))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {mention.AuthorHandle} on {mention.Source}: {mention.Text} {mention.Url}");
            string link = mention.Url is { Scheme: "http" or "https" } url ? $" <a href=\"{WebUtility.HtmlEncode(url.AbsoluteUri)}\">view</a>" : string.Empty;
            html.Append(CultureInfo.InvariantCulture, $"<li><strong>{WebUtility.HtmlEncode(mention.AuthorHandle)}</strong> on {WebUtility.HtmlEncode(mention.Source)}: {WebUtility.HtmlEncode(mention.Text)}{link}</li>");
        }

        html.Append("</ul></body></html>");
        MailMessage message = new($"<digest.{date}@chorus>", [.. Recipients.Select(r => new MailAddress(r))], $"Positive mentions on {date} ({positive.Count})", html.ToString(), text.ToString());
        await artefacts.WriteOnceAsync(sent, await mailer.SendAsync(message, cancellationToken), "message/rfc822", cancellationToken);
        return positive.Count;
    }
}
