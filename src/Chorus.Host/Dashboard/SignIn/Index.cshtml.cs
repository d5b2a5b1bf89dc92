using Chorus.Host.Dashboard.Deciding;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chorus.Host.Dashboard.SignIn;

/// <summary>Where every page sends someone not signed in: how to sign in (the run command's one-time link, or Entra ID).</summary>
internal sealed class IndexModel(IConfiguration configuration) : PageModel
{
    public bool UsesEntra { get; } = EntraSignInOptions.IsConfigured(configuration);

    public string? SignedInAs { get; private set; }

    public string ReturnUrl { get; private set; } = DashboardSetup.BasePath;

    public async Task OnGetAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl is { } wanted && Url.IsLocalUrl(wanted) && wanted.StartsWith(DashboardSetup.BasePath, StringComparison.Ordinal) ? wanted : DashboardSetup.BasePath;
        AuthenticateResult signedIn = await HttpContext.AuthenticateAsync(DashboardRoles.CookieScheme);
        SignedInAs = signedIn.Succeeded ? DashboardDecisions.EmailOf(signedIn.Principal) : null;

        // The status says what it is: a page for someone who is not signed in.
        Response.StatusCode = SignedInAs is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK;
    }
}
