using Chorus.Approvals;

namespace Chorus.Host.Api;

/// <summary>
/// Sends the approval pages' security headers (no framing, no referrer, no caching, a script-free content policy,
/// no MIME sniffing) with every response the app writes, errors included, so no route is left without them.
/// </summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseChorusSecurityHeaders(this IApplicationBuilder app)
        => app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                foreach ((string name, string value) in ApprovalPages.ResponseHeaders)
                {
                    context.Response.Headers.TryAdd(name, value);
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
