using Chorus.Approvals;

namespace Chorus.Host.Api;

/// <summary>
/// Sends the approval pages' security headers (no framing, no referrer, no caching, a script-free content policy,
/// no MIME sniffing) with every response the app writes, errors included, so no route is left without them. The API
/// reference UI runs script: its own, served by this app, and nothing from elsewhere. The dashboard runs only its own
/// script files (Chart.js and dashboard.js from /dashboard/assets) and its stylesheet: no inline script or style at all.
/// </summary>
internal static class SecurityHeaders
{
    private const string ReferencePagePolicy =
        "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The dashboard's policy: scripts and styles from this app's files only; chart data travels in JSON blocks, which never run.</summary>
    public const string DashboardPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseChorusSecurityHeaders(this IApplicationBuilder app)
        => app.Use((context, next) =>
        {
            SendWith(context);
            return next(context);
        });

    /// <summary>Adds the headers to <paramref name="context"/>'s response when it starts, whatever writes it (the Azure Functions app's middleware too).</summary>
    public static void SendWith(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            if (context.Request.Path.StartsWithSegments(Reference.ApiReference.UiPath, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers.ContentSecurityPolicy = ReferencePagePolicy;
            }
            else if (context.Request.Path.StartsWithSegments(Dashboard.DashboardSetup.BasePath, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers.ContentSecurityPolicy = DashboardPolicy;
            }

            foreach ((string name, string value) in ApprovalPages.ResponseHeaders)
            {
                context.Response.Headers.TryAdd(name, value);
            }

            return Task.CompletedTask;
        });
    }
}
