namespace Chorus.Host.Dashboard;

/// <summary>
/// The dashboard's app roles (Entra ID app roles of these names; the local identity holds all three) and the
/// authorization policies they map to: Viewer sees every page, Approver also decides, Admin may do both.
/// </summary>
internal static class DashboardRoles
{
    public const string Viewer = "Viewer";
    public const string Approver = "Approver";
    public const string Admin = "Admin";

    /// <summary>The policy every page requires: signed in to the dashboard with any of the three roles.</summary>
    public const string ViewPolicy = "dashboard.view";

    /// <summary>The policy deciding requires: Approver or Admin (and, checked per item, being one of its approvers).</summary>
    public const string DecidePolicy = "dashboard.decide";

    /// <summary>The dashboard's cookie scheme; the only scheme its policies accept (never the API key).</summary>
    public const string CookieScheme = "Dashboard";

    /// <summary>The OpenID Connect scheme for Entra ID, registered only when <c>Dashboard:Entra</c> is configured.</summary>
    public const string EntraScheme = "DashboardEntra";
}
