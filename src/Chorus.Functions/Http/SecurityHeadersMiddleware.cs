using Chorus.Host.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Chorus.Functions.Http;

/// <summary>
/// Sends the self-host's security headers (<see cref="SecurityHeaders"/>) with every response an HTTP function writes.
/// Answers the Functions host gives itself (an unknown route's 404, say) never reach the worker; see README.
/// </summary>
internal sealed class SecurityHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http)
        {
            SecurityHeaders.SendWith(http);
        }

        return next(context);
    }
}
