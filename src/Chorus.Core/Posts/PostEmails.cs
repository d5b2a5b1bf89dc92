using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Chorus.Approvals;
using Chorus.Mail;
using Chorus.Posts.Policy;
using Chorus.Posts.Review;
using Chorus.Sentiment;

namespace Chorus.Posts;

/// <summary>The emails of the staff-post flow, in HTML and plain text, every value HTML-encoded.</summary>
public static class PostEmails
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>Asks (or reminds, or escalates to) an approver, with Approve and Reject links.</summary>
    public static MailMessage ApprovalRequest(
        PostSubmission post, ReviewStage stage, ApprovalRequestKind kind, string recipient, PolicyReport? report, DocumentSentiment? sentiment, Uri approve, Uri reject, DateTimeOffset expires)
    {
        string lead = kind switch
        {
            ApprovalRequestKind.Reminder => $"Reminder: a staff {Noun(post)} is still waiting for your decision.",
            ApprovalRequestKind.Escalation => $"This staff {Noun(post)} has had no decision in time and is escalated to you as a backup approver.",
            _ => $"A staff {Noun(post)} needs your decision.",
        };
        string subject = kind switch
        {
            ApprovalRequestKind.Reminder => $"Reminder: approve a {Noun(post)} by {post.Author.DisplayName}?",
            ApprovalRequestKind.Escalation => $"Escalated: approve a {Noun(post)} by {post.Author.DisplayName}?",
            _ => $"Approve a {Noun(post)} by {post.Author.DisplayName}?",
        };
        string channels = string.Join(", ", post.Channels);
        string sentimentText = sentiment?.Label is { } label ? label.ToString().ToLowerInvariant() : "not scored";
        string expiresText = expires.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        IReadOnlyList<PolicyFinding> findings = report?.Findings ?? [];

        StringBuilder text = new();
        text.AppendLine(lead).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Author: {post.Author.DisplayName} <{post.Author.Email}>, team {post.Author.Team}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Channels: {channels}");
        if (post.InReplyTo is { } mention)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"In reply to: {mention.Url?.ToString() ?? mention.Source + " mention " + mention.SourceId}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Stage: {stage.Name} ({(stage.Mode == ApprovalMode.Everyone ? "every approver must approve" : "the first answer decides")})");
        text.AppendLine(CultureInfo.InvariantCulture, $"Sentiment: {sentimentText}").AppendLine();
        text.AppendLine("Post:").AppendLine(post.Text).AppendLine();
        if (findings.Count > 0)
        {
            text.AppendLine("Findings:");
            foreach (PolicyFinding finding in findings)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- [{finding.Severity}] {finding.Explanation}");
            }

            text.AppendLine();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Approve: {approve}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Reject: {reject}").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Each link opens a page where you confirm (and may comment); nothing is decided by opening it. The links work until {expiresText} and only for you.");

        string inReplyTo = post.InReplyTo is { } target ? $"<br><strong>In reply to:</strong> {E(target.Url?.ToString() ?? target.Source + " mention " + target.SourceId)}" : string.Empty;
        StringBuilder html = new();
        html.Append("<!DOCTYPE html><html lang=\"en\"><body style=\"font-family:sans-serif;color:#1a1a1a;max-width:40em\">");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(lead)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p><strong>Author:</strong> {E(post.Author.DisplayName)} &lt;{E(post.Author.Email)}&gt;, team {E(post.Author.Team)}<br><strong>Channels:</strong> {E(channels)}{inReplyTo}<br><strong>Stage:</strong> {E(stage.Name)}<br><strong>Sentiment:</strong> {E(sentimentText)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<blockquote style=\"white-space:pre-wrap;border-left:4px solid #555;padding-left:1em\">{E(post.Text)}</blockquote>");
        if (findings.Count > 0)
        {
            html.Append("<h2 style=\"font-size:1.1em\">Findings</h2><ul>");
            foreach (PolicyFinding finding in findings)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><strong>{E(finding.Severity.ToString())}</strong>: {E(finding.Explanation)}</li>");
            }

            html.Append("</ul>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(approve.ToString())}\" style=\"background:#0b6e2e;color:#fff;padding:.5em 1em;text-decoration:none\">Approve</a> &nbsp; <a href=\"{E(reject.ToString())}\" style=\"background:#a1141c;color:#fff;padding:.5em 1em;text-decoration:none\">Reject</a></p>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Each link opens a page where you confirm (and may comment); nothing is decided by opening it. The links work until {E(expiresText)} and only for you.</p></body></html>");

        return new MailMessage(
            $"<{post.PostId}.s{stage.Number}.{kind.ToString().ToLowerInvariant()}.{PostArtefacts.AddressKey(recipient)}@chorus>",
            [new MailAddress(recipient)],
            subject,
            html.ToString(),
            text.ToString());
    }

    /// <summary>Tells the author how the review ended, with the reason and every reviewer comment.</summary>
    public static MailMessage Outcome(PostSubmission post, PostOutcome outcome)
    {
        string verdict = outcome.Status switch
        {
            PostStatus.Approved => "approved",
            PostStatus.Rejected => "not approved",
            _ => "expired without a decision",
        };
        string excerpt = post.Text.Length > 80 ? post.Text[..80] + "…" : post.Text;
        StringBuilder text = new();
        text.AppendLine(CultureInfo.InvariantCulture, $"Hello {post.Author.DisplayName},").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Your {Noun(post)} was {verdict}.").AppendLine(outcome.Reason).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Your {Noun(post)}:").AppendLine(post.Text).AppendLine();
        StringBuilder html = new();
        html.Append("<!DOCTYPE html><html lang=\"en\"><body style=\"font-family:sans-serif;color:#1a1a1a;max-width:40em\">");
        html.Append(CultureInfo.InvariantCulture, $"<p>Hello {E(post.Author.DisplayName)},</p><p>Your {Noun(post)} was <strong>{E(verdict)}</strong>. {E(outcome.Reason)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<blockquote style=\"white-space:pre-wrap;border-left:4px solid #555;padding-left:1em\">{E(post.Text)}</blockquote>");
        List<ApprovalDecision> commented = outcome.Decisions.Where(d => !string.IsNullOrWhiteSpace(d.Comment)).ToList();
        if (commented.Count > 0)
        {
            text.AppendLine("Reviewer comments:");
            html.Append("<h2 style=\"font-size:1.1em\">Reviewer comments</h2><ul>");
            foreach (ApprovalDecision decision in commented)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {decision.Approver} ({decision.Action}): {decision.Comment}");
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(decision.Approver)} ({E(decision.Action)}): {E(decision.Comment!)}</li>");
            }

            html.Append("</ul>");
        }

        html.Append("</body></html>");
        return new MailMessage(
            $"<{post.PostId}.outcome@chorus>",
            [new MailAddress(post.Author.Email, post.Author.DisplayName)],
            $"Your {Noun(post)} was {verdict}: \"{excerpt}\"",
            html.ToString(),
            text.ToString());
    }

    /// <summary>What the email calls the item: a reply to a customer is not "a post" to the person who wrote it.</summary>
    private static string Noun(PostSubmission post) => post.Kind == PostKind.Reply ? "reply" : "post";

    private static string E(string value) => Html.Encode(value);
}
