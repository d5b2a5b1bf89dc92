using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chorus.Host.Dashboard.SignIn;

/// <summary>For someone signed in without any of the dashboard's roles: a 403 that says which roles there are.</summary>
internal sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
