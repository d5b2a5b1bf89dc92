using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chorus.Host.Dashboard.SignIn;

/// <summary>Signs out of the dashboard (a POST from the layout's button); a GET only offers the button.</summary>
internal sealed class OutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(DashboardRoles.CookieScheme);
        return LocalRedirect(DashboardSetup.SignInPath);
    }
}
