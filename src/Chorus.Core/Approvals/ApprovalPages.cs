using System.Globalization;
using System.Text;

namespace Chorus.Approvals;

/// <summary>
/// The pages an approval link leads to: the confirmation page (GET, decides nothing), the result after the POST, and
/// a page for every way a link can fail. Complete HTML5 documents without JavaScript; every value is HTML-encoded.
/// Serve them with <see cref="ContentType"/> and <see cref="ResponseHeaders"/>.
/// </summary>
public static class ApprovalPages
{
    /// <summary>The Content-Type of every page.</summary>
    public const string ContentType = "text/html; charset=utf-8";

    /// <summary>The status for <see cref="AlreadyUsed"/> and <see cref="NotWaiting"/>: the request is fine, the state does not allow it.</summary>
    public const int ConflictStatusCode = 409;

    /// <summary>
    /// Gets the headers to send with every page: the address holds a live token, so it must not reach other sites
    /// in a Referer, sit in caches, or be framed by a page that tricks the approver into clicking.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ResponseHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Content-Security-Policy"] = ApprovalPageLayout.HeaderPolicy,
        ["X-Frame-Options"] = "DENY",
        ["Referrer-Policy"] = "no-referrer",
        ["Cache-Control"] = "no-store",
        ["X-Content-Type-Options"] = "nosniff",
        ["X-Robots-Tag"] = "noindex, nofollow",
    };

    /// <summary>
    /// The page a link opens (GET): what is being decided, a clear statement that nothing is decided yet, and a form
    /// that POSTs <c>action</c> and an optional <c>comment</c> to <paramref name="formAction"/>.
    /// </summary>
    public static string Confirmation(ApprovalPageModel model, string formAction)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(formAction);
        string subject = E(model.Subject);
        string button = E(model.Composer is null ? ApprovalWording.Button(model.Subject, model.Action) : ApprovalWording.SendReply);

        StringBuilder html = new();
        html.Append("<h1>").Append(E(model.Title)).Append("</h1>\n")
            .Append("<p class=\"notice\"><strong>Nothing has been decided yet.</strong> Your decision is recorded only when you press \u201c")
            .Append(button).Append("\u201d below.</p>\n")
            .Append("<p>You are deciding as <strong>").Append(E(model.Approver))
            .Append("</strong>. If that is not you, close this page: the link was meant for someone else.</p>\n");

        html.Append("<section aria-labelledby=\"item-heading\">\n<h2 id=\"item-heading\">The ").Append(subject).Append("</h2>\n")
            .Append("<blockquote class=\"item\">").Append(E(NormaliseLineBreaks(model.ItemText))).Append("</blockquote>\n");
        if (model.ItemUrl is { IsAbsoluteUri: true } url && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            html.Append("<p><a href=\"").Append(E(url.AbsoluteUri)).Append("\" rel=\"noopener noreferrer\">View the original ")
                .Append(subject).Append(" (").Append(E(url.Host)).Append(")</a></p>\n");
        }

        html.Append("</section>\n");

        if (model.Facts is { Count: > 0 } facts)
        {
            html.Append("<section aria-labelledby=\"details-heading\">\n<h2 id=\"details-heading\">Details</h2>\n<dl>\n");
            foreach (PageFact fact in facts)
            {
                html.Append("<dt>").Append(E(fact.Label)).Append("</dt><dd>").Append(E(fact.Value)).Append("</dd>\n");
            }

            html.Append("</dl>\n</section>\n");
        }

        if (model.Findings is { Count: > 0 } findings)
        {
            html.Append("<section aria-labelledby=\"findings-heading\">\n<h2 id=\"findings-heading\">What the automatic checks found</h2>\n<ul class=\"findings\">\n");
            foreach (PageFinding finding in findings)
            {
                html.Append("<li><span class=\"").Append(SeverityClass(finding.Severity)).Append("\">").Append(E(finding.Severity)).Append("</span> <strong>")
                    .Append(E(finding.Rule)).Append("</strong>: ").Append(E(finding.Explanation)).Append("</li>\n");
            }

            html.Append("</ul>\n</section>\n");
        }

        html.Append("<section aria-labelledby=\"decide-heading\">\n<h2 id=\"decide-heading\">Your decision</h2>\n")
            .Append("<form method=\"post\" action=\"").Append(E(formAction)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"action\" value=\"").Append(E(model.Action)).Append("\" />\n");
        if (model.Composer is { } composer)
        {
            AppendComposer(html, composer);
        }

        html.Append("<label for=\"comment\">Comment (optional)</label>\n")
            .Append("<p id=\"comment-hint\" class=\"hint\">Up to ").Append(ApprovalDecisionRecord.MaxCommentLength.ToString("N0", CultureInfo.InvariantCulture))
            .Append(" characters, kept with your decision.</p>\n")
            .Append("<textarea id=\"comment\" name=\"comment\" rows=\"5\" maxlength=\"").Append(ApprovalDecisionRecord.MaxCommentLength.ToString(CultureInfo.InvariantCulture))
            .Append("\" aria-describedby=\"comment-hint\">").Append(E(model.Composer?.Comment)).Append("</textarea>\n")
            .Append("<button type=\"submit\">").Append(button).Append("</button>\n")
            .Append("</form>\n</section>\n");

        html.Append("<p class=\"secondary\">Not ready to decide? Close this page; nothing is recorded until you press the button.");
        if (model.LinkExpiresAt is { } expiresAt)
        {
            html.Append(" This link works once, until ").Append(E(ApprovalWording.When(expiresAt))).Append('.');
        }

        html.Append("</p>\n");
        return ApprovalPageLayout.Document(model.Title, html.ToString());
    }

    /// <summary>
    /// The reply box: labelled, prefilled, its limit and where it goes said in a hint, and a problem with what was
    /// sent said above it and tied to it (aria-describedby, aria-invalid) so a screen reader announces it with the box.
    /// </summary>
    private static void AppendComposer(StringBuilder html, ReplyComposer composer)
    {
        string describedBy = composer.Error is null ? "reply-hint" : "reply-error reply-hint";
        html.Append("<label for=\"reply\">Your reply ").Append(E(composer.Channel)).Append("</label>\n")
            .Append("<p id=\"reply-hint\" class=\"hint\">Up to ").Append(composer.MaxLength.ToString("N0", CultureInfo.InvariantCulture))
            .Append(" characters. It goes through the same review as any staff post, and you are emailed the outcome.</p>\n");
        if (composer.Error is { } error)
        {
            html.Append("<p id=\"reply-error\" class=\"error\" role=\"alert\">").Append(E(error)).Append("</p>\n");
        }

        html.Append("<textarea id=\"reply\" name=\"reply\" rows=\"6\" required=\"required\" maxlength=\"").Append(composer.MaxLength.ToString(CultureInfo.InvariantCulture))
            .Append("\" aria-describedby=\"").Append(describedBy).Append('"');
        if (composer.Error is not null)
        {
            html.Append(" aria-invalid=\"true\"");
        }

        // A textarea drops one line break right after its start tag: one is written so a reply that starts with one keeps it.
        html.Append(">\n").Append(E(composer.Text)).Append("</textarea>\n");
    }

    /// <summary>A result page: <paramref name="success"/> after a recorded decision, otherwise a problem page.</summary>
    public static string Outcome(string title, string message, bool success) => OutcomePage(title, message, success, quote: null, reply: null);

    /// <summary>The page after a decision is recorded, repeating the comment so the approver sees what was kept.</summary>
    public static string Decided(ApprovalDecisionRecord decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        string message = $"Your decision was recorded on {ApprovalWording.When(decision.DecidedAt)}.";
        if (decision.Reply is not null)
        {
            message += " Your reply now goes through the same review as any staff post; you will be emailed the outcome.";
        }

        return OutcomePage(
            $"Thanks \u2014 you {ApprovalWording.PastTense(decision.Action)} the {decision.Subject}",
            message,
            success: true,
            quote: decision.Comment,
            reply: decision.Reply);
    }

    /// <summary>The page for a link whose approver already decided in this stage; shows who and when if known. Send <see cref="ConflictStatusCode"/>.</summary>
    public static string AlreadyUsed(ApprovalDecisionRecord? earlier)
    {
        string message = earlier is null
            ? "This link has already been used. Each approver decides once per stage, so it cannot be used again. Nothing new was recorded."
            : $"{earlier.Approver} already {ApprovalWording.PastTense(earlier.Action)} this {earlier.Subject} on {ApprovalWording.When(earlier.DecidedAt)}. Each approver decides once per stage, so this link cannot be used again. Nothing new was recorded.";
        return Outcome("This link has already been used", message, success: false);
    }

    /// <summary>The page for a decision on an item that no longer takes one. Send <see cref="ConflictStatusCode"/>.</summary>
    public static string NotWaiting(string subject, NotWaitingReason reason)
    {
        ArgumentNullException.ThrowIfNull(subject);
        (string title, string message) = reason switch
        {
            NotWaitingReason.AlreadyDecided => ($"This {subject} was already decided", "It no longer needs a decision (another approver may have answered first), so nothing was recorded."),
            NotWaitingReason.Expired => ($"This {subject} is no longer waiting for a decision", "Its time for approval ran out before it was decided, so nothing was recorded."),
            NotWaitingReason.Withdrawn => ($"This {subject} was withdrawn", "There is nothing left to decide, so nothing was recorded."),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown reason."),
        };
        return Outcome(title, message, success: false);
    }

    /// <summary>The page for a token that failed verification.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="problem"/> is <see cref="TokenProblem.None"/>.</exception>
    public static string ForProblem(TokenProblem problem)
    {
        (string title, string message) = problem switch
        {
            TokenProblem.Missing => ("This approval link is incomplete", "The address has no approval code in it. Open the link from the email again; if your email program split it across lines, copy the whole address."),
            TokenProblem.Malformed => ("This approval link is damaged", "The address was cut short or changed, often by an email program wrapping a long line. Open the link from the email again, or ask for a new approval email."),
            TokenProblem.BadSignature => ("This approval link is not valid", "The link could not be verified, so it may have been altered. Use the link exactly as it came in the email, or ask for a new approval email."),
            TokenProblem.UnknownKey => ("This approval link is no longer valid", "It was made with a security key that has since been retired. Ask for a new approval email."),
            TokenProblem.Expired => ("This approval link has expired", "Approval links work for a limited time. If the item still needs your decision, ask for a new approval email."),
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "A valid token has no problem page."),
        };
        return Outcome(title, message + " Nothing was recorded.", success: false);
    }

    /// <summary>
    /// The HTTP status for a token check: 200 when valid; 400 when missing or malformed (a broken request); 403 for a
    /// bad signature or unknown key (cannot be trusted); 410 Gone when expired.
    /// </summary>
    public static int StatusFor(TokenProblem problem) => problem switch
    {
        TokenProblem.None => 200,
        TokenProblem.Missing or TokenProblem.Malformed => 400,
        TokenProblem.BadSignature or TokenProblem.UnknownKey => 403,
        TokenProblem.Expired => 410,
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "Unknown token problem."),
    };

    private static string OutcomePage(string title, string message, bool success, string? quote, string? reply)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(message);
        StringBuilder html = new();
        html.Append("<h1>").Append(E(title)).Append("</h1>\n")
            .Append("<div class=\"panel ").Append(success ? "success" : "problem").Append("\"><p class=\"message\">")
            .Append(E(NormaliseLineBreaks(message))).Append("</p></div>\n");
        if (!string.IsNullOrEmpty(reply))
        {
            html.Append("<h2>Your reply</h2>\n<blockquote class=\"item\">").Append(E(NormaliseLineBreaks(reply))).Append("</blockquote>\n");
        }

        if (!string.IsNullOrEmpty(quote))
        {
            html.Append("<h2>Your comment</h2>\n<blockquote class=\"item\">").Append(E(NormaliseLineBreaks(quote))).Append("</blockquote>\n");
        }

        html.Append("<p class=\"secondary\">You can close this page.</p>\n");
        return ApprovalPageLayout.Document(title, html.ToString());
    }

    private static string SeverityClass(string? severity) => severity?.ToUpperInvariant() switch
    {
        "BLOCK" => "severity block",
        "WARN" => "severity warn",
        _ => "severity",
    };

    private static string NormaliseLineBreaks(string? text) => (text ?? string.Empty).ReplaceLineEndings("\n");

    private static string E(string? text) => ApprovalPageLayout.Encode(text);
}
