using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Chorus.Mail;

namespace Chorus.Mentions.Triage;

/// <summary>The triage email: the mention, a link to it, its score, why it was flagged, and the three action links.</summary>
public static class MentionEmails
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>The email asking a team member to decide on a flagged mention, with one signed link per action.</summary>
    public static MailMessage DecisionRequest(MentionTriageInput triage, MentionRequestKind kind, string recipient, IReadOnlyDictionary<string, Uri> links, DateTimeOffset expires)
    {
        ArgumentNullException.ThrowIfNull(triage);
        ArgumentNullException.ThrowIfNull(links);
        Mention mention = triage.Mention;
        string lead = kind switch
        {
            MentionRequestKind.Reminder => "Reminder: this mention still needs someone from your team.",
            MentionRequestKind.Escalation => "Nobody answered this mention in time; it is escalated to you.",
            _ => "A customer mention needs your team.",
        };
        string prefix = kind switch { MentionRequestKind.Reminder => "Reminder: ", MentionRequestKind.Escalation => "Escalated: ", _ => string.Empty };
        string score = MentionClassifier.SentimentScore(triage.Sentiment)?.ToString("0.###", CultureInfo.InvariantCulture) ?? "not scored";
        string expiresText = expires.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        string author = mention.AuthorName is null ? mention.AuthorHandle : $"{mention.AuthorName} ({mention.AuthorHandle})";

        StringBuilder text = new();
        text.AppendLine(lead).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Source: {mention.Source}; author: {author}; sentiment: {score}");
        if (mention.Url is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Link: {mention.Url}");
        }

        text.AppendLine().AppendLine(mention.Text).AppendLine().AppendLine("Why it was flagged:");
        foreach (string reason in triage.Classification.Reasons)
        {
            text.AppendLine("- " + reason);
        }

        text.AppendLine();
        foreach ((string action, Uri link) in links)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{Label(action)}: {link}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Each link opens a page where you confirm; nothing is recorded by opening it. The links work until {expiresText} and only for you.");

        StringBuilder html = new();
        html.Append("<!DOCTYPE html><html lang=\"en\"><body style=\"font-family:sans-serif;color:#1a1a1a;max-width:40em\">");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(lead)}</p><p><strong>Source:</strong> {E(mention.Source)}<br><strong>Author:</strong> {E(author)}<br><strong>Sentiment:</strong> {E(score)}</p>");
        if (mention.Url is { Scheme: "http" or "https" } url)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(url.AbsoluteUri)}\">View the mention</a></p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<blockquote style=\"white-space:pre-wrap;border-left:4px solid #555;padding-left:1em\">{E(mention.Text)}</blockquote><h2 style=\"font-size:1.1em\">Why it was flagged</h2><ul>");
        foreach (string reason in triage.Classification.Reasons)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(reason)}</li>");
        }

        html.Append("</ul><p>");
        foreach ((string action, Uri link) in links)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(link.ToString())}\" style=\"background:#1f3a93;color:#fff;padding:.5em 1em;text-decoration:none;margin-right:.5em\">{E(Label(action))}</a> ");
        }

        html.Append(CultureInfo.InvariantCulture, $"</p><p>Each link opens a page where you confirm; nothing is recorded by opening it. The links work until {E(expiresText)} and only for you.</p></body></html>");
        string flat = string.Join(' ', mention.Text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        string excerpt = flat.Length > 60 ? flat[..60] + "…" : flat;
        return new MailMessage(
            $"<{triage.MentionId}.{kind}.{Posts.PostArtefacts.AddressKey(recipient)}@chorus>",
            [new MailAddress(recipient)],
            $"{prefix}Mention on {mention.Source} needs your team: \"{excerpt}\"",
            html.ToString(),
            text.ToString());
    }

    private static string Label(string action) => char.ToUpperInvariant(action[0]) + action[1..];

    private static string E(string value) => Html.Encode(value);
}
