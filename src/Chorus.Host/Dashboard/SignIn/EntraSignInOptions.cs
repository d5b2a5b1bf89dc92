using System.ComponentModel.DataAnnotations;

namespace Chorus.Host.Dashboard.SignIn;

/// <summary>
/// The dashboard's Entra ID sign-in (section <c>Dashboard:Entra</c>, read by Microsoft.Identity.Web as well), used when
/// <see cref="ClientId"/> is set. The app registration defines the app roles Viewer, Approver and Admin.
/// </summary>
internal sealed class EntraSignInOptions
{
    public const string SectionName = "Dashboard:Entra";

    /// <summary>Gets or sets the sign-in authority's host (default <c>https://login.microsoftonline.com/</c>).</summary>
    [Required]
    [Url]
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>Gets or sets the directory (tenant) id.</summary>
    [Required(ErrorMessage = "Dashboard:Entra:TenantId is required when Dashboard:Entra:ClientId is set.")]
    public string? TenantId { get; set; }

    /// <summary>Gets or sets the app registration's client id; setting it turns Entra ID sign-in on.</summary>
    [Required]
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the redirect path registered for the app (default <c>/dashboard/signin-oidc</c>).</summary>
    [Required]
    public string CallbackPath { get; set; } = "/dashboard/signin-oidc";

    /// <summary>Whether <paramref name="configuration"/> turns Entra ID sign-in on.</summary>
    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[$"{SectionName}:ClientId"]);
}
