using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Dashboard.SignIn;

/// <summary>
/// The one-time sign-in link. Opening it (GET) only shows a Sign in button, so a link preview or a scanner uses
/// nothing; the button's POST uses the token, once, and sets the dashboard cookie for the local identity (every role).
/// </summary>
internal sealed class LinkModel(SignInLinks links, IOptions<LocalSignInOptions> options, IConfiguration configuration) : PageModel
{
    public const string AuthenticationType = "SignInLink";

    public bool Open { get; private set; }

    public string Email => options.Value.Email ?? string.Empty;

    public IActionResult OnGet(string token)
    {
        if (EntraSignInOptions.IsConfigured(configuration))
        {
            return RedirectToPage("/SignIn/Index");
        }

        Open = links.IsOpen(token);
        Response.StatusCode = Open ? StatusCodes.Status200OK : StatusCodes.Status410Gone;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (EntraSignInOptions.IsConfigured(configuration) || !links.TryConsume(token))
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        List<Claim> claims = [new(ClaimTypes.Name, Email), new(ClaimTypes.Email, Email)];
        claims.AddRange(new[] { DashboardRoles.Viewer, DashboardRoles.Approver, DashboardRoles.Admin }.Select(role => new Claim(ClaimTypes.Role, role)));
        ClaimsPrincipal principal = new(new ClaimsIdentity(claims, AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));
        await HttpContext.SignInAsync(DashboardRoles.CookieScheme, principal, new AuthenticationProperties { IsPersistent = true });
        return LocalRedirect(DashboardSetup.BasePath);
    }
}
