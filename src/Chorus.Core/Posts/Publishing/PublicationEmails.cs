using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Chorus.Mail;

namespace Chorus.Posts.Publishing;

/// <summary>
/// The one email an author gets when an approved post goes out: a link per channel it was published on, the network's
/// message per channel it failed on, and for every channel without an account the text with a link to post it by hand.
/// </summary>
public static class PublicationEmails
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>Tells the author what became of the post on each channel.</summary>
    public static MailMessage Report(PostSubmission post, IReadOnlyList<Publication> publications)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(publications);
        List<Publication> published = [.. publications.Where(p => p.Status == PublicationStatus.Published)];
        List<Publication> failed = [.. publications.Where(p => p.Status == PublicationStatus.Failed)];
        List<Publication> manual = [.. publications.Where(p => p.Status == PublicationStatus.Manual)];
        string excerpt = post.Text.Length > 60 ? post.Text[..60] + "…" : post.Text;
        string subject = failed.Count > 0 ? $"Your post could not be published on {Names(failed)}: \"{excerpt}\""
            : manual.Count > 0 ? $"Your approved post is ready for you to publish on {Names(manual)}: \"{excerpt}\""
            : $"Your post is published on {Names(published)}: \"{excerpt}\"";

        StringBuilder text = new();
        StringBuilder html = new();
        text.AppendLine(CultureInfo.InvariantCulture, $"Hello {post.Author.DisplayName},").AppendLine();
        html.Append("<!DOCTYPE html><html lang=\"en\"><body style=\"font-family:sans-serif;color:#1a1a1a;max-width:40em\">");
        html.Append(CultureInfo.InvariantCulture, $"<p>Hello {E(post.Author.DisplayName)},</p>");
        foreach (Publication publication in published)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Your post is published on {publication.Channel}: {publication.Url}");
            html.Append(CultureInfo.InvariantCulture, $"<p>Your post is published on {E(publication.Channel.ToString())}: <a href=\"{E(publication.Url!.ToString())}\">View on {E(publication.Channel.ToString())}</a></p>");
        }

        foreach (Publication publication in failed)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Your post could not be published on {publication.Channel}. {publication.Channel} said: {publication.Message}");
            html.Append(CultureInfo.InvariantCulture, $"<p>Your post could not be published on {E(publication.Channel.ToString())}. {E(publication.Channel.ToString())} said: <em>{E(publication.Message ?? string.Empty)}</em></p>");
        }

        if (failed.Count > 0)
        {
            text.AppendLine("It stays approved: post it by hand, or ask whoever runs Chorus to fix the account and submit it again.");
            html.Append("<p>It stays approved: post it by hand, or ask whoever runs Chorus to fix the account and submit it again.</p>");
        }

        if (manual.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Chorus has no account for {Names(manual)}, so please post it yourself, in your own name:");
            html.Append(CultureInfo.InvariantCulture, $"<p>Chorus has no account for {E(Names(manual))}, so please post it yourself, in your own name:</p><ul>");
            foreach (Publication publication in manual)
            {
                string where = publication.ComposeUrl is { } compose ? compose.ToString() : "copy the text below";
                text.AppendLine(CultureInfo.InvariantCulture, $"- {publication.Channel}: {where}");
                html.Append(publication.ComposeUrl is { } link
                    ? $"<li><a href=\"{E(link.ToString())}\">Post on {E(publication.Channel.ToString())}</a></li>"
                    : $"<li>{E(publication.Channel.ToString())}: copy the text below</li>");
            }

            html.Append("</ul>");
            if (post is { Kind: PostKind.Reply, InReplyTo.Url: { } answered })
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"It answers {answered}: reply there.");
                html.Append(CultureInfo.InvariantCulture, $"<p>It answers <a href=\"{E(answered.ToString())}\">this post</a>: reply there.</p>");
            }
        }

        text.AppendLine().AppendLine("The approved text:").AppendLine(post.Text);
        html.Append(CultureInfo.InvariantCulture, $"<p>The approved text:</p><blockquote style=\"white-space:pre-wrap;border-left:4px solid #555;padding-left:1em\">{E(post.Text)}</blockquote></body></html>");
        return new MailMessage(
            $"<{post.PostId}.publication@chorus>",
            [new MailAddress(post.Author.Email, post.Author.DisplayName)],
            subject,
            html.ToString(),
            text.ToString());
    }

    private static string Names(List<Publication> publications) => string.Join(", ", publications.Select(p => p.Channel.ToString()));

    private static string E(string value) => Html.Encode(value);
}
