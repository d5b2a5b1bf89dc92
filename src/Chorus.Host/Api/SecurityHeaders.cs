using Chorus.Approvals;

namespace Chorus.Host.Api;

/// <summary>
/// Sends the approval pages' security headers (no framing, no referrer, no caching, a script-free content policy,
/// no MIME sniffing) with every response the app writes, errors included, so no route is left without them. The API
/// reference UI is the one page that runs script: its own, served by this app, and nothing from elsewhere.
/// </summary>
internal static class SecurityHeaders
{
    private const string ReferencePagePolicy =
        "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

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

            foreach ((string name, string value) in ApprovalPages.ResponseHeaders)
            {
                context.Response.Headers.TryAdd(name, value);
            }

            return Task.CompletedTask;
        });
    }
}
