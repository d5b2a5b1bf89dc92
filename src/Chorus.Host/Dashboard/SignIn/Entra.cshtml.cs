using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chorus.Host.Dashboard.SignIn;

/// <summary>Starts Entra ID sign-in (OpenID Connect), coming back to a dashboard page; not found unless Entra ID is configured.</summary>
internal sealed class EntraModel(IConfiguration configuration) : PageModel
{
    public IActionResult OnGet(string? returnUrl)
    {
        if (!EntraSignInOptions.IsConfigured(configuration))
        {
            return RedirectToPage("/SignIn/Index");
        }

        string back = returnUrl is { } wanted && Url.IsLocalUrl(wanted) && wanted.StartsWith(DashboardSetup.BasePath, StringComparison.Ordinal) ? wanted : DashboardSetup.BasePath;
        return Challenge(new AuthenticationProperties { RedirectUri = back }, DashboardRoles.EntraScheme);
    }
}
