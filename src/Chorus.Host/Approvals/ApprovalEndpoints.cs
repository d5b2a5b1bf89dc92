using Chorus.Approvals;
using Chorus.Telemetry;

namespace Chorus.Host.Approvals;

/// <summary>
/// Approval links. <c>GET /approvals/{token}</c> only shows a confirmation page (mail scanners and link previews
/// fetch every URL; a GET must never decide). <c>POST /approvals/{token}</c>, sent by that page's form, decides:
/// the token is checked, the item must still wait for that stage, and the approver's slot is consumed once. A POST
/// on a used slot whose item still waits delivers the recorded decision again (a crash between the two steps).
/// </summary>
internal static class ApprovalEndpoints
{
    private const string AlreadyUsed = "already_used";

    public static IEndpointRouteBuilder MapApprovalEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder approvals = routes.MapGroup("/approvals").WithTags("Approval pages");
        approvals.MapGet("/{token}", ShowAsync)
            .WithName("ShowApproval")
            .WithSummary("The confirmation page an emailed approval link opens")
            .WithDescription("Shows what is being decided and a form to confirm it. Opening the link decides nothing.")
            .ProducesPages(StatusCodes.Status200OK, StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status410Gone);
        approvals.MapPost("/{token}", DecideAsync)
            .DisableAntiforgery()
            .WithName("DecideApproval")
            .WithSummary("Records the decision the confirmation page's form sends")
            .Accepts<ApprovalForm>("application/x-www-form-urlencoded")
            .ProducesPages(StatusCodes.Status200OK, StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status410Gone);
        return routes;
    }

    internal static async Task<IResult> ShowAsync(string token, HttpContext http, ApprovalTokenSigner signer, ApprovalDecisions decisions, ChorusMetrics metrics, CancellationToken cancellationToken)
    {
        (ApprovalTokenClaims? claims, IApprovalSubject? subject, IResult? refusal) = await AdmitAsync(token, signer, decisions, metrics, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        ApprovalPageModel? model = await subject!.DescribeAsync(claims!, cancellationToken);
        if (model is null)
        {
            metrics.ApprovalLinkRefused(ReasonOf(NotWaitingReason.Withdrawn));
            return Page(ApprovalPages.NotWaiting(claims!.Subject, NotWaitingReason.Withdrawn), StatusCodes.Status409Conflict);
        }

        return Page(ApprovalPages.Confirmation(model, http.Request.Path), StatusCodes.Status200OK);
    }

    internal static async Task<IResult> DecideAsync(string token, HttpContext http, ApprovalTokenSigner signer, ApprovalDecisions decisions, TimeProvider time, ChorusMetrics metrics, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > decisions.MaxFormBytes || !http.Request.HasFormContentType)
        {
            return Unreadable();
        }

        (ApprovalTokenClaims? claims, IApprovalSubject? subject, IResult? refusal) = await AdmitAsync(token, signer, decisions, metrics, cancellationToken, deliverInterrupted: true);
        if (refusal is not null)
        {
            return refusal;
        }

        ApprovalDecisions.HoldToFormLimit(http, decisions.MaxFormBytes);

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            // A NUL in a value, a broken encoding, a body over the limit: what no confirmation page sends.
            return Unreadable();
        }

        if (!string.Equals(form["action"].ToString(), claims!.Action, StringComparison.Ordinal))
        {
            return Page(ApprovalPages.Outcome("This form does not match its link", "The decision in the form is not the one the link was made for. Use the confirmation page as it is. Nothing was recorded.", success: false), StatusCodes.Status400BadRequest);
        }

        DecisionText text = await decisions.ReadTextAsync(claims, subject!, form["comment"].ToString(), form["reply"].ToString(), cancellationToken);
        if (text.TakesReply && !text.Acceptable)
        {
            // Anything wrong comes back on the same page with everything typed kept, and the link still unused.
            string problem = text.ReplyProblem is { } wrong
                ? $"Your reply was not sent: {wrong} Nothing was recorded; correct it below and send it again."
                : $"The comment may have at most {ApprovalDecisionRecord.MaxCommentLength:N0} characters. Nothing was recorded; shorten it below and send again.";
            return await ComposeAgainAsync(claims, subject!, form["reply"].ToString(), form["comment"].ToString(), problem, http.Request.Path, cancellationToken);
        }

        if (text.CommentTooLong)
        {
            return Page(ApprovalPages.Outcome("The comment is too long", $"A comment may have at most {ApprovalDecisionRecord.MaxCommentLength:N0} characters. Go back, shorten it and confirm again. Nothing was recorded.", success: false), StatusCodes.Status400BadRequest);
        }

        ApprovalDecisionRecord decision = ApprovalDecisionRecord.ForClaims(
            claims, text.Comment, time.GetUtcNow(), http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), text.Reply);
        if (await decisions.CommitAsync(claims, subject!, decision, cancellationToken) is { } earlier)
        {
            metrics.ApprovalLinkRefused(AlreadyUsed);
            return Page(ApprovalPages.AlreadyUsed(earlier), StatusCodes.Status409Conflict);
        }

        return Page(ApprovalPages.Decided(decision), StatusCodes.Status200OK);
    }

    private static ApprovalPageResult Unreadable()
        => Page(ApprovalPages.Outcome("This form could not be read", "Send the decision from the confirmation page. Nothing was recorded.", success: false), StatusCodes.Status400BadRequest);

    /// <summary>The confirmation page again, its reply box holding what was sent and saying what is wrong with it.</summary>
    private static async Task<IResult> ComposeAgainAsync(ApprovalTokenClaims claims, IApprovalSubject subject, string reply, string comment, string problem, string formAction, CancellationToken cancellationToken)
    {
        if (await subject.DescribeAsync(claims, cancellationToken) is not { Composer: { } composer } model)
        {
            return Page(ApprovalPages.NotWaiting(claims.Subject, NotWaitingReason.Withdrawn), StatusCodes.Status409Conflict);
        }

        ReplyComposer kept = composer with { Text = reply.ReplaceLineEndings("\n"), Error = problem, Comment = comment.ReplaceLineEndings("\n") };
        return Page(ApprovalPages.Confirmation(model with { Composer = kept }, formAction), StatusCodes.Status400BadRequest);
    }

    /// <summary>The checks both verbs share: a valid token, a known subject, a slot not yet used, an item still waiting.</summary>
    /// <param name="token">The token from the link, as the caller sent it.</param>
    /// <param name="signer">Checks the token's signature and expiry.</param>
    /// <param name="decisions">The decision path: the kinds of item a token may be for, whether its slot was used, whether the item waits.</param>
    /// <param name="metrics">Counts refusals by reason.</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <param name="deliverInterrupted">
    /// For a POST: when the slot is used but the item still waits for that stage, deliver the recorded decision first
    /// (see <see cref="ApprovalDecisions.CheckAsync"/>). A GET never does.
    /// </param>
    private static async Task<(ApprovalTokenClaims? Claims, IApprovalSubject? Subject, IResult? Refusal)> AdmitAsync(
        string token, ApprovalTokenSigner signer, ApprovalDecisions decisions, ChorusMetrics metrics, CancellationToken cancellationToken, bool deliverInterrupted = false)
    {
        TokenCheck check = signer.Verify(token);
        if (check.Problem != TokenProblem.None || check.Claims is null)
        {
            metrics.ApprovalLinkRefused(ReasonOf(check.Problem == TokenProblem.None ? TokenProblem.Malformed : check.Problem));
            return (null, null, Page(ApprovalPages.ForProblem(check.Problem), ApprovalPages.StatusFor(check.Problem)));
        }

        ApprovalTokenClaims claims = check.Claims;
        IApprovalSubject? subject = decisions.SubjectOf(claims.Subject);
        if (subject is null)
        {
            metrics.ApprovalLinkRefused(ReasonOf(TokenProblem.Malformed));
            return (null, null, Page(ApprovalPages.ForProblem(TokenProblem.Malformed), StatusCodes.Status400BadRequest));
        }

        DecisionCheck slot = await decisions.CheckAsync(claims, subject, deliverInterrupted, cancellationToken);
        if (slot.Earlier is { } earlier)
        {
            metrics.ApprovalLinkRefused(AlreadyUsed);
            return (null, null, Page(ApprovalPages.AlreadyUsed(earlier), StatusCodes.Status409Conflict));
        }

        if (slot.NotWaiting is { } reason)
        {
            metrics.ApprovalLinkRefused(ReasonOf(reason));
            return (null, null, Page(ApprovalPages.NotWaiting(claims.Subject, reason), StatusCodes.Status409Conflict));
        }

        return (claims, subject, null);
    }

    /// <summary>The <see cref="ChorusMetrics.ReasonTag"/> of a refused token.</summary>
    private static string ReasonOf(TokenProblem problem) => problem switch
    {
        TokenProblem.Missing => "missing",
        TokenProblem.UnknownKey => "unknown_key",
        TokenProblem.BadSignature => "bad_signature",
        TokenProblem.Expired => "expired",
        _ => "malformed",
    };

    /// <summary>The <see cref="ChorusMetrics.ReasonTag"/> of an item that no longer waits.</summary>
    private static string ReasonOf(NotWaitingReason reason) => reason switch
    {
        NotWaitingReason.AlreadyDecided => "already_decided",
        NotWaitingReason.Expired => "closed",
        _ => "withdrawn",
    };

    /// <summary>Every answer here is an HTML page, refusals included: the reader is a person following a link.</summary>
    private static RouteHandlerBuilder ProducesPages(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (int status in statuses)
        {
            builder.Produces(status, contentType: "text/html");
        }

        return builder;
    }

    private static ApprovalPageResult Page(string html, int status) => new(html, status);

    /// <summary>An HTML page with the security headers the approval pages need (no framing, no scripts).</summary>
    private sealed class ApprovalPageResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            foreach ((string name, string value) in ApprovalPages.ResponseHeaders)
            {
                httpContext.Response.Headers[name] = value;
            }

            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            return httpContext.Response.WriteAsync(html);
        }
    }
}
