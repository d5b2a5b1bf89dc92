using Chorus.Approvals;
using Chorus.Host.Dashboard.Deciding;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Dashboard.SignIn;

/// <summary>
/// Where every page sends someone not signed in: how to sign in (the run command's one-time link, or Entra ID). With
/// the one-time links, a button prints a new link in the run command's output (<see cref="ISignInLinkOutput"/>), for
/// whoever sees that output: the link is built on <c>Approvals:Links:PublicBaseUrl</c>, never on the request's Host
/// header, which a caller could point at their own site to collect the token.
/// </summary>
internal sealed partial class IndexModel(IConfiguration configuration, SignInLinks links, ISignInLinkOutput output, IOptions<ApprovalLinkOptions> approvalLinks, IOptions<LocalSignInOptions> local, ILogger<IndexModel> logger) : PageModel
{
    private const string AskedKey = "link-asked";

    public bool UsesEntra { get; } = EntraSignInOptions.IsConfigured(configuration);

    public string? SignedInAs { get; private set; }

    public string ReturnUrl { get; private set; } = DashboardSetup.BasePath;

    /// <summary>Gets what pressing the new-link button did: "printed", "too-soon", or null when it was not pressed.</summary>
    public string? LinkAsked { get; private set; }

    public async Task OnGetAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl is { } wanted && Url.IsLocalUrl(wanted) && wanted.StartsWith(DashboardSetup.BasePath, StringComparison.Ordinal) ? wanted : DashboardSetup.BasePath;
        LinkAsked = TempData[AskedKey] as string;
        AuthenticateResult signedIn = await HttpContext.AuthenticateAsync(DashboardRoles.CookieScheme);
        SignedInAs = signedIn.Succeeded ? DashboardDecisions.EmailOf(signedIn.Principal) : null;

        // The status says what it is: a page for someone who is not signed in.
        Response.StatusCode = SignedInAs is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK;
    }

    public IActionResult OnPost()
    {
        if (UsesEntra || approvalLinks.Value.PublicBaseUrl is not { } baseUri)
        {
            return NotFound();
        }

        if (links.IssueOnRequest(baseUri) is { } link)
        {
            output.Print(link, local.Value.Email ?? LocalSignInOptions.FallbackEmail, local.Value.LinkLifetime);
            LinkPrinted(logger);
            TempData[AskedKey] = "printed";
        }
        else
        {
            TempData[AskedKey] = "too-soon";
        }

        // Post/Redirect/Get: a reload asks for nothing more.
        return RedirectToPage();
    }

    // The link itself stays out of the log: see ISignInLinkOutput.
    [LoggerMessage(Level = LogLevel.Information, Message = "A dashboard sign-in link was asked for on the sign-in page and printed on standard output.")]
    private static partial void LinkPrinted(ILogger logger);
}
