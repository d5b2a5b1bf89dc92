using System.Collections.Concurrent;
using System.Reflection;
using Chorus.Functions.Durable;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chorus.Functions.Http;

/// <summary>
/// Runs one of the self-host's route handlers as a function's result. With the ASP.NET Core integration the function
/// sees the real <see cref="HttpContext"/> (its RequestServices are the invocation's services and its route values come
/// from the function's route), so the handler is bound by ASP.NET Core's own minimal-API binder
/// (<see cref="RequestDelegateFactory"/>): route values, query string, headers, form and services arrive exactly as in
/// the self-host, and the handler's <see cref="IResult"/> writes the response. A handler the self-host maps behind an
/// authorization policy runs behind the same policy, applied the way the authentication and authorization middleware
/// apply it there (default scheme, policy evaluator, the same 401/403 handling). A handler that needs the Durable client
/// gets the one bound to the function (<see cref="InvocationDurableClient"/>).
/// </summary>
internal sealed class SharedHandler : IResult
{
    private static readonly ConcurrentDictionary<MethodInfo, RequestDelegate> Compiled = new();
    private readonly Delegate _handler;
    private readonly string? _policy;
    private readonly DurableTaskClient? _client;

    private SharedHandler(Delegate handler, string? policy, DurableTaskClient? client)
    {
        _handler = handler;
        _policy = policy;
        _client = client;
    }

    /// <summary>Runs <paramref name="handler"/> for anyone, as the self-host maps it without authorization.</summary>
    public static IResult Run(Delegate handler) => new SharedHandler(handler, policy: null, client: null);

    /// <summary>Runs <paramref name="handler"/> for anyone, with the function's Durable client.</summary>
    public static IResult Run(DurableTaskClient client, Delegate handler) => new SharedHandler(handler, policy: null, client);

    /// <summary>Runs <paramref name="handler"/> behind the authorization policy named <paramref name="policy"/>.</summary>
    public static IResult Authorized(string policy, Delegate handler) => new SharedHandler(handler, policy, client: null);

    /// <summary>Runs <paramref name="handler"/> behind the authorization policy named <paramref name="policy"/>, with the function's Durable client.</summary>
    public static IResult Authorized(string policy, DurableTaskClient client, Delegate handler) => new SharedHandler(handler, policy, client);

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (_client is not null)
        {
            // RequestServices is the invocation's scope (FunctionContext.InstanceServices) with the ASP.NET Core integration.
            InvocationDurableClient.Bind(httpContext.RequestServices, _client);
        }

        RequestDelegate handler = Compiled.GetOrAdd(
            _handler.Method,
            static (_, state) => RequestDelegateFactory.Create(state.Handler, new RequestDelegateFactoryOptions { ServiceProvider = state.Services }).RequestDelegate,
            (Handler: _handler, Services: httpContext.RequestServices));
        if (_policy is null)
        {
            await handler(httpContext).ConfigureAwait(false);
            return;
        }

        // What UseAuthentication does: authenticate with the default scheme and keep the principal.
        AuthenticateResult authenticated = await httpContext.AuthenticateAsync().ConfigureAwait(false);
        if (authenticated.Principal is not null)
        {
            httpContext.User = authenticated.Principal;
        }

        // What UseAuthorization does for an endpoint with RequireAuthorization(policy).
        IServiceProvider services = httpContext.RequestServices;
        AuthorizationPolicy policy = await services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(_policy).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No authorization policy named '{_policy}' is registered.");
        IPolicyEvaluator evaluator = services.GetRequiredService<IPolicyEvaluator>();
        AuthenticateResult policyAuthentication = await evaluator.AuthenticateAsync(policy, httpContext).ConfigureAwait(false);
        PolicyAuthorizationResult authorization = await evaluator.AuthorizeAsync(policy, policyAuthentication, httpContext, httpContext).ConfigureAwait(false);
        await services.GetRequiredService<IAuthorizationMiddlewareResultHandler>().HandleAsync(handler, httpContext, policy, authorization).ConfigureAwait(false);
    }
}
